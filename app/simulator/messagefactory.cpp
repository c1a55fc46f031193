#include "messagefactory.h"

#include <QJsonArray>
#include <QStringList>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace {

QString pick(const QStringList &choices, int variant)
{
    return choices.at(qAbs(variant) % choices.size());
}

// About 4,000 characters, for testing how long messages are shown.
QString longText()
{
    QString body = u"*Complaint about order 4711*, in full:\n\n"_s;
    for (int line = 1; line <= 38; ++line) {
        body += u"%1. On day %1 I called again and was told the parcel is _on its way_, "
                u"but the tracking page still shows nothing new.\n"_s.arg(line);
    }
    body += u"\nPlease answer in writing. ~Thanks~ Thank you."_s;
    return body;
}

} // namespace

QJsonObject MessageFactory::message(Kind kind, const Context &context)
{
    switch (kind) {
    case Kind::FormattedText:
    case Kind::EmojiText:
    case Kind::ArabicText:
    case Kind::HebrewText:
    case Kind::MixedDirectionText:
    case Kind::LongText:
    case Kind::PlainText:
        return text(kind, context.variant);
    case Kind::Location:
        return location(context.variant);
    case Kind::Image:
    case Kind::Video:
    case Kind::Audio:
    case Kind::Voice:
    case Kind::Document:
        return media(kind, context);
    case Kind::Sticker:
        return sticker(context);
    case Kind::Contacts:
        return {{u"type"_s, u"contacts"_s},
                {u"contacts"_s, QJsonArray{contactCard(context.variant)}}};
    case Kind::Button: {
        const int index = qAbs(context.variant) % 3;
        const QStringList texts{u"Track my order"_s, u"Talk to an agent"_s, u"Cancel order"_s};
        const QStringList payloads{u"TRACK_ORDER"_s, u"AGENT"_s, u"CANCEL_ORDER"_s};
        return {{u"type"_s, u"button"_s},
                {u"index"_s, QString::number(index)},
                {u"text"_s, texts.at(index)},
                {u"payload"_s, payloads.at(index)}};
    }
    case Kind::InteractiveButton:
    case Kind::InteractiveList:
        return interactive(kind, context.variant);
    case Kind::GroupEvent:
        return {{u"type"_s, u"group_event"_s},
                {u"event_type"_s, u"members_added"_s},
                {u"body"_s, u"A new member joined the order support group"_s},
                {u"in_group"_s, u"group-4711"_s},
                {u"members"_s, QJsonArray{context.memberDigits}}};
    case Kind::Error:
        return {{u"type"_s, u"error"_s},
                {u"details"_s,
                 pick({u"Unsupported message type received: the user sent a poll, which this API does not support."_s,
                       u"Unexpected callback contents received: the template was sent without its quick reply buttons."_s},
                      context.variant)}};
    case Kind::Reaction:
        return {{u"type"_s, u"reaction"_s},
                {u"reaction"_s,
                 QJsonObject{{u"emoji"_s, pick({u"👍🏽"_s, u"❤️"_s, u"🙏🏿"_s}, context.variant)},
                             {u"message_id"_s, context.relatedMessageId}}}};
    }
    Q_UNREACHABLE();
    return {};
}

bool MessageFactory::repliesToBotMessage(Kind kind)
{
    return kind == Kind::Button || kind == Kind::InteractiveButton
        || kind == Kind::InteractiveList;
}

bool MessageFactory::carriesContact(Kind kind)
{
    switch (kind) {
    case Kind::FormattedText:
    case Kind::EmojiText:
    case Kind::ArabicText:
    case Kind::HebrewText:
    case Kind::MixedDirectionText:
    case Kind::LongText:
    case Kind::PlainText:
    case Kind::Location:
    case Kind::Contacts:
    case Kind::Button:
        return true;
    default:
        return false;
    }
}

