#include "callbackparser.h"

#include "logcategories.h"
#include "msisdn.h"
#include "pagesequence.h"
#include "simdpagereader.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {

QString typeName(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("a boolean");
    case QJsonValue::Double:
        return QStringLiteral("a number");
    case QJsonValue::String:
        return QStringLiteral("a string");
    case QJsonValue::Array:
        return QStringLiteral("an array");
    case QJsonValue::Object:
        return QStringLiteral("an object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("nothing");
}

ParseError structureError(const QString &path, const QString &expected, const QJsonValue &found)
{
    ParseError error;
    error.path = path;
    error.reason = QStringLiteral("expected %1, found %2").arg(expected, typeName(found));
    return error;
}

ParseError syntaxError(const QByteArray &body, const QJsonParseError &jsonError)
{
    ParseError error;
    error.reason = jsonError.errorString();
    error.offset = jsonError.offset;
    error.line = 1;
    error.column = 1;
    const qsizetype end = qMin<qsizetype>(jsonError.offset, body.size());
    for (qsizetype i = 0; i < end; ++i) {
        if (body.at(i) == '\n') {
            ++error.line;
            error.column = 1;
        } else {
            ++error.column;
        }
    }
    return error;
}

// Reads fields of one JSON object and records, in plain words, what could not be read.
// A nested reader names its fields with the path from the root ("message.type"),
// built only when a problem is noted, so that reading a clean message allocates no
// path strings.
class FieldReader
{
public:
    FieldReader(const QJsonObject &object, QStringList *problems)
        : m_object(object), m_problems(problems)
    {
    }

    // A reader of object, found at key inside parent, which must outlive it.
    FieldReader(const QJsonObject &object, const FieldReader *parent, QLatin1String key)
        : m_object(object), m_parent(parent), m_key(key), m_problems(parent->m_problems)
    {
    }

    QString text(QLatin1String key) const { return text(key, m_object.value(key)); }

    // Reads value, already looked up at key, so that a caller that also needs
    // to know whether the key is present looks it up once.
    QString text(QLatin1String key, const QJsonValue &value) const
    {
        switch (value.type()) {
        case QJsonValue::String:
            return value.toString();
        case QJsonValue::Undefined:
            return QString();
        case QJsonValue::Double:
            note(key, QStringLiteral("was sent as a number"));
            return QString::number(value.toDouble(), 'g', 17);
        case QJsonValue::Bool:
            note(key, QStringLiteral("was sent as a boolean"));
            return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
        case QJsonValue::Null:
            note(key, QStringLiteral("is null"));
            return QString();
        case QJsonValue::Array:
        case QJsonValue::Object:
            note(key, QStringLiteral("is %1, not text").arg(typeName(value)));
            return QString();
        }
        return QString();
    }

    std::optional<double> number(QLatin1String key) const
    {
        const QJsonValue value = m_object.value(key);
        if (value.isDouble())
            return value.toDouble();
        if (value.isUndefined())
            return std::nullopt;
        if (value.isString()) {
            bool ok = false;
            const double parsed = value.toString().trimmed().toDouble(&ok);
            if (ok) {
                note(key, QStringLiteral("was sent as text"));
                return parsed;
            }
        }
        note(key, QStringLiteral("is %1, not a number").arg(typeName(value)));
        return std::nullopt;
    }

    bool flag(QLatin1String key) const
    {
        const QJsonValue value = m_object.value(key);
        if (value.isBool())
            return value.toBool();
        if (value.isUndefined() || value.isNull())
            return false;
        if (value.isDouble()) {
            note(key, QStringLiteral("was sent as a number"));
            return value.toDouble() != 0;
        }
        if (value.isString()) {
            note(key, QStringLiteral("was sent as text"));
            return value.toString().trimmed().compare(QLatin1String("true"), Qt::CaseInsensitive) == 0;
        }
        note(key, QStringLiteral("is %1, not true or false").arg(typeName(value)));
        return false;
    }

    // The nested object at key; an empty object (noted when present) otherwise.
    QJsonObject object(QLatin1String key) const { return object(key, m_object.value(key)); }

    QJsonObject object(QLatin1String key, const QJsonValue &value) const
    {
        if (!value.isObject() && !value.isUndefined())
            note(key, QStringLiteral("is %1, not an object").arg(typeName(value)));
        return value.toObject();
    }

    QJsonArray array(QLatin1String key) const
    {
        const QJsonValue value = m_object.value(key);
        if (!value.isArray() && !value.isUndefined() && !value.isNull())
            note(key, QStringLiteral("is %1, not a list").arg(typeName(value)));
        return value.toArray();
    }

    bool contains(QLatin1String key) const { return m_object.contains(key); }

    FieldReader nested(const QJsonObject &object, QLatin1String key) const { return FieldReader(object, this, key); }

    void note(QLatin1String key, const QString &what) const
    {
        m_problems->append(prefix() + key + QLatin1Char(' ') + what);
    }

private:
    // The path of this object with a trailing dot, empty for the root.
    QString prefix() const
    {
        if (!m_parent)
            return QString();
        return m_parent->prefix() + m_key + QLatin1Char('.');
    }

    QJsonObject m_object;
    const FieldReader *m_parent = nullptr;
    QLatin1String m_key;
    QStringList *m_problems;
};

MessageContent::ContactCard readContactCard(const FieldReader &card, const QJsonObject &object)
{
    using Card = MessageContent::ContactCard;
    Card result;

    const FieldReader name = card.nested(card.object(QLatin1String("name")), QLatin1String("name"));
    result.formattedName = name.text(QLatin1String("formatted_name"));
    if (result.formattedName.isEmpty()) {
        QStringList parts;
        for (const char *key : {"prefix", "first_name", "middle_name", "last_name", "suffix"}) {
            const QString part = name.text(QLatin1String(key));
            if (!part.isEmpty())
                parts.append(part);
        }
        result.formattedName = parts.join(QLatin1Char(' '));
    }

    const auto readList = [&](QLatin1String key, QLatin1String valueKey, Card::Field field) {
        for (const QJsonValue &entry : card.array(key)) {
            const FieldReader item = card.nested(entry.toObject(), key);
            result.entries.append({field, item.text(QLatin1String("type")), item.text(valueKey)});
        }
    };
    readList(QLatin1String("phones"), QLatin1String("phone"), Card::Field::Phone);
    readList(QLatin1String("emails"), QLatin1String("email"), Card::Field::Email);
    readList(QLatin1String("urls"), QLatin1String("url"), Card::Field::Url);

    for (const QJsonValue &entry : card.array(QLatin1String("addresses"))) {
        const FieldReader address = card.nested(entry.toObject(), QLatin1String("addresses"));
        QStringList parts;
        for (const char *key : {"street", "city", "state", "zip", "country", "country_code"}) {
            const QString part = address.text(QLatin1String(key));
            if (!part.isEmpty())
                parts.append(part);
        }
        result.entries.append({Card::Field::Address, address.text(QLatin1String("type")), parts.join(QLatin1String(", "))});
    }

    for (const QJsonValue &entry : card.array(QLatin1String("ims"))) {
        const QString value = entry.isObject() ? QString::fromUtf8(QJsonDocument(entry.toObject()).toJson(QJsonDocument::Compact))
                                               : entry.toVariant().toString();
        result.entries.append({Card::Field::InstantMessaging, QString(), value});
    }

    if (card.contains(QLatin1String("org"))) {
        const FieldReader org = card.nested(card.object(QLatin1String("org")), QLatin1String("org"));
        QStringList parts;
        for (const char *key : {"company", "department", "title"}) {
            const QString part = org.text(QLatin1String(key));
            if (!part.isEmpty())
                parts.append(part);
        }
        result.entries.append({Card::Field::Organization, QString(), parts.join(QLatin1String(", "))});
    }

    const QString birthday = card.text(QLatin1String("birthday"));
    if (!birthday.isEmpty())
        result.entries.append({Card::Field::Birthday, QString(), birthday});
    const QString image = card.text(QLatin1String("contact_image_url"));
    if (!image.isEmpty())
        result.entries.append({Card::Field::Image, QString(), image});

    Q_UNUSED(object);
    return result;
}

MessageContent::Value readContent(const QString &type, const FieldReader &message, const QJsonObject &object)
{
    if (type == QLatin1String("text"))
        return MessageContent::Text{message.text(QLatin1String("body"))};

    if (type == QLatin1String("location")) {
        return MessageContent::Location{message.number(QLatin1String("latitude")),
                                        message.number(QLatin1String("longitude")),
                                        message.text(QLatin1String("name")),
                                        message.text(QLatin1String("address")),
                                        message.text(QLatin1String("url"))};
    }

    static const QStringList mediaTypes = {QStringLiteral("image"), QStringLiteral("video"), QStringLiteral("audio"),
                                           QStringLiteral("voice"), QStringLiteral("document"), QStringLiteral("sticker")};
    if (mediaTypes.contains(type)) {
        MessageContent::Media media{message.text(QLatin1String("url")), message.text(QLatin1String("mime_type")),
                                    message.text(QLatin1String("caption")), message.text(QLatin1String("filename")), {}};
        const QJsonObject metadata = message.object(QLatin1String("metadata"));
        for (auto it = metadata.constBegin(); it != metadata.constEnd(); ++it) {
            const QJsonValue value = it.value();
            QString shown;
            if (value.isArray()) {
                QStringList items;
                for (const QJsonValue &item : value.toArray())
                    items.append(item.toVariant().toString());
                shown = items.join(QLatin1Char(' '));
            } else {
                shown = value.toVariant().toString();
            }
            media.metadata.append({it.key(), shown});
        }
        return media;
    }

    if (type == QLatin1String("contacts")) {
        MessageContent::SharedContacts shared;
        for (const QJsonValue &entry : message.array(QLatin1String("contacts"))) {
            if (!entry.isObject()) {
                message.note(QLatin1String("contacts"), QStringLiteral("has an entry that is %1").arg(typeName(entry)));
                continue;
            }
            shared.cards.append(readContactCard(message.nested(entry.toObject(), QLatin1String("contacts")), entry.toObject()));
        }
        return shared;
    }

    if (type == QLatin1String("button")) {
        return MessageContent::Button{message.text(QLatin1String("index")), message.text(QLatin1String("text")),
                                      message.text(QLatin1String("payload"))};
    }

    if (type == QLatin1String("interactive")) {
        const FieldReader reply = message.nested(message.object(QLatin1String("message")), QLatin1String("message"));
        return MessageContent::Interactive{reply.text(QLatin1String("type")), reply.text(QLatin1String("id")),
                                           reply.text(QLatin1String("title")), reply.text(QLatin1String("description"))};
    }

    if (type == QLatin1String("group_event")) {
        MessageContent::GroupEvent event{message.text(QLatin1String("event_type")), message.text(QLatin1String("body")),
                                         QString(), {}};
        const QJsonValue inGroup = object.value(QLatin1String("in_group"));
        event.inGroup = inGroup.isString() ? inGroup.toString() : inGroup.toVariant().toString();
        for (const QJsonValue &member : message.array(QLatin1String("members")))
            event.members.append(member.isString() ? member.toString() : member.toVariant().toString());
        return event;
    }

    if (type == QLatin1String("error"))
        return MessageContent::Error{message.text(QLatin1String("details"))};

    return MessageContent::Unknown{};
}

InboundMessage readNotification(const QJsonObject &object)
{
    InboundMessage message;
    const FieldReader fields(object, &message.problems);

    const QJsonValue id = object.value(QLatin1String("message_id"));
    message.messageId = fields.text(QLatin1String("message_id"), id);
    if (id.isUndefined())
        message.problems.append(QStringLiteral("message_id is missing"));
    const QJsonValue from = object.value(QLatin1String("from"));
    message.from = fields.text(QLatin1String("from"), from);
    message.fromDigits = Msisdn::normalize(message.from);
    if (from.isUndefined())
        message.problems.append(QStringLiteral("from is missing"));
    message.to = fields.text(QLatin1String("to"));
    message.forwarded = fields.flag(QLatin1String("forwarded"));
    message.frequentlyForwarded = fields.flag(QLatin1String("frequently_forwarded"));

    message.timestamp = Timestamp::fromJson(object.value(QLatin1String("timestamp")));
    if (message.timestamp.state() == Timestamp::State::Invalid)
        message.problems.append(QStringLiteral("timestamp \"%1\" is not a date-time").arg(message.timestamp.raw()));

    const QJsonValue content = object.value(QLatin1String("message"));
    if (content.isObject()) {
        const FieldReader contentFields = fields.nested(content.toObject(), QLatin1String("message"));
        message.type = contentFields.text(QLatin1String("type"));
        if (message.type.isEmpty())
            message.problems.append(QStringLiteral("message.type is missing"));
        message.content.value = readContent(message.type, contentFields, content.toObject());
    } else if (content.isUndefined()) {
        message.problems.append(QStringLiteral("message is missing"));
    } else {
        message.problems.append(QStringLiteral("message is %1, not an object").arg(typeName(content)));
    }

    const QJsonValue replyingTo = object.value(QLatin1String("replying_to"));
    if (!replyingTo.isUndefined()) {
        const FieldReader reply =
            fields.nested(fields.object(QLatin1String("replying_to"), replyingTo), QLatin1String("replying_to"));
        message.replyingTo = InboundMessage::ReplyTo{reply.text(QLatin1String("message_id")), reply.text(QLatin1String("from"))};
    }

    const QJsonValue referralValue = object.value(QLatin1String("referral"));
    if (!referralValue.isUndefined()) {
        const FieldReader referral =
            fields.nested(fields.object(QLatin1String("referral"), referralValue), QLatin1String("referral"));
        const FieldReader media =
            referral.nested(referral.object(QLatin1String("referral_media")), QLatin1String("referral_media"));
        InboundMessage::Referral details{referral.text(QLatin1String("headline")),
                                         referral.text(QLatin1String("body")),
                                         referral.text(QLatin1String("source_type")),
                                         referral.text(QLatin1String("source_id")),
                                         referral.text(QLatin1String("source_url")),
                                         media.text(QLatin1String("type")),
                                         media.text(QLatin1String("url"))};
        message.referral = std::make_shared<const InboundMessage::Referral>(std::move(details));
    }
    return message;
}

DeliveryReport readDeliveryReport(const QJsonObject &object, int arrival)
{
    DeliveryReport report;
    report.rawJson = object;
    report.arrival = arrival;
    const FieldReader fields(object, &report.problems);
    report.status = fields.text(QLatin1String("status"));
    report.stateName = fields.text(QLatin1String("state"));
    if (report.stateName.isEmpty())
        report.problems.append(QStringLiteral("state is missing"));
    report.messageId = fields.text(QLatin1String("message_id"));
    report.recipient = fields.text(QLatin1String("recipient"));
    report.details = fields.text(QLatin1String("details"));
    report.timestamp = Timestamp::fromJson(object.value(QLatin1String("timestamp")));
    if (report.timestamp.state() == Timestamp::State::Invalid)
        report.problems.append(QStringLiteral("timestamp \"%1\" is not a date-time").arg(report.timestamp.raw()));
    return report;
}

Contact readContact(const QJsonObject &object)
{
    QStringList ignored;
    const FieldReader fields(object, &ignored);
    Contact contact;
    contact.waId = fields.text(QLatin1String("wa_id"));
    contact.waIdDigits = Msisdn::normalize(contact.waId);
    const FieldReader profile = fields.nested(fields.object(QLatin1String("profile")), QLatin1String("profile"));
    contact.name = profile.text(QLatin1String("name")).trimmed();
    return contact;
}

QString resultPath(qsizetype index)
{
    return QStringLiteral("results[%1]").arg(index);
}

// Reads the array at key of the callback at results[index]; a missing key is an
// empty list. The error path is built only on failure.
std::optional<ParseError> readObjectArray(const QJsonObject &callback, QLatin1String key, qsizetype index,
                                          QList<QJsonObject> *objects)
{
    const QJsonValue value = callback.value(key);
    if (value.isUndefined() || value.isNull())
        return std::nullopt;
    if (!value.isArray())
        return structureError(resultPath(index) + QLatin1Char('.') + key, QStringLiteral("an array"), value);

    const QJsonArray array = value.toArray();
    objects->reserve(objects->size() + array.size());
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonValue element = array.at(i);
        if (!element.isObject()) {
            return structureError(QStringLiteral("%1.%2[%3]").arg(resultPath(index), key).arg(i),
                                  QStringLiteral("an object"), element);
        }
        objects->append(element.toObject());
    }
    return std::nullopt;
}

