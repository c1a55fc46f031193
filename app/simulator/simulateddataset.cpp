#include "simulateddataset.h"

#include "datasetgenerator.h"
#include "simulatorformat.h"
#include "simulatorlogging.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

namespace {

qint64 sortKey(const SimulatedDataSet::InboundNotification &notification)
{
    return notification.timestamp.isValid() ? notification.timestamp.toMSecsSinceEpoch()
                                            : std::numeric_limits<qint64>::min();
}

bool fail(QString *errorMessage, const QString &text)
{
    if (errorMessage)
        *errorMessage = text;
    return false;
}

std::optional<QByteArray> readFile(const QString &path, QString *errorMessage)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        fail(errorMessage, u"Could not read %1: %2"_s.arg(path, file.errorString()));
        return std::nullopt;
    }
    return file.readAll();
}

// Returns the "results" array of a response body, or std::nullopt when the body
// has none.
std::optional<QJsonArray> resultsOf(const QByteArray &body, QString *errorMessage)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        fail(errorMessage, u"not valid JSON (%1 at offset %2)"_s.arg(parseError.errorString())
                               .arg(parseError.offset));
        return std::nullopt;
    }
    const QJsonValue results = document.object().value(u"results"_s);
    if (!results.isArray()) {
        fail(errorMessage, u"the body has no \"results\" array"_s);
        return std::nullopt;
    }
    return results.toArray();
}

} // namespace

SimulatedDataSet SimulatedDataSet::generate(const Options &options)
{
    return DataSetGenerator(options).generate();
}

bool SimulatedDataSet::loadNotificationsFile(const QString &path, QString *errorMessage)
{
    const std::optional<QByteArray> body = readFile(path, errorMessage);
    if (!body)
        return false;

    QString parseError;
    const std::optional<QJsonArray> results = resultsOf(*body, &parseError);
    if (!results)
        return fail(errorMessage, u"%1: %2"_s.arg(path, parseError));

    for (const QJsonValue &callbackValue : *results) {
        const QJsonObject callback = callbackValue.toObject();
        const int callbackId = nextCallbackId();

        QHash<QString, QJsonObject> contactsByDigits;
        const QJsonArray contacts = callback.value(u"contacts"_s).toArray();
        for (const QJsonValue &contact : contacts) {
            const QString digits =
                SimulatorFormat::msisdnDigits(contact.toObject().value(u"wa_id"_s).toString());
            contactsByDigits.insert(digits, contact.toObject());
        }

        const QJsonArray notifications = callback.value(u"notifications"_s).toArray();
        for (const QJsonValue &value : notifications) {
            InboundNotification notification;
            notification.json = value.toObject();
            notification.timestamp = SimulatorFormat::parseIsoDateTime(
                notification.json.value(u"timestamp"_s).toString());
            notification.senderDigits =
                SimulatorFormat::msisdnDigits(notification.json.value(u"from"_s).toString());
            notification.contact = contactsByDigits.value(notification.senderDigits);
            notification.callbackId = callbackId;
            addNotification(notification);
        }
    }

    ++m_notificationsFileCount;
    m_notificationsFixtureBody = m_notificationsFileCount == 1 ? *body : QByteArray();
    qCDebug(lcSimulator) << "Loaded" << results->size() << "callbacks from" << path;
    return true;
}

