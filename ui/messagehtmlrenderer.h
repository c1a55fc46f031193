#pragma once

#include "inboundmessage.h"
#include "timeformatter.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

// Builds the HTML that MessageDetailPane shows for one inbound message. It shows who
// sent it and when, forwarding and referral, then the content laid out by type.
//
// Every value from the message is escaped. Each text the user wrote sits in its own
// block or table cell, because QTextDocument picks the direction of a block from its
// first strong character (Qt::LayoutDirectionAuto), so Arabic or Hebrew text reads
// right to left without a dir attribute. Links are made for http and https URLs only.
class MessageHtmlRenderer
{
    Q_DECLARE_TR_FUNCTIONS(MessageHtmlRenderer)

public:
    // now decides whether a media URL has already expired.
    static QString render(const InboundMessage &message, TimeFormatter::Zone zone,
                          const QDateTime &now = QDateTime::currentDateTimeUtc());

    // Media URLs of the WhatsApp Business API stop working this long after the message.
    static constexpr int MediaUrlLifetimeDays = 7;

private:
    static QString renderHeader(const InboundMessage &message, TimeFormatter::Zone zone);
    static QString renderForwarding(const InboundMessage &message);
    static QString renderReferral(const InboundMessage::Referral &referral);
    static QString renderProblems(const QStringList &problems);

    static QString renderContent(const InboundMessage &message, TimeFormatter::Zone zone, const QDateTime &now);
    static QString renderText(const MessageContent::Text &text);
    static QString renderLocation(const MessageContent::Location &location);
    static QString renderMedia(const InboundMessage &message, const MessageContent::Media &media,
                               TimeFormatter::Zone zone, const QDateTime &now);
    static QString renderContacts(const MessageContent::SharedContacts &contacts);
    static QString renderButton(const MessageContent::Button &button);
    static QString renderInteractive(const MessageContent::Interactive &interactive);
    static QString renderGroupEvent(const MessageContent::GroupEvent &event);
    static QString renderError(const MessageContent::Error &error);
    static QString renderUnknown(const InboundMessage &message);

    static QString mediaTitle(const QString &type);
    static QString contactFieldName(MessageContent::ContactCard::Field field);
};