QJsonObject MessageFactory::text(Kind kind, int variant)
{
    QString body;
    switch (kind) {
    case Kind::FormattedText:
        body = u"Hi! My order *4711* hasn't arrived yet, can you _check_ it? "
               u"~Cancel it~ No, keep it. The code on the slip is ```ZX-4711-B```."_s;
        break;
    case Kind::EmojiText:
        body = pick({u"Thanks a lot 👍🏽👍🏿 the courier 👩🏾‍🚀 was great! 👨‍👩‍👧‍👦 🇸🇪 ❤️‍🔥"_s,
                     u"Parcel arrived 📦✅ my kids 👧🏻👦🏼 love it 😂😂"_s},
                    variant);
        break;
    case Kind::ArabicText:
        body = u"مرحباً، لم يصل طلبي بعد. هل يمكنكم المساعدة من فضلكم؟"_s;
        break;
    case Kind::HebrewText:
        body = u"שלום, ההזמנה שלי עדיין לא הגיעה. אפשר לבדוק?"_s;
        break;
    case Kind::MixedDirectionText:
        body = u"رقم الطلب order #4711 وصل damaged 📦 — please help, תודה (ZX-4711-B)"_s;
        break;
    case Kind::LongText:
        body = longText();
        break;
    default:
        body = pick({u"Hello, where is my parcel?"_s,
                     u"Is the shop open on Sunday?"_s,
                     u"Can I change the delivery address to my office?"_s,
                     u"Hej! Kan ni skicka kvittot igen?"_s,
                     u"Guten Tag, die Lieferung ist unvollständig."_s,
                     u"¿Tienen este modelo en talla 42?"_s,
                     u"Olá, o pagamento foi aprovado?"_s,
                     u"Ok, thanks 🙂"_s,
                     u"Yes"_s,
                     u"I need an *invoice* for my company, please."_s,
                     u"The tracking link says _delivered_ but nothing is here."_s,
                     u"Can you call me back after 5 pm?"_s},
                    variant);
        break;
    }
    return {{u"type"_s, u"text"_s}, {u"body"_s, body}};
}

QJsonObject MessageFactory::location(int variant)
{
    struct Place
    {
        double latitude;
        double longitude;
        QString name;
        QString address;
    };
    const QList<Place> places{
        {59.3326, 18.0649, u"Pickup point"_s, u"Drottninggatan 1, Stockholm"_s},
        {30.0444, 31.2357, u"Home"_s, u"Tahrir Square, Cairo"_s},
        {32.0853, 34.7818, u"Office"_s, u"Rothschild Blvd 1, Tel Aviv"_s},
        {-23.5505, -46.6333, u"Loja Centro"_s, u"Praça da Sé, São Paulo"_s},
    };
    const Place &place = places.at(qAbs(variant) % places.size());
    return {{u"type"_s, u"location"_s},
            {u"latitude"_s, place.latitude},
            {u"longitude"_s, place.longitude},
            {u"name"_s, place.name},
            {u"address"_s, place.address},
            {u"url"_s, u"https://maps.example.invalid/?q=%1,%2"_s.arg(place.latitude).arg(place.longitude)}};
}

QJsonObject MessageFactory::media(Kind kind, const Context &context)
{
    QString type;
    QString mimeType;
    QString fileName;
    QString caption;
    switch (kind) {
    case Kind::Image:
        type = u"image"_s;
        mimeType = u"image/jpeg"_s;
        fileName = u"photo.jpg"_s;
        caption = pick({u"The parcel arrived damaged"_s, u"This is the label"_s, QString()},
                       context.variant);
        break;
    case Kind::Video:
        type = u"video"_s;
        mimeType = u"video/mp4"_s;
        fileName = u"unboxing.mp4"_s;
        caption = u"Look at the box 😬"_s;
        break;
    case Kind::Audio:
        type = u"audio"_s;
        mimeType = u"audio/mpeg"_s;
        fileName = u"voicemail-from-courier.mp3"_s;
        break;
    case Kind::Voice:
        type = u"voice"_s;
        mimeType = u"audio/ogg; codecs=opus"_s;
        fileName = u"voice.ogg"_s;
        break;
    default:
        type = u"document"_s;
        mimeType = u"application/pdf"_s;
        fileName = pick({u"receipt-4711.pdf"_s, u"invoice 2026-11 (copy).pdf"_s}, context.variant);
        caption = u"Receipt"_s;
        break;
    }

    QJsonObject message{{u"type"_s, type},
                        {u"url"_s, u"https://media.example.invalid/%1/%2"_s.arg(
                                       context.messageId, QString::fromUtf8(QUrl::toPercentEncoding(fileName)))},
                        {u"mime_type"_s, mimeType}};
    if (!caption.isEmpty())
        message.insert(u"caption"_s, caption);
    if (kind == Kind::Audio || kind == Kind::Document)
        message.insert(u"filename"_s, fileName);
    return message;
}

