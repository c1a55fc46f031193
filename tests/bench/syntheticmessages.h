#pragma once

#include "inboundmessage.h"

#include <QList>
#include <QRandomGenerator>

namespace Bench {

// count text messages with random times within one week, built from a pool of
// poolSize distinct messages so that copies share their strings.
inline QList<InboundMessage> syntheticMessages(int count, int poolSize = 1000, quint32 seed = 7)
{
    QRandomGenerator random(seed);
    const QDateTime start(QDate(2026, 11, 24), QTime(0, 0), Qt::UTC);
    QList<InboundMessage> pool;
    for (int i = 0; i < poolSize; ++i) {
        InboundMessage message;
        message.messageId = QStringLiteral("wamid.%1").arg(i, 12, 10, QLatin1Char('0'));
        message.from = QStringLiteral("467000%1").arg(random.bounded(100000), 5, 10, QLatin1Char('0'));
        message.fromDigits = message.from;
        message.contactName = QStringLiteral("Customer %1").arg(i % 97);
        message.type = QStringLiteral("text");
        message.content.value = MessageContent::Text{QStringLiteral("Order %1 has not arrived yet, can you check?").arg(i)};
        pool.append(message);
    }

    QList<InboundMessage> messages;
    messages.reserve(count);
    for (int i = 0; i < count; ++i) {
        InboundMessage message = pool.at(i % poolSize);
        message.timestamp = Timestamp::fromDateTime(start.addMSecs(qint64(random.bounded(7 * 24 * 3600)) * 1000));
        messages.append(std::move(message));
    }
    return messages;
}

} // namespace Bench
