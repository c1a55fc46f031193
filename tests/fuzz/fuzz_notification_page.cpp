// Fuzzes the reading of an inbound-messages page and of an error body, which
// get whatever bytes a server sends. It also compares the page as read with
// simdjson where it can against the QJsonDocument reading of parseCallbacks(),
// and stops at the first message on which the two differ.

#include "callbackparser.h"

#include <cstddef>
#include <cstdint>

namespace {

bool sameMessage(const InboundMessage &left, const InboundMessage &right)
{
    const bool sameReferral = left.referral && right.referral ? *left.referral == *right.referral
                                                              : !left.referral && !right.referral;
    return left.messageId == right.messageId && left.from == right.from && left.fromDigits == right.fromDigits
           && left.to == right.to && left.type == right.type && left.timestamp.raw() == right.timestamp.raw()
           && left.timestamp.state() == right.timestamp.state()
           && left.timestamp.toMSecsSinceEpoch() == right.timestamp.toMSecsSinceEpoch() && left.content == right.content
           && left.replyingTo == right.replyingTo && sameReferral && left.forwarded == right.forwarded
           && left.frequentlyForwarded == right.frequentlyForwarded && left.problems == right.problems;
}

// Both readings must agree on whether the body is a page, and on every message.
void compareWithQJsonReading(const QByteArray &body, const CallbackParser::NotificationPage &page, bool pageRead)
{
    QList<Callback> callbacks;
    const bool callbacksRead = !CallbackParser::parseCallbacks(body, &callbacks);
    if (pageRead != callbacksRead)
        __builtin_trap();
    if (!pageRead)
        return;
    qsizetype index = 0;
    for (const Callback &callback : std::as_const(callbacks)) {
        for (const InboundMessage &message : callback.notifications) {
            if (index >= page.messages.size() || !sameMessage(page.messages.at(index), message))
                __builtin_trap();
            ++index;
        }
    }
    if (index != page.messages.size())
        __builtin_trap();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));

    CallbackParser::NotificationPage page;
    const std::optional<ParseError> error = CallbackParser::parseNotificationPage(body, &page);
    if (error) {
        // The user sees this text, so building it must hold up as well.
        const QString text = error->toString();
        Q_UNUSED(text);
    }
    compareWithQJsonReading(body, page, !error);

    QString message;
    QString details;
    CallbackParser::parseErrorBody(body, &message, &details);
    return 0;
}
