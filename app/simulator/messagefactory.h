#pragma once

#include <QJsonObject>
#include <QString>

// Builds the "message" objects of simulated inbound messages, one kind of content
// at a time. Each kind has a few prepared contents that a variant number picks.
class MessageFactory
{
public:
    enum class Kind {
        FormattedText,
        EmojiText,
        ArabicText,
        HebrewText,
        MixedDirectionText,
        LongText,
        PlainText,
        Location,
        Image,
        Video,
        Audio,
        Voice,
        Document,
        Sticker,
        Contacts,
        Button,
        InteractiveButton,
        InteractiveList,
        GroupEvent,
        Error,
        Reaction, // a type the API documentation does not list, to show that unknown types survive
    };

    struct Context
    {
        int variant = 0;
        QString messageId;        // the inbound message's id, part of media URLs
        QString relatedMessageId; // the outbound message that a reaction is to
        QString memberDigits;     // the member that a group event adds
    };

    static QJsonObject message(Kind kind, const Context &context);

    // Whether the kind replies to a template or interactive message of the bot.
    static bool repliesToBotMessage(Kind kind);
    // Whether the Callback lists the sender in its contacts array for this kind.
    static bool carriesContact(Kind kind);

private:
    static QJsonObject text(Kind kind, int variant);
    static QJsonObject location(int variant);
    static QJsonObject media(Kind kind, const Context &context);
    static QJsonObject sticker(const Context &context);
    static QJsonObject contactCard(int variant);
    static QJsonObject interactive(Kind kind, int variant);
};