// Checks that the value at key of the callback at results[index] is missing, null,
// or an array of objects, and sets *array to it. Unlike readObjectArray(), it
// copies no object into a list.
std::optional<ParseError> checkObjectArray(const QJsonObject &callback, QLatin1String key, qsizetype index,
                                           QJsonArray *array)
{
    const QJsonValue value = callback.value(key);
    if (value.isUndefined() || value.isNull())
        return std::nullopt;
    if (!value.isArray())
        return structureError(resultPath(index) + QLatin1Char('.') + key, QStringLiteral("an array"), value);

    *array = value.toArray();
    for (qsizetype i = 0; i < array->size(); ++i) {
        const QJsonValue element = array->at(i);
        if (!element.isObject()) {
            return structureError(QStringLiteral("%1.%2[%3]").arg(resultPath(index), key).arg(i),
                                  QStringLiteral("an object"), element);
        }
    }
    return std::nullopt;
}

// Lets message share the text of fields that usually repeat the message before it,
// the bot's number and the type, so that a page keeps one copy of each.
void shareRepeatedText(const QList<InboundMessage> &messages, InboundMessage *message)
{
    if (messages.isEmpty())
        return;
    const InboundMessage &previous = messages.constLast();
    if (message->to == previous.to)
        message->to = previous.to;
    if (message->type == previous.type)
        message->type = previous.type;
}

