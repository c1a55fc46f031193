#include "timestamp.h"

#include <QRegularExpression>
#include <QTimeZone>

#include <cmath>
#include <optional>

namespace {

constexpr double MillisecondThreshold = 1e11;

// Epoch values beyond this (the year 9999) cannot become a QDateTime we can show.
constexpr double MaxEpochSeconds = 253402300799.0;

// Reads digits [position, position + count) of text as a number, or -1.
int readDigits(QStringView text, qsizetype position, qsizetype count)
{
    if (position + count > text.size())
        return -1;
    int value = 0;
    for (qsizetype i = position; i < position + count; ++i) {
        const char16_t c = text[i].unicode();
        if (c < u'0' || c > u'9')
            return -1;
        value = value * 10 + (c - u'0');
    }
    return value;
}

// Reads the most common form, "2026-11-30T08:15:02Z" with an
// optional fraction and an optional "+02:00" offset, without a regular expression.
// Returns UTC epoch milliseconds, or nothing for any other form, which the full
// parser then reads.
std::optional<qint64> parseCommonIsoForm(QStringView text)
{
    if (text.size() < 20 || text[4] != u'-' || text[7] != u'-' || text[10] != u'T' || text[13] != u':'
        || text[16] != u':')
        return std::nullopt;
    const int year = readDigits(text, 0, 4);
    const int month = readDigits(text, 5, 2);
    const int day = readDigits(text, 8, 2);
    const int hour = readDigits(text, 11, 2);
    const int minute = readDigits(text, 14, 2);
    const int second = readDigits(text, 17, 2);
    if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0
        || second > 59)
        return std::nullopt;
    const QDate date(year, month, day);
    if (!date.isValid())
        return std::nullopt;

    qsizetype position = 19;
    int milliseconds = 0;
    if (text[position] == u'.' || text[position] == u',') {
        const qsizetype fractionStart = ++position;
        while (position < text.size() && text[position] >= u'0' && text[position] <= u'9')
            ++position;
        const qsizetype fractionLength = position - fractionStart;
        if (fractionLength < 1 || fractionLength > 9 || position >= text.size())
            return std::nullopt;
        // The first three digits, padded with zeros, as the full parser reads them.
        const qsizetype used = std::min<qsizetype>(fractionLength, 3);
        milliseconds = readDigits(text, fractionStart, used);
        for (qsizetype i = used; i < 3; ++i)
            milliseconds *= 10;
    }

    int offsetSeconds = 0;
    const QStringView zone = text.mid(position);
    if (zone.size() == 6 && (zone[0] == u'+' || zone[0] == u'-') && zone[3] == u':') {
        const int offsetHours = readDigits(zone, 1, 2);
        const int offsetMinutes = readDigits(zone, 4, 2);
        if (offsetHours < 0 || offsetHours > 18 || offsetMinutes < 0 || offsetMinutes > 59)
            return std::nullopt;
        offsetSeconds = (zone[0] == u'-' ? -1 : 1) * (offsetHours * 3600 + offsetMinutes * 60);
    } else if (zone != u"Z" && zone != u"z") {
        return std::nullopt;
    }

    constexpr qint64 UnixEpochJulianDay = 2440588;
    const qint64 seconds = (date.toJulianDay() - UnixEpochJulianDay) * 86400 + hour * 3600 + minute * 60 + second
                           - offsetSeconds;
    return seconds * 1000 + milliseconds;
}

} // namespace

Timestamp Timestamp::fromDateTime(const QDateTime &dateTime)
{
    Timestamp result;
    if (!dateTime.isValid())
        return result;
    result.m_utc = dateTime.toUTC();
    result.m_raw = result.toIsoUtc();
    result.m_state = State::Valid;
    return result;
}

Timestamp Timestamp::fromJson(const QJsonValue &value)
{
    if (value.isUndefined() || value.isNull())
        return Timestamp();

    if (value.isDouble())
        return fromEpochNumber(value.toDouble(), QString::number(value.toDouble(), 'g', 17));

    if (value.isString())
        return parse(value.toString());

    Timestamp result;
    result.m_state = State::Invalid;
    result.m_raw = value.isBool() ? (value.toBool() ? QStringLiteral("true") : QStringLiteral("false"))
                                  : QStringLiteral("(not a string)");
    return result;
}