QJsonObject MessageFactory::sticker(const Context &context)
{
    const QJsonObject metadata{
        {u"stickerpack-id"_s, u"pack-parcels-1"_s},
        {u"stickerpack-name"_s, u"Parcels"_s},
        {u"stickerpack-publisher"_s, u"Example Stickers"_s},
        {u"emojis"_s, QJsonArray{u"📦"_s, u"🙂"_s}},
        {u"ios-app-store-link"_s, u"https://apps.example.invalid/ios/parcels"_s},
        {u"android-app-store-link"_s, u"https://apps.example.invalid/android/parcels"_s},
        {u"is-first-party-sticker"_s, 0},
    };
    return {{u"type"_s, u"sticker"_s},
            {u"url"_s, u"https://media.example.invalid/%1/sticker.webp"_s.arg(context.messageId)},
            {u"mime_type"_s, u"image/webp"_s},
            {u"metadata"_s, metadata}};
}

QJsonObject MessageFactory::contactCard(int variant)
{
    if (variant % 2 == 1) {
        return {{u"name"_s, QJsonObject{{u"formatted_name"_s, u"יעל לוי"_s},
                                        {u"first_name"_s, u"יעל"_s},
                                        {u"last_name"_s, u"לוי"_s}}},
                {u"phones"_s, QJsonArray{QJsonObject{{u"phone"_s, u"+972 50-000-0199"_s},
                                                     {u"type"_s, u"CELL"_s}}}}};
    }

    return {
        {u"name"_s, QJsonObject{{u"formatted_name"_s, u"Dr. Cecilia M. Berg Jr."_s},
                                {u"first_name"_s, u"Cecilia"_s},
                                {u"last_name"_s, u"Berg"_s},
                                {u"middle_name"_s, u"Maria"_s},
                                {u"prefix"_s, u"Dr."_s},
                                {u"suffix"_s, u"Jr."_s}}},
        {u"phones"_s, QJsonArray{QJsonObject{{u"phone"_s, u"+46 70 000 01 99"_s},
                                             {u"type"_s, u"CELL"_s},
                                             {u"wa_id"_s, u"46700000199"_s}},
                                 QJsonObject{{u"phone"_s, u"+46 8 000 00 00"_s},
                                             {u"type"_s, u"WORK"_s}}}},
        {u"emails"_s, QJsonArray{QJsonObject{{u"email"_s, u"cecilia@example.invalid"_s},
                                             {u"type"_s, u"WORK"_s}}}},
        {u"addresses"_s, QJsonArray{QJsonObject{{u"street"_s, u"Storgatan 5"_s},
                                                {u"city"_s, u"Uppsala"_s},
                                                {u"state"_s, u"Uppsala län"_s},
                                                {u"zip"_s, u"753 20"_s},
                                                {u"country"_s, u"Sweden"_s},
                                                {u"country_code"_s, u"se"_s},
                                                {u"type"_s, u"WORK"_s}}}},
        {u"org"_s, QJsonObject{{u"company"_s, u"Example AB"_s},
                               {u"department"_s, u"Purchasing"_s},
                               {u"title"_s, u"Buyer"_s}}},
        {u"urls"_s, QJsonArray{QJsonObject{{u"url"_s, u"https://example.invalid/cecilia"_s},
                                           {u"type"_s, u"WORK"_s}}}},
        {u"ims"_s, QJsonArray{QJsonObject{{u"im"_s, u"cecilia.berg"_s}, {u"type"_s, u"XMPP"_s}}}},
        {u"birthday"_s, u"1990-04-01"_s},
        {u"contact_image_url"_s, u"https://media.example.invalid/contacts/cecilia.jpg"_s},
    };
}

QJsonObject MessageFactory::interactive(Kind kind, int variant)
{
    QJsonObject reply;
    if (kind == Kind::InteractiveButton) {
        reply = {{u"type"_s, u"button"_s},
                 {u"id"_s, variant % 2 ? u"reschedule-no"_s : u"reschedule-yes"_s},
                 {u"title"_s, variant % 2 ? u"No, keep the date"_s : u"Yes, reschedule"_s}};
    } else {
        const int slot = qAbs(variant) % 3;
        const QStringList titles{u"Thursday 8–10"_s, u"Friday 10–12"_s, u"Saturday 12–14"_s};
        reply = {{u"type"_s, u"list"_s},
                 {u"id"_s, u"slot-%1"_s.arg(slot + 1)},
                 {u"title"_s, titles.at(slot)},
                 {u"description"_s, slot == 2 ? u"Pickup point"_s : u"Home delivery"_s}};
    }
    return {{u"type"_s, u"interactive"_s}, {u"message"_s, reply}};
}
