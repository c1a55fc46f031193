#pragma once

#include "callbackparser.h"
#include "messagetablemodel.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QRandomGenerator>

namespace Bench {

// Appends count text messages with random times within one week, from 97 named
// senders, to model. They are written as pages of 1,000 callbacks and read back
// with CallbackParser, one page at a time, so that the model keeps them as it
// keeps loaded messages: as places in their page bodies, parsed again when shown.
inline void appendSyntheticMessages(MessageTableModel *model, int count, quint32 seed = 7)
{
    constexpr int PageSize = 1000;
    constexpr int SenderCount = 97;
    QRandomGenerator random(seed);
    const qint64 start = QDateTime(QDate(2026, 11, 24), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();

    for (int first = 0; first < count; first += PageSize) {
        QByteArray body = "{\"results\":[";
        const int last = std::min(count, first + PageSize);
        for (int i = first; i < last; ++i) {
            const int sender = i % SenderCount;
            const QByteArray from = "4670000" + QByteArray::number(10000 + sender);
            const qint64 time = start + qint64(random.bounded(7 * 24 * 3600)) * 1000;
            if (i > first)
                body += ',';
            body += "{\"contacts\":[{\"profile\":{\"name\":\"Customer " + QByteArray::number(sender) + "\"},\"wa_id\":\""
                    + from + "\"}],\"notifications\":[{\"from\":\"" + from + "\",\"message\":{\"body\":\"Order "
                    + QByteArray::number(i % 1000) + " has not arrived yet, can you check?\",\"type\":\"text\"},"
                    + "\"message_id\":\"wamid." + QByteArray::number(i).rightJustified(12, '0') + "\",\"timestamp\":\""
                    + QDateTime::fromMSecsSinceEpoch(time, Qt::UTC).toString(Qt::ISODateWithMs).toLatin1()
                    + "\",\"to\":\"46700000000\"}],\"type\":\"notification\"}";
        }
        body += "]}";
        CallbackParser::NotificationPage page;
        if (CallbackParser::parseNotificationPage(body, &page))
            qFatal("synthetic page %d is not readable", first / PageSize + 1);
        model->appendMessages(std::move(page.messages));
    }
}

} // namespace Bench