Timestamp Timestamp::fromEpochNumber(double value, const QString &raw)
{
    Timestamp result;
    result.m_raw = raw;
    result.m_state = State::Invalid;
    if (!std::isfinite(value))
        return result;

    const double seconds = std::fabs(value) >= MillisecondThreshold ? value / 1000.0 : value;
    if (seconds < 0 || seconds > MaxEpochSeconds)
        return result;

    const auto milliseconds = static_cast<qint64>(std::llround(seconds * 1000.0));
    result.m_utc = QDateTime::fromMSecsSinceEpoch(milliseconds, Qt::UTC);
    result.m_state = State::Valid;
    return result;
}

Timestamp Timestamp::parse(const QString &text)
{
    Timestamp result;
    result.m_raw = text;
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty()) {
        result.m_state = text.isNull() ? State::Missing : State::Invalid;
        return result;
    }
    result.m_state = State::Invalid;

    if (const std::optional<qint64> milliseconds = parseCommonIsoForm(trimmed)) {
        result.m_utc = QDateTime::fromMSecsSinceEpoch(*milliseconds, Qt::UTC);
        result.m_state = State::Valid;
        return result;
    }

    static const QRegularExpression epochPattern(QStringLiteral("^\\d{1,16}(\\.\\d+)?$"));
    if (epochPattern.match(trimmed).hasMatch())
        return fromEpochNumber(trimmed.toDouble(), text);

    static const QRegularExpression isoPattern(QStringLiteral(
        "^(\\d{4})-(\\d{2})-(\\d{2})"                       // date
        "(?:[Tt ](\\d{2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9}))?)?" // time, optional seconds and fraction
        "\\s*(Z|z|[+-]\\d{2}(?::?\\d{2})?)?)?$"));           // zone
    const QRegularExpressionMatch match = isoPattern.match(trimmed);
    if (!match.hasMatch())
        return result;

    const QDate date(match.captured(1).toInt(), match.captured(2).toInt(), match.captured(3).toInt());
    if (!date.isValid())
        return result;

    QTime time(0, 0);
    if (match.hasCaptured(4)) {
        QString fraction = match.captured(7);
        fraction = fraction.left(3).leftJustified(3, QLatin1Char('0'));
        time = QTime(match.captured(4).toInt(), match.captured(5).toInt(),
                     match.hasCaptured(6) ? match.captured(6).toInt() : 0, fraction.toInt());
        if (!time.isValid())
            return result;
    }

    int offsetSeconds = 0;
    const QString zone = match.captured(8);
    if (!zone.isEmpty() && zone.compare(QLatin1String("Z"), Qt::CaseInsensitive) != 0) {
        const int sign = zone.startsWith(QLatin1Char('-')) ? -1 : 1;
        QString digits = zone.mid(1);
        digits.remove(QLatin1Char(':'));
        const int hours = digits.left(2).toInt();
        const int minutes = digits.size() >= 4 ? digits.mid(2, 2).toInt() : 0;
        if (hours > 18 || minutes > 59)
            return result;
        offsetSeconds = sign * (hours * 3600 + minutes * 60);
    }

    const QDateTime local(date, time, QTimeZone(offsetSeconds));
    if (!local.isValid())
        return result;
    result.m_utc = local.toUTC();
    result.m_state = State::Valid;
    return result;
}

qint64 Timestamp::toMSecsSinceEpoch() const
{
    return isValid() ? m_utc.toMSecsSinceEpoch() : 0;
}

QString Timestamp::toIsoUtc() const
{
    if (!isValid())
        return QString();
    return m_utc.toString(Qt::ISODateWithMs);
}

bool Timestamp::lessThan(const Timestamp &left, const Timestamp &right)
{
    if (left.isValid() != right.isValid())
        return left.isValid();
    if (!left.isValid())
        return false;
    return left.m_utc < right.m_utc;
}
