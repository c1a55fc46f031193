#pragma once

#include "callback.h"
#include "parseerror.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>

#include <optional>
#include <vector>

// Reads Callback Store response bodies ({"results": [Callback, ...]}) into value types.
//
// A body that is not JSON, or whose structure has the wrong type (no "results",
// "results" not an array, a callback or an element that is not an object) is an
// error with its position and reason, never an empty result. A single field of
// the wrong type inside a message is not an error: the message keeps what could
// be read and lists the rest in its problems.
class CallbackParser
{
    Q_DECLARE_TR_FUNCTIONS(CallbackParser)

public:
    struct NotificationPage
    {
        QList<InboundMessage> messages;
        // PageSequence::idKey() of each message's id, in message order, and the same
        // keys sorted without repeats, for PageSequence's repeat checks. The parsing
        // thread computes them, so that the window's thread does not have to.
        std::vector<quint64> messageIdKeys;
        std::vector<quint64> sortedIdKeys;
        int callbackCount = 0;
        int messagesWithProblems = 0;
    };

    static std::optional<ParseError> parseCallbacks(const QByteArray &body, QList<Callback> *callbacks);
    static std::optional<ParseError> parseNotificationPage(const QByteArray &body, NotificationPage *page);
    // Reads the notification object at [offset, offset + length) of a page body, as
    // parseNotificationPage() read it, except for the sender's contact name, which
    // comes from elsewhere on the page. A message from a page body keeps its offset
    // and length, so that a model can keep those and read the message again when
    // it is needed.
    static InboundMessage parseNotification(const QByteArray &pageBody, int offset, int length);
    static std::optional<ParseError> parseStatusHistory(const QByteArray &body, QList<DeliveryReport> *reports);
    // Reads an error body ({"message", "details"}); false when the body is not such an object.
    static bool parseErrorBody(const QByteArray &body, QString *message, QString *details);
};
