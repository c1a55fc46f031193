#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

// The inbound messages and status histories that one simulated bot serves.
// Either generated from a seed or loaded from response bodies saved as files.
class SimulatedDataSet
{
public:
    // Settings for generate(). The same settings always produce the same data.
    struct Options
    {
        quint32 seed = 1;
        QDateTime referenceTime; // every inbound message is older than this. Invalid means now
        QString botId = QStringLiteral("demo-bot");
        int inboundCount = 300;
        int dayCount = 7;
        int senderCount = 12;
    };

    // One element of a Callback's notifications array, with what filtering needs.
    struct InboundNotification
    {
        QJsonObject json;
        QDateTime timestamp;  // UTC, invalid when the message has no readable time
        QString senderDigits; // digits of "from", empty when it is no MSISDN
        QJsonObject contact;  // the sender's contacts entry, empty for types that carry none
        int callbackId = 0;   // neighbours in time with the same id share one Callback
    };

    // The status updates of one outbound message.
    struct StatusHistory
    {
        QString messageId;
        QList<QList<QJsonObject>> callbacks; // each inner list is one Callback's statuses
        QByteArray fixtureBody; // a loaded file's bytes, served as they are
    };

    SimulatedDataSet() = default;

    static SimulatedDataSet generate(const Options &options);

    // Loads one page of the notifications endpoint, {"results": [Callback, ...]}.
    bool loadNotificationsFile(const QString &path, QString *errorMessage = nullptr);
    // Loads the body of the status endpoint for one message. A file that is not
    // valid JSON is kept as it is, so a client can be tested against it, as long
    // as a "message_id" can be found in its text.
    bool loadStatusHistoryFile(const QString &path, QString *errorMessage = nullptr);
    // Loads notifications*.json and status*.json from a folder and skips other files.
    bool loadFixtureDirectory(const QString &directory, QString *errorMessage = nullptr);

    void addNotification(const InboundNotification &notification);
    void addNotifications(const QList<InboundNotification> &notifications);
    void addStatusHistory(const StatusHistory &history);
    int nextCallbackId();

    // Sorted by time, oldest first. Messages without a time come first.
    const QList<InboundNotification> &notifications() const;
    QStringList statusMessageIds() const;
    std::optional<StatusHistory> statusHistory(const QString &messageId) const;

    // The bytes of the only notifications file loaded, empty when none or several were.
    QByteArray notificationsFixtureBody() const;

private:
    QList<InboundNotification> m_notifications;
    QHash<QString, StatusHistory> m_statusHistories;
    QByteArray m_notificationsFixtureBody;
    int m_notificationsFileCount = 0;
    int m_lastCallbackId = 0;
};
