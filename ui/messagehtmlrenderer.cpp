#include "messagehtmlrenderer.h"

#include "whatsappformatter.h"

#include <QUrl>

#include <variant>

namespace {

template<class... Visitors>
struct Overloaded : Visitors...
{
    using Visitors::operator()...;
};

QString escaped(const QString &text)
{
    return text.toHtmlEscaped();
}

// Keeps a value that may be right to left from reordering the text around it.
QString isolated(const QString &text)
{
    return QChar(0x2068) + text + QChar(0x2069);
}

// Starts the text with a left-to-right mark, so that its block reads left to right
// even when it begins with an isolated right-to-left name. QTextDocument in Qt 6.4
// takes the block direction from the first strong character inside the isolate too.
QString leftToRight(const QString &text)
{
    return QChar(0x200E) + text;
}

// A link when the URL is http or https, escaped text otherwise.
QString linkOrText(const QString &url)
{
    const QUrl parsed(url, QUrl::StrictMode);
    const QString scheme = parsed.scheme().toLower();
    if (!parsed.isValid() || (scheme != QLatin1String("http") && scheme != QLatin1String("https")))
        return escaped(url);
    return QStringLiteral("<a href=\"%1\">%2</a>").arg(escaped(parsed.toString(QUrl::FullyEncoded)), escaped(url));
}

// Collects label and value rows of a two-column table, skipping empty values.
class FieldTable
{
public:
    void addText(const QString &label, const QString &value)
    {
        if (!value.trimmed().isEmpty())
            addHtml(label, escaped(value));
    }

    void addHtml(const QString &label, const QString &valueHtml)
    {
        m_rows += QStringLiteral("<tr><td class=\"label\">%1</td><td>%2</td></tr>").arg(escaped(label), valueHtml);
    }

    bool isEmpty() const { return m_rows.isEmpty(); }

    QString toHtml() const
    {
        if (m_rows.isEmpty())
            return QString();
        return QStringLiteral("<table class=\"fields\" cellspacing=\"0\" cellpadding=\"2\">%1</table>").arg(m_rows);
    }

private:
    QString m_rows;
};

QString heading(const QString &text)
{
    return QStringLiteral("<h3>%1</h3>").arg(escaped(text));
}

QString note(const QString &text)
{
    return QStringLiteral("<p class=\"note\">%1</p>").arg(escaped(text));
}

QString formatCoordinate(double value)
{
    return QString::number(value, 'f', 6);
}

} // namespace

QString MessageHtmlRenderer::render(const InboundMessage &message, TimeFormatter::Zone zone, const QDateTime &now)
{
    QString html = renderHeader(message, zone);
    html += renderForwarding(message);
    if (message.referral)
        html += renderReferral(*message.referral);
    html += QStringLiteral("<hr/>");
    html += renderContent(message, zone, now);
    html += renderProblems(message.problems);
    return html;
}

QString MessageHtmlRenderer::renderHeader(const InboundMessage &message, TimeFormatter::Zone zone)
{
    FieldTable fields;
    if (message.contactName.isEmpty())
        fields.addText(tr("From"), message.from);
    else
        fields.addHtml(tr("From"), escaped(leftToRight(tr("%1 (%2)").arg(isolated(message.contactName), message.from))));
    fields.addText(tr("To"), message.to);

    QString time = escaped(TimeFormatter::format(message.timestamp, zone));
    if (message.timestamp.isValid())
        time += QStringLiteral(" <span class=\"note\">%1</span>").arg(escaped(tr("(sent as %1)").arg(message.timestamp.raw())));
    fields.addHtml(tr("Time"), time);
    fields.addText(tr("Type"), message.type.isEmpty() ? tr("(none)") : message.type);
    fields.addText(tr("Message id"), message.messageId);

    if (message.replyingTo) {
        const QString id = message.replyingTo->messageId.isEmpty() ? tr("(id missing)") : message.replyingTo->messageId;
        const QString &from = message.replyingTo->from;
        fields.addText(tr("Replies to"), from.isEmpty() ? id : tr("%1 from %2").arg(id, from));
    }
    return fields.toHtml();
}

QString MessageHtmlRenderer::renderForwarding(const InboundMessage &message)
{
    if (message.frequentlyForwarded)
        return note(tr("Frequently forwarded: this message has been forwarded many times."));
    if (message.forwarded)
        return note(tr("Forwarded by the user."));
    return QString();
}

