#include "inboundmessage.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTextBoundaryFinder>

namespace {

// Joins the non-empty parts with a space.
QString joinParts(std::initializer_list<QString> parts)
{
    QStringList kept;
    for (const QString &part : parts) {
        if (!part.trimmed().isEmpty())
            kept.append(part.trimmed());
    }
    return kept.join(QLatin1Char(' '));
}

QString cutAtGrapheme(const QString &text, int maxGraphemes)
{
    QTextBoundaryFinder finder(QTextBoundaryFinder::Grapheme, text);
    int count = 0;
    qsizetype position = 0;
    while (count < maxGraphemes) {
        const qsizetype next = finder.toNextBoundary();
        if (next < 0)
            return text;
        position = next;
        ++count;
    }
    if (position >= text.size())
        return text;
    return text.left(position) + QChar(0x2026);
}

} // namespace

QString InboundMessage::senderLabel() const
{
    return contactName.isEmpty() ? from : contactName;
}

QString InboundMessage::preview(int maxGraphemes) const
{
    return cutAtGrapheme(summary(), maxGraphemes);
}

QString InboundMessage::summary() const
{
    struct Summarizer
    {
        const InboundMessage &message;

        QString operator()(const MessageContent::Unknown &) const
        {
            if (message.type.isEmpty())
                return tr("(no message content)");
            return tr("(message of unknown type \"%1\")").arg(message.type);
        }
        QString operator()(const MessageContent::Text &text) const { return text.body; }
        QString operator()(const MessageContent::Location &location) const
        {
            QString coordinates;
            if (location.latitude && location.longitude)
                coordinates = QStringLiteral("(%1, %2)").arg(*location.latitude).arg(*location.longitude);
            return joinParts({tr("Location:"), location.name, location.address, coordinates});
        }
        QString operator()(const MessageContent::Media &media) const
        {
            return joinParts({QStringLiteral("[%1]").arg(message.type), media.filename, media.caption});
        }
        QString operator()(const MessageContent::SharedContacts &contacts) const
        {
            QStringList names;
            for (const MessageContent::ContactCard &card : contacts.cards)
                names.append(card.formattedName);
            return tr("Shared %n contact(s): %1", nullptr, int(contacts.cards.size())).arg(names.join(QLatin1String(", ")));
        }
        QString operator()(const MessageContent::Button &button) const
        {
            return tr("Button: %1").arg(button.text);
        }
        QString operator()(const MessageContent::Interactive &interactive) const
        {
            return joinParts({tr("Chose:"), interactive.title, interactive.description});
        }
        QString operator()(const MessageContent::GroupEvent &event) const
        {
            return joinParts({tr("Group event:"), event.eventType, event.body});
        }
        QString operator()(const MessageContent::Error &error) const
        {
            return tr("Error: %1").arg(error.details);
        }
    };

    QString text = std::visit(Summarizer{*this}, content.value);
    text.replace(QLatin1Char('\n'), QLatin1Char(' '));
    text.replace(QLatin1Char('\r'), QLatin1Char(' '));
    return text;
}

QJsonObject InboundMessage::rawJson() const
{
    if (rawOffset >= 0 && qsizetype(rawOffset) + rawLength <= pageBody.size())
        return QJsonDocument::fromJson(QByteArray::fromRawData(pageBody.constData() + rawOffset, rawLength)).object();
    if (pageBody.isEmpty() || callbackIndex < 0 || notificationIndex < 0)
        return QJsonObject();
    const QJsonArray results = QJsonDocument::fromJson(pageBody).object().value(QLatin1String("results")).toArray();
    const QJsonArray notifications =
        results.at(callbackIndex).toObject().value(QLatin1String("notifications")).toArray();
    return notifications.at(notificationIndex).toObject();
}

QString InboundMessage::prettyJson() const
{
    return QString::fromUtf8(QJsonDocument(rawJson()).toJson(QJsonDocument::Indented));
}
