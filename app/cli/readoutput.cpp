#include "readoutput.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

namespace {

QJsonValue timeOrNull(const Timestamp &timestamp)
{
    return timestamp.isValid() ? QJsonValue(timestamp.toIsoUtc()) : QJsonValue(QJsonValue::Null);
}

QJsonValue textOrNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

QString formatGap(const std::optional<qint64> &milliseconds)
{
    if (!milliseconds)
        return QString();
    return QStringLiteral("+%1 s").arg(double(*milliseconds) / 1000.0, 0, 'f', 3);
}

// Pads each column to its widest cell, two spaces apart.
QString alignColumns(const QList<QStringList> &rows)
{
    QList<qsizetype> widths;
    for (const QStringList &row : rows) {
        for (qsizetype column = 0; column < row.size(); ++column) {
            if (widths.size() <= column)
                widths.append(0);
            widths[column] = qMax(widths.at(column), row.at(column).size());
        }
    }

    QString text;
    for (const QStringList &row : rows) {
        QString line;
        for (qsizetype column = 0; column < row.size(); ++column) {
            const bool last = column == row.size() - 1;
            line += last ? row.at(column) : row.at(column).leftJustified(widths.at(column) + 2);
        }
        text += line.trimmed() + QLatin1Char('\n');
    }
    return text;
}

} // namespace

QByteArray ReadOutput::historyJson(const QString &messageId, const StatusTimeline &timeline)
{
    QJsonArray updates;
    for (const StatusTimeline::Entry &entry : timeline.entries()) {
        const DeliveryReport &report = entry.report;
        updates.append(QJsonObject{
            {QLatin1String("state"), report.stateName},
            {QLatin1String("status"), report.status},
            {QLatin1String("time"), timeOrNull(report.timestamp)},
            {QLatin1String("raw_time"), report.timestamp.isMissing() ? QJsonValue(QJsonValue::Null)
                                                                      : QJsonValue(report.timestamp.raw())},
            // Position in the response, from 1, as the window shows it.
            {QLatin1String("arrival"), report.arrival + 1},
            {QLatin1String("count"), entry.count()},
            {QLatin1String("details"), textOrNull(report.details)},
            {QLatin1String("flags"), QJsonArray::fromStringList(StatusTimeline::flagNames(entry.flags))},
        });
    }

    const QJsonObject object{
        {QLatin1String("message_id"), messageId},
        {QLatin1String("current_state"), textOrNull(timeline.currentState())},
        {QLatin1String("updates"), updates},
    };
    return QJsonDocument(object).toJson(QJsonDocument::Indented);
}

QString ReadOutput::historyTable(const QString &messageId, const StatusTimeline &timeline)
{
    QString text = QStringLiteral("Message %1: %2\n").arg(messageId, timeline.isEmpty() ? QStringLiteral("no status updates")
                                                                                       : timeline.currentState());
    if (timeline.isEmpty())
        return text;

    QList<QStringList> rows{{QStringLiteral("STATE"), QStringLiteral("STATUS"), QStringLiteral("TIME"), QStringLiteral("GAP"),
                             QStringLiteral("ARRIVAL"), QStringLiteral("COUNT"), QStringLiteral("FLAGS"),
                             QStringLiteral("DETAILS")}};
    for (const StatusTimeline::Entry &entry : timeline.entries()) {
        const DeliveryReport &report = entry.report;
        QString time = report.timestamp.toIsoUtc();
        if (!report.timestamp.isValid())
            time = report.timestamp.isMissing() ? QStringLiteral("(no time)") : QStringLiteral("(unreadable: %1)").arg(report.timestamp.raw());
        rows.append({report.stateName, report.status, time, formatGap(entry.gapMilliseconds), QString::number(report.arrival + 1),
                     QString::number(entry.count()), StatusTimeline::flagNames(entry.flags).join(QLatin1Char(',')),
                     report.details});
    }
    return text + alignColumns(rows);
}

QByteArray ReadOutput::messagesJsonLines(const QList<InboundMessage> &messages)
{
    QByteArray lines;
    for (const InboundMessage &message : messages) {
        const QJsonObject object{
            {QLatin1String("message_id"), message.messageId},
            {QLatin1String("from"), message.from},
            {QLatin1String("from_normalized"), message.fromDigits},
            {QLatin1String("name"), textOrNull(message.contactName)},
            {QLatin1String("time"), timeOrNull(message.timestamp)},
            {QLatin1String("raw_time"), message.timestamp.isMissing() ? QJsonValue(QJsonValue::Null)
                                                                      : QJsonValue(message.timestamp.raw())},
            {QLatin1String("type"), textOrNull(message.type)},
            {QLatin1String("preview"), message.preview()},
            {QLatin1String("reply_to"), message.replyingTo ? textOrNull(message.replyingTo->messageId)
                                                           : QJsonValue(QJsonValue::Null)},
            {QLatin1String("problems"), QJsonArray::fromStringList(message.problems)},
        };
        lines += QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
    }
    return lines;
}

QString ReadOutput::messagesTable(const QList<InboundMessage> &messages, bool withHeader)
{
    QList<QStringList> rows;
    if (withHeader)
        rows.append({QStringLiteral("TIME"), QStringLiteral("FROM"), QStringLiteral("NAME"), QStringLiteral("TYPE"),
                     QStringLiteral("MESSAGE ID"), QStringLiteral("REPLY TO"), QStringLiteral("PREVIEW")});
    for (const InboundMessage &message : messages) {
        const QString time = message.timestamp.isValid() ? message.timestamp.toIsoUtc() : QStringLiteral("(no time)");
        rows.append({time, message.from, message.contactName.isEmpty() ? QStringLiteral("-") : message.contactName,
                     message.type.isEmpty() ? QStringLiteral("-") : message.type, message.messageId,
                     message.replyingTo && !message.replyingTo->messageId.isEmpty() ? message.replyingTo->messageId
                                                                                     : QStringLiteral("-"),
                     message.preview(60)});
    }
    return alignColumns(rows);
}