std::optional<ParseError> readResults(const QByteArray &body, QJsonArray *results)
{
    QJsonParseError jsonError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &jsonError);
    if (jsonError.error != QJsonParseError::NoError)
        return syntaxError(body, jsonError);
    if (!document.isObject())
        return structureError(QString(), QStringLiteral("an object"),
                              document.isArray() ? QJsonValue(QJsonArray()) : QJsonValue());

    const QJsonValue value = document.object().value(QLatin1String("results"));
    if (!value.isArray())
        return structureError(QStringLiteral("results"), QStringLiteral("an array"), value);
    *results = value.toArray();
    return std::nullopt;
}

// Reads one notification object from its JSON text with QJsonDocument, for a
// message that SimdPageReader leaves.
InboundMessage readNotificationText(const char *text, qsizetype length)
{
    return readNotification(QJsonDocument::fromJson(QByteArray::fromRawData(text, length)).object());
}

// The page read with QJsonDocument: for bodies that SimdPageReader does not take,
// and for the errors, with their positions, of bodies that are not a page.
std::optional<ParseError> readPageSlowly(const QByteArray &body, CallbackParser::NotificationPage *page,
                                         QList<Contact> *pageContacts)
{
    QJsonArray results;
    if (auto error = readResults(body, &results))
        return error;

    page->callbackCount = int(results.size());
    page->messages.reserve(results.size());
    for (qsizetype i = 0; i < results.size(); ++i) {
        const QJsonValue element = results.at(i);
        if (!element.isObject())
            return structureError(resultPath(i), QStringLiteral("an object"), element);
        const QJsonObject object = element.toObject();

        QJsonArray statuses;
        QJsonArray notifications;
        QJsonArray contacts;
        if (auto error = checkObjectArray(object, QLatin1String("statuses"), i, &statuses))
            return error;
        if (auto error = checkObjectArray(object, QLatin1String("notifications"), i, &notifications))
            return error;
        if (auto error = checkObjectArray(object, QLatin1String("contacts"), i, &contacts))
            return error;

        for (const QJsonValue &contactValue : std::as_const(contacts))
            pageContacts->append(readContact(contactValue.toObject()));
        for (qsizetype n = 0; n < notifications.size(); ++n) {
            InboundMessage message = readNotification(notifications.at(n).toObject());
            message.pageBody = body;
            message.callbackIndex = int(i);
            message.notificationIndex = int(n);
            shareRepeatedText(page->messages, &message);
            page->messages.append(std::move(message));
        }
    }
    return std::nullopt;
}

} // namespace