bool SimulatedDataSet::loadStatusHistoryFile(const QString &path, QString *errorMessage)
{
    const std::optional<QByteArray> body = readFile(path, errorMessage);
    if (!body)
        return false;

    QString parseError;
    const std::optional<QJsonArray> results = resultsOf(*body, &parseError);
    if (!results) {
        // A broken file is served byte for byte, so only its message id is needed.
        static const QRegularExpression idPattern(uR"re("message_id"\s*:\s*"([^"]+)")re"_s);
        const QRegularExpressionMatch match = idPattern.match(QString::fromUtf8(*body));
        if (!match.hasMatch())
            return fail(errorMessage, u"%1: %2, and no \"message_id\" was found in it"_s.arg(
                                          path, parseError));

        StatusHistory history;
        history.messageId = match.captured(1);
        history.fixtureBody = *body;
        addStatusHistory(history);
        qCDebug(lcSimulator).noquote() << "Loaded" << path << "unparsed, to serve its bytes as they are:"
                                       << parseError;
        return true;
    }

    StatusHistory history;
    for (const QJsonValue &callbackValue : *results) {
        const QJsonArray statuses = callbackValue.toObject().value(u"statuses"_s).toArray();
        QList<QJsonObject> callback;
        for (const QJsonValue &status : statuses) {
            const QString messageId = status.toObject().value(u"message_id"_s).toString();
            if (history.messageId.isEmpty())
                history.messageId = messageId;
            else if (messageId != history.messageId)
                return fail(errorMessage, u"%1: the statuses belong to more than one message id (%2 and %3)"_s.arg(
                                              path, history.messageId, messageId));
            callback.append(status.toObject());
        }
        history.callbacks.append(callback);
    }
    if (history.messageId.isEmpty())
        return fail(errorMessage, u"%1: no status carries a \"message_id\""_s.arg(path));

    history.fixtureBody = *body;
    addStatusHistory(history);
    qCDebug(lcSimulator) << "Loaded the status history of" << history.messageId << "from" << path;
    return true;
}

bool SimulatedDataSet::loadFixtureDirectory(const QString &directory, QString *errorMessage)
{
    const QDir dir(directory);
    if (!dir.exists())
        return fail(errorMessage, u"The fixture folder %1 does not exist"_s.arg(directory));

    int loadedCount = 0;
    const QStringList fileNames = dir.entryList({u"*.json"_s}, QDir::Files, QDir::Name);
    for (const QString &fileName : fileNames) {
        const QString path = dir.filePath(fileName);
        bool loaded = false;
        if (fileName.startsWith(u"notifications"_s)) {
            loaded = loadNotificationsFile(path, errorMessage);
        } else if (fileName.startsWith(u"status"_s)) {
            loaded = loadStatusHistoryFile(path, errorMessage);
        } else {
            qCDebug(lcSimulator) << "Skipped" << path
                                 << "because its name starts with neither notifications nor status";
            continue;
        }
        if (!loaded)
            return false;
        ++loadedCount;
    }

    if (loadedCount == 0)
        return fail(errorMessage, u"%1 contains no notifications*.json or status*.json file"_s.arg(directory));
    return true;
}

void SimulatedDataSet::addNotification(const InboundNotification &notification)
{
    const auto position = std::upper_bound(
        m_notifications.begin(), m_notifications.end(), notification,
        [](const InboundNotification &a, const InboundNotification &b) { return sortKey(a) < sortKey(b); });
    m_notifications.insert(position, notification);
}

void SimulatedDataSet::addNotifications(const QList<InboundNotification> &notifications)
{
    m_notifications.append(notifications);
    std::stable_sort(m_notifications.begin(), m_notifications.end(),
                     [](const InboundNotification &a, const InboundNotification &b) {
                         return sortKey(a) < sortKey(b);
                     });
}

void SimulatedDataSet::addStatusHistory(const StatusHistory &history)
{
    m_statusHistories.insert(history.messageId, history);
}

int SimulatedDataSet::nextCallbackId()
{
    return ++m_lastCallbackId;
}

const QList<SimulatedDataSet::InboundNotification> &SimulatedDataSet::notifications() const
{
    return m_notifications;
}

QStringList SimulatedDataSet::statusMessageIds() const
{
    QStringList ids = m_statusHistories.keys();
    ids.sort();
    return ids;
}

std::optional<SimulatedDataSet::StatusHistory>
SimulatedDataSet::statusHistory(const QString &messageId) const
{
    const auto found = m_statusHistories.constFind(messageId);
    if (found == m_statusHistories.constEnd())
        return std::nullopt;
    return *found;
}

QByteArray SimulatedDataSet::notificationsFixtureBody() const
{
    return m_notificationsFixtureBody;
}
