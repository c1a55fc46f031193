#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <variant>

// The content of an inbound message, one alternative per documented "message.type".
// A type this program does not know is kept as Unknown; the raw JSON of the whole
// message stays available on InboundMessage.
struct MessageContent
{
    struct Text
    {
        QString body;
    };

    struct Location
    {
        std::optional<double> latitude;
        std::optional<double> longitude;
        QString name;
        QString address;
        QString url;
    };

    // image, video, audio, voice, document and sticker
    struct Media
    {
        QString url;
        QString mimeType;
        QString caption;
        QString filename;
        // Sticker metadata as name and value, in the order it came.
        QList<std::pair<QString, QString>> metadata;
    };

    struct ContactCard
    {
        enum class Field { Name, Phone, Email, Address, Organization, Url, InstantMessaging, Birthday, Image };
        struct Entry
        {
            Field field;
            QString type; // e.g. "CELL", "WORK"; may be empty
            QString value;
        };

        QString formattedName;
        QList<Entry> entries;
    };

    struct SharedContacts
    {
        QList<ContactCard> cards;
    };

    struct Button
    {
        QString index;
        QString text;
        QString payload;
    };

    struct Interactive
    {
        QString replyType; // "button" or "list"
        QString id;
        QString title;
        QString description;
    };

    struct GroupEvent
    {
        QString eventType;
        QString body;
        QString inGroup;
        QStringList members;
    };

    struct Error
    {
        QString details;
    };

    struct Unknown
    {
    };

    using Value = std::variant<Unknown, Text, Location, Media, SharedContacts, Button, Interactive, GroupEvent, Error>;

    Value value;
};