QString MessageHtmlRenderer::renderReferral(const InboundMessage::Referral &referral)
{
    FieldTable fields;
    fields.addText(tr("Headline"), referral.headline);
    fields.addText(tr("Body"), referral.body);
    fields.addText(tr("Source"), referral.sourceType == QLatin1String("ad")     ? tr("advertisement")
                                 : referral.sourceType == QLatin1String("post") ? tr("post")
                                                                                : referral.sourceType);
    fields.addText(tr("Source id"), referral.sourceId);
    if (!referral.sourceUrl.isEmpty())
        fields.addHtml(tr("Source URL"), linkOrText(referral.sourceUrl));
    if (!referral.mediaUrl.isEmpty() || !referral.mediaType.isEmpty()) {
        QString media = escaped(referral.mediaType);
        if (!referral.mediaUrl.isEmpty())
            media += (media.isEmpty() ? QString() : QStringLiteral(": ")) + linkOrText(referral.mediaUrl);
        fields.addHtml(tr("Media"), media);
    }
    return QStringLiteral("<p class=\"section\">%1</p>").arg(escaped(tr("The user came from an ad or post:")))
           + fields.toHtml();
}

QString MessageHtmlRenderer::renderProblems(const QStringList &problems)
{
    if (problems.isEmpty())
        return QString();
    QString items;
    for (const QString &problem : problems)
        items += QStringLiteral("<li>%1</li>").arg(escaped(problem));
    return QStringLiteral("<p class=\"warning\">%1</p><ul>%2</ul>")
        .arg(escaped(tr("Parts of this message could not be read:")), items);
}

QString MessageHtmlRenderer::renderContent(const InboundMessage &message, TimeFormatter::Zone zone, const QDateTime &now)
{
    return std::visit(Overloaded{
                          [&](const MessageContent::Unknown &) { return renderUnknown(message); },
                          [](const MessageContent::Text &text) { return renderText(text); },
                          [](const MessageContent::Location &location) { return renderLocation(location); },
                          [&](const MessageContent::Media &media) { return renderMedia(message, media, zone, now); },
                          [](const MessageContent::SharedContacts &contacts) { return renderContacts(contacts); },
                          [](const MessageContent::Button &button) { return renderButton(button); },
                          [](const MessageContent::Interactive &interactive) { return renderInteractive(interactive); },
                          [](const MessageContent::GroupEvent &event) { return renderGroupEvent(event); },
                          [](const MessageContent::Error &error) { return renderError(error); },
                      },
                      message.content.value);
}

QString MessageHtmlRenderer::renderText(const MessageContent::Text &text)
{
    if (text.body.isEmpty())
        return note(tr("The text message is empty."));
    return QStringLiteral("<p class=\"body\">%1</p>").arg(WhatsAppFormatter::toHtml(text.body));
}

QString MessageHtmlRenderer::renderLocation(const MessageContent::Location &location)
{
    FieldTable fields;
    fields.addText(tr("Name"), location.name);
    fields.addText(tr("Address"), location.address);
    if (location.latitude && location.longitude)
        fields.addText(tr("Coordinates"), tr("%1, %2 (latitude, longitude)")
                                              .arg(formatCoordinate(*location.latitude), formatCoordinate(*location.longitude)));
    else
        fields.addText(tr("Coordinates"), tr("(missing)"));
    if (!location.url.isEmpty())
        fields.addHtml(tr("URL"), linkOrText(location.url));
    return heading(tr("Location")) + fields.toHtml();
}

QString MessageHtmlRenderer::mediaTitle(const QString &type)
{
    if (type == QLatin1String("image"))
        return tr("Image");
    if (type == QLatin1String("video"))
        return tr("Video");
    if (type == QLatin1String("audio"))
        return tr("Audio");
    if (type == QLatin1String("voice"))
        return tr("Voice message");
    if (type == QLatin1String("document"))
        return tr("Document");
    if (type == QLatin1String("sticker"))
        return tr("Sticker");
    return tr("Media (%1)").arg(type);
}

QString MessageHtmlRenderer::renderMedia(const InboundMessage &message, const MessageContent::Media &media,
                                         TimeFormatter::Zone zone, const QDateTime &now)
{
    QString html = heading(mediaTitle(message.type));
    if (!media.caption.isEmpty())
        html += QStringLiteral("<p class=\"body\">%1</p>").arg(WhatsAppFormatter::toHtml(media.caption));

    FieldTable fields;
    fields.addText(tr("File name"), media.filename);
    fields.addText(tr("MIME type"), media.mimeType);
    if (!media.url.isEmpty())
        fields.addHtml(tr("URL"), linkOrText(media.url));
    for (const auto &[name, value] : media.metadata)
        fields.addText(name, value);
    html += fields.toHtml();

    QString expiry = tr("Media URLs expire %1 days after the message was sent.").arg(MediaUrlLifetimeDays);
    if (message.timestamp.isValid()) {
        const QDateTime expires = message.timestamp.utc().addDays(MediaUrlLifetimeDays);
        expiry += QLatin1Char(' ')
                  + (expires <= now ? tr("This one expired on %1.") : tr("This one expires on %1."))
                        .arg(TimeFormatter::format(expires, zone));
    }
    return html + note(expiry);
}

