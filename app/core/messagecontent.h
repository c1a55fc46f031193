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

        friend bool operator==(const Text &, const Text &) = default;
    };

    struct Location
    {
        std::optional<double> latitude;
        std::optional<double> longitude;
        QString name;
        QString address;
        QString url;

        friend bool operator==(const Location &, const Location &) = default;
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

        friend bool operator==(const Media &, const Media &) = default;
    };

    struct ContactCard
    {
        enum class Field { Name, Phone, Email, Address, Organization, Url, InstantMessaging, Birthday, Image };
        struct Entry
        {
            Field field;
            QString type; // e.g. "CELL", "WORK"; may be empty
            QString value;

            friend bool operator==(const Entry &, const Entry &) = default;
        };

        QString formattedName;
        QList<Entry> entries;

        friend bool operator==(const ContactCard &, const ContactCard &) = default;
    };

    struct SharedContacts
    {
        QList<ContactCard> cards;

        friend bool operator==(const SharedContacts &, const SharedContacts &) = default;
    };

    struct Button
    {
        QString index;
        QString text;
        QString payload;

        friend bool operator==(const Button &, const Button &) = default;
    };

    struct Interactive
    {
        QString replyType; // "button" or "list"
        QString id;
        QString title;
        QString description;

        friend bool operator==(const Interactive &, const Interactive &) = default;
    };

    struct GroupEvent
    {
        QString eventType;
        QString body;
        QString inGroup;
        QStringList members;

        friend bool operator==(const GroupEvent &, const GroupEvent &) = default;
    };

    struct Error
    {
        QString details;

        friend bool operator==(const Error &, const Error &) = default;
    };

    struct Unknown
    {
        friend bool operator==(const Unknown &, const Unknown &) = default;
    };

    using Value = std::variant<Unknown, Text, Location, Media, SharedContacts, Button, Interactive, GroupEvent, Error>;

    Value value;

    friend bool operator==(const MessageContent &, const MessageContent &) = default;
};