std::optional<ParseError> CallbackParser::parseCallbacks(const QByteArray &body, QList<Callback> *callbacks)
{
    QJsonArray results;
    if (auto error = readResults(body, &results))
        return error;

    QList<Callback> parsed;
    parsed.reserve(results.size());
    int arrival = 0;
    for (qsizetype i = 0; i < results.size(); ++i) {
        const QJsonValue element = results.at(i);
        if (!element.isObject())
            return structureError(resultPath(i), QStringLiteral("an object"), element);
        const QJsonObject object = element.toObject();

        QList<QJsonObject> statuses;
        QList<QJsonObject> notifications;
        QList<QJsonObject> contacts;
        if (auto error = readObjectArray(object, QLatin1String("statuses"), i, &statuses))
            return error;
        if (auto error = readObjectArray(object, QLatin1String("notifications"), i, &notifications))
            return error;
        if (auto error = readObjectArray(object, QLatin1String("contacts"), i, &contacts))
            return error;

        Callback callback;
        callback.type = object.value(QLatin1String("type")).toString();
        for (const QJsonObject &status : statuses)
            callback.statuses.append(readDeliveryReport(status, arrival++));
        for (const QJsonObject &contact : contacts)
            callback.contacts.append(readContact(contact));
        for (qsizetype n = 0; n < notifications.size(); ++n) {
            InboundMessage message = readNotification(notifications.at(n));
            message.pageBody = body;
            message.callbackIndex = int(i);
            message.notificationIndex = int(n);
            callback.notifications.append(std::move(message));
        }
        parsed.append(std::move(callback));
    }
    *callbacks = std::move(parsed);
    return std::nullopt;
}

