#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QUrlQuery>

#include <optional>

// The filter of the inbound-messages request: time range, sender and page.
//
// Unset times are left out of the request, so the server applies its defaults
// (start 2019-09-01, end now). The sender is sent as digits only, whatever
// punctuation the user typed.
class NotificationQuery
{
    Q_DECLARE_TR_FUNCTIONS(NotificationQuery)

public:
    enum class Field { StartTime, EndTime, Sender, Page, PageSize };

    struct Problem
    {
        Field field;
        QString message;
    };

    static constexpr int DefaultPage = 1;
    static constexpr int DefaultPageSize = 20;
    // The largest page size this program requests. The API documents no limit.
    static constexpr int MaxPageSize = 1000;
    static QDateTime defaultStartTime();

    std::optional<QDateTime> startTime;
    std::optional<QDateTime> endTime;
    QString sender; // as typed
    int page = DefaultPage;
    int pageSize = DefaultPageSize;

    // Every reason the query cannot be sent, empty when it is valid.
    QList<Problem> validate() const;
    bool isValid() const { return validate().isEmpty(); }

    QString senderDigits() const;
    QUrlQuery toUrlQuery() const;
    QByteArray toJsonBody() const;

    // The same filter on another page.
    NotificationQuery withPage(int pageNumber) const;

    friend bool operator==(const NotificationQuery &, const NotificationQuery &) = default;

private:
    static QString formatTime(const QDateTime &time);
};
