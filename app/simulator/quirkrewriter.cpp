#include "quirkrewriter.h"

#include "simulatorformat.h"

#include <QRandomGenerator>

#include <algorithm>
#include <numeric>

using namespace Qt::StringLiterals;
using Quirk = CallbackStoreSimulator::Quirk;

namespace {

constexpr CallbackStoreSimulator::Quirks notificationQuirks{
    Quirk::EpochTimes, Quirk::OffsetTimes, Quirk::MissingTimes, Quirk::MessyNumbers,
    Quirk::PartialData};

// FNV-1a over the UTF-16 code units, so that the shuffle is the same in every run.
quint32 stableHash(const QString &text)
{
    quint32 hash = 2166136261u;
    for (const QChar character : text) {
        hash ^= character.unicode();
        hash *= 16777619u;
    }
    return hash;
}

QString messyNumber(const QString &digits, qsizetype index)
{
    switch (index % 4) {
    case 0:
        return u"+%1 %2-%3 %4"_s.arg(digits.left(2), digits.mid(2, 2), digits.mid(4, 3),
                                    digits.mid(7));
    case 1:
        return u"whatsapp:+"_s + digits;
    case 2:
        return u"00"_s + digits;
    default:
        return u"+"_s + digits;
    }
}

} // namespace

QuirkRewriter::QuirkRewriter(CallbackStoreSimulator::Quirks quirks)
    : m_quirks(quirks)
{
}

bool QuirkRewriter::changesNotifications() const
{
    return m_quirks.testAnyFlags(notificationQuirks);
}

bool QuirkRewriter::changesStatuses() const
{
    return m_quirks.testAnyFlags(notificationQuirks) || m_quirks.testFlag(Quirk::OutOfOrder)
        || m_quirks.testFlag(Quirk::Duplicates);
}

QJsonObject QuirkRewriter::rewriteNotification(QJsonObject notification, qsizetype index) const
{
    if (m_quirks.testFlag(Quirk::PartialData))
        breakNotification(&notification, index);
    rewriteTimestamp(&notification, index);
    if (m_quirks.testFlag(Quirk::MessyNumbers))
        rewriteNumber(&notification, u"from"_s, index);
    return notification;
}

QList<QList<QJsonObject>>
QuirkRewriter::rewriteStatusHistory(const SimulatedDataSet::StatusHistory &history) const
{
    QList<QList<QJsonObject>> callbacks = history.callbacks;

    if (m_quirks.testFlag(Quirk::PartialData) && !callbacks.isEmpty() && !callbacks.first().isEmpty()) {
        // A state that the API documentation does not list, which a client must still show.
        QJsonObject unknownState = callbacks.first().first();
        unknownState.insert(u"state"_s, u"carrier_accepted"_s);
        callbacks.insert(1, {unknownState});
    }

    if (m_quirks.testFlag(Quirk::Duplicates)) {
        QList<QList<QJsonObject>> repeated;
        for (qsizetype i = 0; i < callbacks.size(); ++i) {
            repeated.append(callbacks.at(i));
            if (i % 2 == 1 || i == callbacks.size() - 1)
                repeated.append(callbacks.at(i));
        }
        callbacks = repeated;
    }

    if (m_quirks.testFlag(Quirk::OutOfOrder) && callbacks.size() > 1) {
        QList<qsizetype> order(callbacks.size());
        std::iota(order.begin(), order.end(), 0);
        QRandomGenerator random(stableHash(history.messageId));
        std::shuffle(order.begin(), order.end(), random);
        if (std::is_sorted(order.cbegin(), order.cend()))
            std::reverse(order.begin(), order.end());

        QList<QList<QJsonObject>> shuffled;
        for (const qsizetype i : std::as_const(order))
            shuffled.append(callbacks.at(i));
        callbacks = shuffled;
    }

    qsizetype statusIndex = 0;
    for (QList<QJsonObject> &callback : callbacks) {
        for (QJsonObject &status : callback) {
            if (m_quirks.testFlag(Quirk::PartialData))
                breakStatus(&status, statusIndex);
            rewriteTimestamp(&status, statusIndex);
            if (m_quirks.testFlag(Quirk::MessyNumbers))
                rewriteNumber(&status, u"recipient"_s, statusIndex);
            ++statusIndex;
        }
    }
    return callbacks;
}