std::optional<ParseError> CallbackParser::parseNotificationPage(const QByteArray &body, NotificationPage *page)
{
    // Every message keeps the body for its raw JSON. A body read from the network
    // has spare capacity from growing, so the messages share an exact copy.
    const QByteArray compactBody(body.constData(), body.size());

    NotificationPage result;
    QList<Contact> contacts;
    SimdPageReader::Page fastPage;
    if (SimdPageReader::readPage(compactBody, &fastPage)) {
        result.callbackCount = fastPage.callbackCount;
        contacts = std::move(fastPage.contacts);
        result.messages.reserve(fastPage.notifications.size());
        for (SimdPageReader::Notification &entry : fastPage.notifications) {
            InboundMessage message = entry.message
                ? std::move(*entry.message)
                : readNotificationText(compactBody.constData() + entry.offset, entry.length);
            message.pageBody = compactBody;
            message.callbackIndex = entry.callbackIndex;
            message.notificationIndex = entry.notificationIndex;
            message.rawOffset = int(entry.offset);
            message.rawLength = int(entry.length);
            shareRepeatedText(result.messages, &message);
            result.messages.append(std::move(message));
        }
    } else if (auto error = readPageSlowly(compactBody, &result, &contacts)) {
        return error;
    }

    // A contact names the sender of every message on the page, also of messages in
    // callbacks before its own.
    QHash<QString, QString> names;
    for (const Contact &contact : std::as_const(contacts)) {
        if (!contact.name.isEmpty() && !contact.waIdDigits.isEmpty())
            names.insert(contact.waIdDigits, contact.name);
    }
    PageSequence::computeIdKeys(result.messages, &result.messageIdKeys, &result.sortedIdKeys);
    for (InboundMessage &message : result.messages) {
        if (!names.isEmpty())
            message.contactName = names.value(message.fromDigits);
        if (!message.problems.isEmpty())
            ++result.messagesWithProblems;
    }
    qCDebug(lcParse) << "read" << result.messages.size() << "messages from" << result.callbackCount << "callbacks";
    *page = std::move(result);
    return std::nullopt;
}

