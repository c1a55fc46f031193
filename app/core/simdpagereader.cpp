#include "simdpagereader.h"

#include "msisdn.h"

#include <QJsonValue>
#include <QStringList>

#include <simdjson.h>

#include <array>
#include <string_view>

namespace dom = simdjson::dom;
namespace ondemand = simdjson::ondemand;

namespace {

// The parsers keep their buffers between pages, so each thread that reads pages
// allocates them once.
dom::parser &domParser()
{
    thread_local dom::parser parser;
    return parser;
}

ondemand::parser &onDemandParser()
{
    thread_local ondemand::parser parser;
    return parser;
}

QString toQString(std::string_view text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

bool isMissing(const dom::element *value)
{
    return !value || value->type() == dom::element_type::NULL_VALUE;
}

// The fields of one JSON object, collected in one pass. Reading fails, so that the
// object goes to CallbackParser, when a key repeats (QJsonDocument keeps the last
// value, simdjson the first) or the object has more fields than it holds.
class Fields
{
public:
    bool collect(dom::object object)
    {
        for (const dom::key_value_pair &field : object) {
            if (m_count == int(m_keys.size()))
                return false;
            for (int i = 0; i < m_count; ++i) {
                if (m_keys[i] == field.key)
                    return false;
            }
            m_keys[m_count] = field.key;
            m_values[m_count] = field.value;
            ++m_count;
        }
        return true;
    }

    const dom::element *find(std::string_view key) const
    {
        for (int i = 0; i < m_count; ++i) {
            if (m_keys[i] == key)
                return &m_values[i];
        }
        return nullptr;
    }

    // A text field: missing gives an empty string; anything but a string fails.
    bool text(std::string_view key, QString *out) const
    {
        const dom::element *value = find(key);
        if (!value)
            return true;
        std::string_view text;
        if (value->get_string().get(text) != simdjson::SUCCESS)
            return false;
        *out = toQString(text);
        return true;
    }

    // A text field that must be present.
    bool requiredText(std::string_view key, QString *out) const { return find(key) && text(key, out); }

    // A true-or-false field: missing or null gives false; anything but a boolean fails.
    bool flag(std::string_view key, bool *out) const
    {
        const dom::element *value = find(key);
        if (isMissing(value)) {
            *out = false;
            return true;
        }
        return value->get_bool().get(*out) == simdjson::SUCCESS;
    }

    // A number field: missing gives no value; anything but a number fails.
    bool number(std::string_view key, std::optional<double> *out) const
    {
        const dom::element *value = find(key);
        if (!value)
            return true;
        if (!value->is_number())
            return false;
        double number = 0;
        if (value->get_double().get(number) != simdjson::SUCCESS)
            return false;
        *out = number;
        return true;
    }

    // An object field that must be present.
    bool object(std::string_view key, Fields *out) const
    {
        const dom::element *value = find(key);
        dom::object object;
        if (!value || value->get_object().get(object) != simdjson::SUCCESS)
            return false;
        return out->collect(object);
    }

private:
    std::array<std::string_view, 32> m_keys;
    std::array<dom::element, 32> m_values;
    int m_count = 0;
};

bool isMediaType(const QString &type)
{
    static const QStringList mediaTypes = {QStringLiteral("image"), QStringLiteral("video"), QStringLiteral("audio"),
                                           QStringLiteral("voice"), QStringLiteral("document"), QStringLiteral("sticker")};
    return mediaTypes.contains(type);
}

bool readContent(const QString &type, const Fields &fields, MessageContent::Value *content)
{
    if (type == QLatin1String("text")) {
        MessageContent::Text text;
        if (!fields.text("body", &text.body))
            return false;
        *content = std::move(text);
        return true;
    }

    if (type == QLatin1String("location")) {
        MessageContent::Location location;
        if (!fields.number("latitude", &location.latitude) || !fields.number("longitude", &location.longitude)
            || !fields.text("name", &location.name) || !fields.text("address", &location.address)
            || !fields.text("url", &location.url)) {
            return false;
        }
        *content = std::move(location);
        return true;
    }

    if (isMediaType(type)) {
        // Sticker metadata is rare and free-form; CallbackParser reads it.
        if (fields.find("metadata"))
            return false;
        MessageContent::Media media;
        if (!fields.text("url", &media.url) || !fields.text("mime_type", &media.mimeType)
            || !fields.text("caption", &media.caption) || !fields.text("filename", &media.filename)) {
            return false;
        }
        *content = std::move(media);
        return true;
    }

    if (type == QLatin1String("button")) {
        MessageContent::Button button;
        if (!fields.text("index", &button.index) || !fields.text("text", &button.text)
            || !fields.text("payload", &button.payload)) {
            return false;
        }
        *content = std::move(button);
        return true;
    }

    if (type == QLatin1String("interactive")) {
        MessageContent::Interactive reply;
        if (fields.find("message")) {
            Fields replyFields;
            if (!fields.object("message", &replyFields) || !replyFields.text("type", &reply.replyType)
                || !replyFields.text("id", &reply.id) || !replyFields.text("title", &reply.title)
                || !replyFields.text("description", &reply.description)) {
                return false;
            }
        }
        *content = std::move(reply);
        return true;
    }

    if (type == QLatin1String("error")) {
        MessageContent::Error error;
        if (!fields.text("details", &error.details))
            return false;
        *content = std::move(error);
        return true;
    }

    // Shared contacts and group events have nested, loosely typed parts.
    if (type == QLatin1String("contacts") || type == QLatin1String("group_event"))
        return false;

    *content = MessageContent::Unknown{};
    return true;
}

std::optional<InboundMessage> readMessage(dom::object object)
{
    Fields fields;
    if (!fields.collect(object))
        return std::nullopt;

    InboundMessage message;
    if (!fields.requiredText("message_id", &message.messageId) || !fields.requiredText("from", &message.from)
        || !fields.text("to", &message.to) || !fields.flag("forwarded", &message.forwarded)
        || !fields.flag("frequently_forwarded", &message.frequentlyForwarded)) {
        return std::nullopt;
    }
    message.fromDigits = Msisdn::normalize(message.from);

    const dom::element *timestamp = fields.find("timestamp");
    if (!isMissing(timestamp)) {
        std::string_view text;
        double epoch = 0;
        if (timestamp->get_string().get(text) == simdjson::SUCCESS)
            message.timestamp = Timestamp::parse(toQString(text));
        else if (timestamp->is_number() && timestamp->get_double().get(epoch) == simdjson::SUCCESS)
            message.timestamp = Timestamp::fromJson(QJsonValue(epoch));
        else
            return std::nullopt;
        if (message.timestamp.state() == Timestamp::State::Invalid)
            return std::nullopt;
    }

    Fields content;
    if (!fields.object("message", &content) || !content.requiredText("type", &message.type) || message.type.isEmpty())
        return std::nullopt;
    if (!readContent(message.type, content, &message.content.value))
        return std::nullopt;

    if (fields.find("replying_to")) {
        Fields reply;
        InboundMessage::ReplyTo replyTo;
        if (!fields.object("replying_to", &reply) || !reply.text("message_id", &replyTo.messageId)
            || !reply.text("from", &replyTo.from)) {
            return std::nullopt;
        }
        message.replyingTo = std::move(replyTo);
    }

    // Referrals are rare and have a nested object; CallbackParser reads them.
    if (fields.find("referral"))
        return std::nullopt;
    return message;
}

bool readContact(dom::object object, Contact *contact)
{
    Fields fields;
    if (!fields.collect(object) || !fields.text("wa_id", &contact->waId))
        return false;
    contact->waIdDigits = Msisdn::normalize(contact->waId);
    if (fields.find("profile")) {
        Fields profile;
        if (!fields.object("profile", &profile) || !profile.text("name", &contact->name))
            return false;
        contact->name = contact->name.trimmed();
    }
    return true;
}

// The value at key of a callback: missing or null leaves *array empty; otherwise
// it must be an array whose elements are all objects.
bool objectArray(const Fields &callback, std::string_view key, std::optional<dom::array> *array)
{
    const dom::element *value = callback.find(key);
    if (isMissing(value))
        return true;
    dom::array elements;
    if (value->get_array().get(elements) != simdjson::SUCCESS)
        return false;
    *array = elements;
    for (dom::element element : elements) {
        if (!element.is_object())
            return false;
    }
    return true;
}

// Finds the position of each notification object in the body, in document order.
// simdjson's tree keeps no positions, so this walks the body a second time with
// the on-demand parser, which skips the values it is not asked for.
bool findNotifications(const simdjson::padded_string &body, QList<SimdPageReader::Notification> *found)
{
    ondemand::document document;
    if (onDemandParser().iterate(body).get(document) != simdjson::SUCCESS)
        return false;
    ondemand::array results;
    if (document.find_field_unordered("results").get_array().get(results) != simdjson::SUCCESS)
        return false;

    int callbackIndex = 0;
    for (auto element : results) {
        ondemand::object callback;
        if (element.get_object().get(callback) != simdjson::SUCCESS)
            return false;
        ondemand::value notifications;
        const simdjson::error_code error = callback.find_field_unordered("notifications").get(notifications);
        ondemand::json_type type = ondemand::json_type::null;
        if (error == simdjson::SUCCESS && notifications.type().get(type) != simdjson::SUCCESS)
            return false;
        if (error == simdjson::SUCCESS && type != ondemand::json_type::null) {
            ondemand::array array;
            if (notifications.get_array().get(array) != simdjson::SUCCESS)
                return false;
            int notificationIndex = 0;
            for (auto entry : array) {
                ondemand::object object;
                std::string_view raw;
                if (entry.get_object().get(object) != simdjson::SUCCESS || object.raw_json().get(raw) != simdjson::SUCCESS)
                    return false;
                // The text runs up to the next token, so it can end in white space.
                while (!raw.empty() && raw.back() != '}')
                    raw.remove_suffix(1);
                SimdPageReader::Notification notification;
                notification.callbackIndex = callbackIndex;
                notification.notificationIndex = notificationIndex++;
                notification.offset = raw.data() - body.data();
                notification.length = qsizetype(raw.size());
                found->append(std::move(notification));
            }
        } else if (error != simdjson::SUCCESS && error != simdjson::NO_SUCH_FIELD) {
            return false;
        }
        ++callbackIndex;
    }
    return true;
}

} // namespace

bool SimdPageReader::readPage(const QByteArray &body, Page *page)
{
    const simdjson::padded_string padded(body.constData(), size_t(body.size()));
    dom::element root;
    dom::object document;
    Fields documentFields;
    dom::array results;
    if (domParser().parse(padded).get(root) != simdjson::SUCCESS || root.get_object().get(document) != simdjson::SUCCESS
        || !documentFields.collect(document) || !documentFields.find("results")
        || documentFields.find("results")->get_array().get(results) != simdjson::SUCCESS) {
        return false;
    }

    Page result;
    if (!findNotifications(padded, &result.notifications))
        return false;

    qsizetype next = 0;
    for (dom::element element : results) {
        dom::object object;
        Fields callback;
        if (element.get_object().get(object) != simdjson::SUCCESS || !callback.collect(object))
            return false;
        std::optional<dom::array> statuses;
        std::optional<dom::array> notifications;
        std::optional<dom::array> contacts;
        if (!objectArray(callback, "statuses", &statuses) || !objectArray(callback, "notifications", &notifications)
            || !objectArray(callback, "contacts", &contacts)) {
            return false;
        }
        if (contacts) {
            for (dom::element entry : *contacts) {
                Contact contact;
                if (!readContact(entry.get_object().value_unsafe(), &contact))
                    return false;
                result.contacts.append(std::move(contact));
            }
        }
        if (notifications) {
            for (dom::element entry : *notifications) {
                // Both walks must have found the same notifications in the same order.
                if (next == result.notifications.size()
                    || result.notifications.at(next).callbackIndex != result.callbackCount) {
                    return false;
                }
                result.notifications[next++].message = readMessage(entry.get_object().value_unsafe());
            }
        }
        ++result.callbackCount;
    }
    if (next != result.notifications.size())
        return false;
    *page = std::move(result);
    return true;
}

std::optional<InboundMessage> SimdPageReader::readNotification(const char *data, qsizetype size)
{
    dom::element root;
    dom::object object;
    if (domParser().parse(data, size_t(size)).get(root) != simdjson::SUCCESS
        || root.get_object().get(object) != simdjson::SUCCESS) {
        return std::nullopt;
    }
    return readMessage(object);
}
