#pragma once

#include "contact.h"
#include "inboundmessage.h"

#include <QByteArray>
#include <QList>

#include <optional>

// Reads notification pages with simdjson, which parses faster than QJsonDocument.
//
// It reads only the well-formed shape that most traffic has: every field present has
// the type the API documents, and nothing in a message would be noted as a problem.
// Whatever else it meets it leaves to CallbackParser, which reads it with
// QJsonDocument and reports errors and problems in plain words: a whole page whose
// structure is off, or a single message with an odd field. Both readers therefore
// give the same values for every body; the parser tests compare them.
class SimdPageReader
{
public:
    // One element of a callback's "notifications" array and where it sits in the body.
    struct Notification
    {
        int callbackIndex = -1;
        int notificationIndex = -1;
        qsizetype offset = 0; // of the object's opening brace
        qsizetype length = 0; // up to and including its closing brace
        // Empty when the message has something this reader leaves to CallbackParser.
        std::optional<InboundMessage> message;
    };

    struct Page
    {
        QList<Notification> notifications;
        QList<Contact> contacts;
        int callbackCount = 0;
    };

    // Reads body into *page. Returns false, with *page unspecified, when the body is
    // not valid JSON to simdjson or its structure is not the documented one.
    static bool readPage(const QByteArray &body, Page *page);

    // Reads one notification object from its JSON text; empty when the text is not
    // valid JSON, not an object, or has something left to CallbackParser.
    static std::optional<InboundMessage> readNotification(const char *data, qsizetype size);
};