InboundMessage CallbackParser::parseNotification(const QByteArray &pageBody, int offset, int length)
{
    InboundMessage message;
    if (offset < 0 || length <= 0 || qsizetype(offset) + length > pageBody.size())
        return message;
    const char *text = pageBody.constData() + offset;
    if (std::optional<InboundMessage> fast = SimdPageReader::readNotification(text, length))
        message = std::move(*fast);
    else
        message = readNotificationText(text, length);
    message.pageBody = pageBody;
    message.rawOffset = offset;
    message.rawLength = length;
    return message;
}

std::optional<ParseError> CallbackParser::parseStatusHistory(const QByteArray &body, QList<DeliveryReport> *reports)
{
    QList<Callback> callbacks;
    if (auto error = parseCallbacks(body, &callbacks))
        return error;

    QList<DeliveryReport> result;
    for (Callback &callback : callbacks) {
        for (DeliveryReport &report : callback.statuses)
            result.append(std::move(report));
    }
    *reports = std::move(result);
    return std::nullopt;
}

bool CallbackParser::parseErrorBody(const QByteArray &body, QString *message, QString *details)
{
    QJsonParseError jsonError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &jsonError);
    if (jsonError.error != QJsonParseError::NoError || !document.isObject())
        return false;
    const QJsonObject object = document.object();
    const QJsonValue messageValue = object.value(QLatin1String("message"));
    const QJsonValue detailsValue = object.value(QLatin1String("details"));
    if (!messageValue.isString() && !detailsValue.isString())
        return false;
    *message = messageValue.toString();
    *details = detailsValue.toString();
    return true;
}