void QuirkRewriter::rewriteTimestamp(QJsonObject *object, qsizetype index) const
{
    const QDateTime time =
        SimulatorFormat::parseIsoDateTime(object->value(u"timestamp"_s).toString());
    if (!time.isValid())
        return;

    if (m_quirks.testFlag(Quirk::MissingTimes) && index % 5 == 2) {
        object->remove(u"timestamp"_s);
        return;
    }

    // With both time quirks on, even indexes get epoch times and odd ones offsets.
    const bool bothFormats = m_quirks.testFlag(Quirk::EpochTimes) && m_quirks.testFlag(Quirk::OffsetTimes);
    const qsizetype variant = bothFormats ? index / 2 : index;
    const bool useEpoch = m_quirks.testFlag(Quirk::EpochTimes) && (!bothFormats || index % 2 == 0);
    const bool useOffset = m_quirks.testFlag(Quirk::OffsetTimes) && !useEpoch;

    if (useEpoch) {
        const qint64 seconds = time.toSecsSinceEpoch();
        const qint64 milliseconds = time.toMSecsSinceEpoch();
        switch (variant % 4) {
        case 0:
            object->insert(u"timestamp"_s, double(seconds));
            break;
        case 1:
            object->insert(u"timestamp"_s, double(milliseconds));
            break;
        case 2:
            object->insert(u"timestamp"_s, QString::number(seconds));
            break;
        default:
            object->insert(u"timestamp"_s, QString::number(milliseconds));
            break;
        }
    } else if (useOffset) {
        QString text;
        switch (variant % 4) {
        case 0:
            text = SimulatorFormat::formatWithOffset(time, 2 * 3600, true, false);
            break;
        case 1:
            text = SimulatorFormat::formatWithOffset(time, 2 * 3600, false, true);
            break;
        case 2:
            text = SimulatorFormat::formatWithOffset(time, -5 * 3600, true, true);
            break;
        default:
            text = SimulatorFormat::formatUtc(time, false);
            break;
        }
        object->insert(u"timestamp"_s, text);
    }
}

void QuirkRewriter::rewriteNumber(QJsonObject *object, const QString &key, qsizetype index) const
{
    const QString digits = SimulatorFormat::msisdnDigits(object->value(key).toString());
    if (!digits.isEmpty())
        object->insert(key, messyNumber(digits, index));
}

void QuirkRewriter::breakNotification(QJsonObject *notification, qsizetype index) const
{
    QJsonObject message = notification->value(u"message"_s).toObject();

    // Numbers as strings, on every message that has them.
    if (message.contains(u"latitude"_s)) {
        message.insert(u"latitude"_s, QString::number(message.value(u"latitude"_s).toDouble()));
        message.insert(u"longitude"_s, QString::number(message.value(u"longitude"_s).toDouble()));
    }
    QJsonObject metadata = message.value(u"metadata"_s).toObject();
    if (metadata.contains(u"is-first-party-sticker"_s)) {
        metadata.insert(u"is-first-party-sticker"_s,
                        QString::number(metadata.value(u"is-first-party-sticker"_s).toInt()));
        message.insert(u"metadata"_s, metadata);
    }

    if (index % 10 == 7) {
        message = {{u"type"_s, u"order"_s},
                   {u"order"_s, QJsonObject{{u"catalog_id"_s, u"catalog-1"_s},
                                            {u"product_items"_s, 2}}}};
    }
    notification->insert(u"message"_s, message);

    switch (index % 6) {
    case 1:
        notification->insert(u"to"_s, QJsonValue::Null);
        break;
    case 3:
        // Null where a string belongs.
        if (message.contains(u"body"_s))
            message.insert(u"body"_s, QJsonValue::Null);
        else if (message.contains(u"caption"_s))
            message.insert(u"caption"_s, QJsonValue::Null);
        else
            notification->insert(u"message_id"_s, QJsonValue::Null);
        notification->insert(u"message"_s, message);
        break;
    case 5:
        notification->remove(u"message"_s);
        break;
    default:
        break;
    }
}

void QuirkRewriter::breakStatus(QJsonObject *status, qsizetype index) const
{
    if (index % 4 == 1)
        status->insert(u"recipient"_s, QJsonValue::Null);
}
