#pragma once

#include "messagecontent.h"
#include "timestamp.h"

#include <QJsonObject>
#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

// One element of a callback's "notifications" array: a message a user sent to the bot.
struct InboundMessage
{
    Q_DECLARE_TR_FUNCTIONS(InboundMessage)

public:
    struct ReplyTo
    {
        QString messageId; // may be empty: the API can omit it
        QString from;

        friend bool operator==(const ReplyTo &, const ReplyTo &) = default;
    };

    struct Referral
    {
        QString headline;
        QString body;
        QString sourceType;
        QString sourceId;
        QString sourceUrl;
        QString mediaType;
        QString mediaUrl;

        friend bool operator==(const Referral &, const Referral &) = default;
    };

    QString messageId;
    QString from;        // as sent
    QString fromDigits;  // normalised for filtering and contact matching
    QString to;
    QString type;        // "message.type" as sent; empty when "message" is missing
    QString contactName; // from the contacts sent with the page; empty when unknown
    Timestamp timestamp;
    MessageContent content;
    std::optional<ReplyTo> replyingTo;
    // Few messages come from an ad or a post, so the referral sits apart from the
    // message, which keeps every message smaller by the size of a Referral.
    std::shared_ptr<const Referral> referral;
    bool forwarded = false;
    bool frequentlyForwarded = false;
    // The body of the page the message came in, shared by every message of that
    // page, and the notification's place in it (results[callbackIndex]
    // .notifications[notificationIndex]), and, when known, the bytes of its JSON
    // object there. A parsed copy of each notification would take several times
    // the memory of its text.
    QByteArray pageBody;
    int callbackIndex = -1;
    int notificationIndex = -1;
    int rawOffset = -1;
    int rawLength = 0;
    QStringList problems; // parts that could not be read, in plain words

    // The sender as shown: the profile name, or the number when there is none.
    QString senderLabel() const;
    // A one-line summary of the content, at most maxGraphemes user-perceived characters.
    QString preview(int maxGraphemes = 120) const;
    // The same summary at full length, which is cheaper to build than a cut one.
    QString summary() const;
    // The notification as it came, read again from pageBody on each call; empty
    // for a message that was not parsed from a page.
    QJsonObject rawJson() const;
    // The raw JSON, indented for reading.
    QString prettyJson() const;
};
