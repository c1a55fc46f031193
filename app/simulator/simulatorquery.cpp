#include "simulatorquery.h"

#include "simulatorformat.h"

#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

#include <algorithm>
#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace {

const QString startTimeKey = u"start_time"_s;
const QString endTimeKey = u"end_time"_s;
const QString fromKey = u"from"_s;
const QString pageKey = u"page"_s;
const QString pageSizeKey = u"page_size"_s;

const QStringList &parameterNames()
{
    static const QStringList names{startTimeKey, endTimeKey, fromKey, pageKey, pageSizeKey};
    return names;
}

// Error thrown inside this file only, to end parsing at the first invalid parameter.
struct ParameterError
{
    QString details;
};

using Parameters = QHash<QString, QJsonValue>;

// Returns the value of a parameter, or an undefined value when it was not given.
QJsonValue parameter(const Parameters &parameters, const QString &key)
{
    return parameters.value(key, QJsonValue(QJsonValue::Undefined));
}

void collectQueryParameters(const QUrlQuery &query, Parameters *parameters)
{
    const auto items = query.queryItems(QUrl::FullyDecoded);
    for (const auto &[key, value] : items) {
        if (!parameterNames().contains(key))
            continue;
        if (parameters->contains(key))
            throw ParameterError{u"%1: given more than once in the query string"_s.arg(key)};
        parameters->insert(key, value);
    }
}

bool isJsonContentType(const QByteArray &contentType)
{
    const QByteArray mediaType = contentType.split(';').constFirst().trimmed().toLower();
    return mediaType == "application/json";
}

void collectBodyParameters(const QByteArray &body, const QByteArray &contentType,
                           Parameters *parameters)
{
    if (body.trimmed().isEmpty())
        return;

    if (!isJsonContentType(contentType)) {
        const QString received = contentType.isEmpty() ? u"none"_s
                                                        : u"'%1'"_s.arg(QString::fromUtf8(contentType));
        throw ParameterError{
            u"request body: Content-Type must be application/json, got %1"_s.arg(received)};
    }

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        throw ParameterError{u"request body: not valid JSON (%1 at offset %2)"_s.arg(
            parseError.errorString())
                                 .arg(parseError.offset)};
    }
    if (!document.isObject())
        throw ParameterError{u"request body: must be a JSON object, got an array"_s};

    const QJsonObject object = document.object();
    for (const QString &key : parameterNames()) {
        const QJsonValue value = object.value(key);
        if (value.isUndefined() || value.isNull())
            continue;
        if (parameters->contains(key))
            throw ParameterError{
                u"%1: given in both the query string and the JSON body"_s.arg(key)};
        parameters->insert(key, value);
    }
}

QDateTime parseTime(const Parameters &parameters, const QString &key, const QDateTime &fallback)
{
    const QJsonValue value = parameter(parameters, key);
    if (value.isUndefined())
        return fallback;
    if (!value.isString()) {
        throw ParameterError{u"%1: must be an ISO-8601 date-time string, got %2"_s.arg(
            key, SimulatorFormat::describeJsonValue(value))};
    }

    const QDateTime time = SimulatorFormat::parseIsoDateTime(value.toString());
    if (!time.isValid()) {
        throw ParameterError{
            u"%1: could not parse '%2' as an ISO-8601 date-time"_s.arg(key, value.toString())};
    }
    return time;
}

QString parseSender(const Parameters &parameters)
{
    const QJsonValue value = parameter(parameters, fromKey);
    if (value.isUndefined())
        return {};

    QString text;
    if (value.isString()) {
        text = value.toString();
    } else if (value.isDouble() && value.toDouble() == std::floor(value.toDouble())
               && value.toDouble() >= 0 && value.toDouble() < 1e15) {
        text = QString::number(qint64(value.toDouble()));
    } else {
        throw ParameterError{u"from: must be an MSISDN string, got %1"_s.arg(
            SimulatorFormat::describeJsonValue(value))};
    }

    const QString digits = SimulatorFormat::msisdnDigits(text);
    if (digits.isEmpty()) {
        throw ParameterError{
            u"from: '%1' is not an MSISDN. Use up to 15 digits, optionally with a leading "
            u"+ or 00, spaces, dashes or a whatsapp: prefix"_s.arg(text)};
    }
    return digits;
}

int parsePositiveInteger(const Parameters &parameters, const QString &key, int fallback,
                         int maximum)
{
    const QJsonValue value = parameter(parameters, key);
    if (value.isUndefined())
        return fallback;

    const QString quotedValue = value.isString() ? u"'%1'"_s.arg(value.toString())
                                           : SimulatorFormat::describeJsonValue(value);
    const ParameterError notPositive{
        u"%1: must be a positive integer, got %2"_s.arg(key, quotedValue)};

    qint64 number = 0;
    if (value.isString()) {
        const QString text = value.toString();
        const bool digitsOnly = !text.isEmpty() && text.size() <= 18
            && std::all_of(text.cbegin(), text.cend(),
                           [](QChar c) { return c >= u'0' && c <= u'9'; });
        if (!digitsOnly)
            throw notPositive;
        number = text.toLongLong();
    } else if (value.isDouble() && value.toDouble() == std::floor(value.toDouble())
               && qAbs(value.toDouble()) < 1e18) {
        number = qint64(value.toDouble());
    } else {
        throw notPositive;
    }

    if (number < 1)
        throw notPositive;
    if (number > maximum)
        throw ParameterError{u"%1: must be at most %2, got %3"_s.arg(key).arg(maximum).arg(quotedValue)};
    return int(number);
}

} // namespace

std::optional<SimulatorQuery> SimulatorQuery::fromRequest(const QUrlQuery &query,
                                                                const QByteArray &body,
                                                                const QByteArray &contentType,
                                                                const QDateTime &now,
                                                                QString *error)
{
    static const QDateTime defaultStart(QDate(2019, 9, 1), QTime(0, 0), Qt::UTC);

    try {
        Parameters parameters;
        collectQueryParameters(query, &parameters);
        collectBodyParameters(body, contentType, &parameters);

        SimulatorQuery result;
        result.startTime = parseTime(parameters, startTimeKey, defaultStart);
        // NOTE: A date-only end_time means midnight at the start of that day, which
        // leaves the day itself out. How the real service reads it is not documented.
        result.endTime = parseTime(parameters, endTimeKey, now.toUTC());
        result.senderDigits = parseSender(parameters);
        result.page = parsePositiveInteger(parameters, pageKey, defaultPage,
                                           std::numeric_limits<int>::max());
        result.pageSize = parsePositiveInteger(parameters, pageSizeKey, defaultPageSize,
                                               maximumPageSize);

        if (result.startTime > result.endTime) {
            throw ParameterError{u"start_time: %1 is after end_time %2"_s.arg(
                SimulatorFormat::formatUtc(result.startTime, true),
                SimulatorFormat::formatUtc(result.endTime, true))};
        }
        return result;
    } catch (const ParameterError &parameterError) {
        if (error)
            *error = parameterError.details;
        return std::nullopt;
    }
}
