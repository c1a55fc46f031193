#include "callbackresponsewriter.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace {

QByteArray resultsBody(const QJsonArray &results)
{
    return QJsonDocument(QJsonObject{{u"results"_s, results}}).toJson(QJsonDocument::Compact);
}

bool matches(const SimulatedDataSet::InboundNotification &notification,
             const SimulatorQuery &query)
{
    // A message without a readable time cannot be placed, so no time filter drops it.
    if (notification.timestamp.isValid()
        && (notification.timestamp < query.startTime || notification.timestamp > query.endTime)) {
        return false;
    }
    return query.senderDigits.isEmpty() || notification.senderDigits == query.senderDigits;
}

} // namespace

CallbackResponseWriter::CallbackResponseWriter(CallbackStoreSimulator::Quirks quirks)
    : m_quirks(quirks)
    , m_rewriter(quirks)
{
}

QByteArray CallbackResponseWriter::notificationsPage(const SimulatedDataSet &data,
                                                     const SimulatorQuery &query) const
{
    const QList<SimulatedDataSet::InboundNotification> &all = data.notifications();

    QList<QList<qsizetype>> callbacks;
    qsizetype matchCount = 0;
    for (qsizetype i = 0; i < all.size(); ++i) {
        if (!matches(all.at(i), query))
            continue;
        ++matchCount;
        const bool sameCallback = !callbacks.isEmpty()
            && all.at(callbacks.last().last()).callbackId == all.at(i).callbackId;
        if (sameCallback)
            callbacks.last().append(i);
        else
            callbacks.append(QList<qsizetype>{i});
    }

    qint64 first = qint64(query.page - 1) * query.pageSize;
    if (first >= callbacks.size() && m_quirks.testFlag(CallbackStoreSimulator::Quirk::RepeatLastPage)
        && !callbacks.isEmpty()) {
        first = (qint64(callbacks.size() - 1) / query.pageSize) * query.pageSize;
    }

    // A page that contains a whole loaded file, unchanged, is served as the file's bytes.
    const QByteArray fixtureBody = data.notificationsFixtureBody();
    if (!fixtureBody.isEmpty() && !m_rewriter.changesNotifications() && first == 0
        && matchCount == all.size() && callbacks.size() <= query.pageSize) {
        return fixtureBody;
    }

    QJsonArray results;
    const qint64 end = qMin<qint64>(first + query.pageSize, callbacks.size());
    for (qint64 k = first; k < end; ++k)
        results.append(notificationsCallback(data, callbacks.at(k)));
    return resultsBody(results);
}

QByteArray CallbackResponseWriter::statusHistory(const SimulatedDataSet &data,
                                                 const QString &messageId) const
{
    const std::optional<SimulatedDataSet::StatusHistory> history = data.statusHistory(messageId);
    if (!history)
        return resultsBody({});

    // A loaded file that did not parse has no callbacks to rewrite, so it is always served as it is.
    if (!history->fixtureBody.isEmpty()
        && (history->callbacks.isEmpty() || !m_rewriter.changesStatuses())) {
        return history->fixtureBody;
    }

    QJsonArray results;
    const QList<QList<QJsonObject>> callbacks = m_rewriter.rewriteStatusHistory(*history);
    for (const QList<QJsonObject> &callback : callbacks) {
        QJsonArray statuses;
        for (const QJsonObject &status : callback)
            statuses.append(status);
        results.append(QJsonObject{{u"type"_s, u"whatsapp"_s}, {u"statuses"_s, statuses}});
    }
    return resultsBody(results);
}

QByteArray CallbackResponseWriter::errorBody(const QString &message, const QString &details)
{
    return QJsonDocument(QJsonObject{{u"message"_s, message}, {u"details"_s, details}})
        .toJson(QJsonDocument::Compact);
}

QJsonObject CallbackResponseWriter::notificationsCallback(const SimulatedDataSet &data,
                                                          const QList<qsizetype> &indexes) const
{
    QJsonArray notifications;
    QJsonArray contacts;
    QStringList contactIds;
    for (const qsizetype index : indexes) {
        const SimulatedDataSet::InboundNotification &notification = data.notifications().at(index);
        notifications.append(m_rewriter.rewriteNotification(notification.json, index));

        const QString waId = notification.contact.value(u"wa_id"_s).toString();
        if (!notification.contact.isEmpty() && !contactIds.contains(waId)) {
            contactIds.append(waId);
            contacts.append(notification.contact);
        }
    }

    QJsonObject callback{{u"type"_s, u"whatsapp"_s}, {u"notifications"_s, notifications}};
    if (!contacts.isEmpty())
        callback.insert(u"contacts"_s, contacts);
    return callback;
}