QString MessageHtmlRenderer::contactFieldName(MessageContent::ContactCard::Field field)
{
    using Field = MessageContent::ContactCard::Field;
    switch (field) {
    case Field::Name:
        return tr("Name");
    case Field::Phone:
        return tr("Phone");
    case Field::Email:
        return tr("Email");
    case Field::Address:
        return tr("Address");
    case Field::Organization:
        return tr("Organization");
    case Field::Url:
        return tr("URL");
    case Field::InstantMessaging:
        return tr("Messaging");
    case Field::Birthday:
        return tr("Birthday");
    case Field::Image:
        return tr("Picture");
    }
    return QString();
}

QString MessageHtmlRenderer::renderContacts(const MessageContent::SharedContacts &contacts)
{
    QString html = heading(contacts.cards.size() == 1 ? tr("Shared contact")
                                                      : tr("%1 shared contacts").arg(contacts.cards.size()));
    if (contacts.cards.isEmpty())
        return html + note(tr("The message lists no contacts."));

    for (const MessageContent::ContactCard &card : contacts.cards) {
        FieldTable fields;
        for (const MessageContent::ContactCard::Entry &entry : card.entries) {
            const QString label = entry.type.isEmpty() ? contactFieldName(entry.field)
                                                       : tr("%1 (%2)").arg(contactFieldName(entry.field), entry.type);
            const bool isLink = entry.field == MessageContent::ContactCard::Field::Url
                                || entry.field == MessageContent::ContactCard::Field::Image;
            if (isLink)
                fields.addHtml(label, linkOrText(entry.value));
            else
                fields.addText(label, entry.value);
        }
        const QString name = card.formattedName.isEmpty() ? tr("(no name)") : card.formattedName;
        html += QStringLiteral("<table class=\"card\" width=\"100%\" cellspacing=\"0\" cellpadding=\"6\" border=\"1\">"
                               "<tr><td><b>%1</b>%2</td></tr></table><p></p>")
                    .arg(escaped(name), fields.toHtml());
    }
    return html;
}

QString MessageHtmlRenderer::renderButton(const MessageContent::Button &button)
{
    FieldTable fields;
    fields.addText(tr("Button text"), button.text);
    fields.addText(tr("Payload"), button.payload);
    fields.addText(tr("Button index"), button.index);
    return heading(tr("Quick-reply button pressed")) + fields.toHtml();
}

QString MessageHtmlRenderer::renderInteractive(const MessageContent::Interactive &interactive)
{
    QString title = tr("Interactive reply");
    if (interactive.replyType == QLatin1String("button"))
        title = tr("Reply button chosen");
    else if (interactive.replyType == QLatin1String("list"))
        title = tr("List item chosen");

    FieldTable fields;
    fields.addText(tr("Title"), interactive.title);
    fields.addText(tr("Description"), interactive.description);
    fields.addText(tr("Id"), interactive.id);
    if (interactive.replyType != QLatin1String("button") && interactive.replyType != QLatin1String("list"))
        fields.addText(tr("Reply type"), interactive.replyType);
    return heading(title) + fields.toHtml();
}

QString MessageHtmlRenderer::renderGroupEvent(const MessageContent::GroupEvent &event)
{
    FieldTable fields;
    fields.addText(tr("Event"), event.eventType);
    fields.addText(tr("Group"), event.inGroup);
    fields.addText(tr("Text"), event.body);
    if (!event.members.isEmpty()) {
        QStringList members;
        for (const QString &member : event.members)
            members.append(escaped(member));
        fields.addHtml(tr("Members"), members.join(QStringLiteral("<br/>")));
    }
    return heading(tr("Group event")) + fields.toHtml();
}

QString MessageHtmlRenderer::renderError(const MessageContent::Error &error)
{
    QString html = heading(tr("Error message"));
    html += note(tr("The API could not process what the user sent, so this error came in its place."));
    if (error.details.isEmpty())
        return html + note(tr("The error has no details."));
    return html + QStringLiteral("<p class=\"body\">%1</p>").arg(escaped(error.details));
}

QString MessageHtmlRenderer::renderUnknown(const InboundMessage &message)
{
    if (message.type.isEmpty())
        return note(tr("The message came without content or without a type. Its raw JSON is shown below."));
    return note(tr("This message has the type \"%1\", which this program does not know how to show. "
                   "Its raw JSON is shown below.")
                    .arg(message.type));
}
