#include "simulatorformat.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace SimulatorFormat {

namespace {

constexpr int maximumMsisdnDigits = 15;

// Returns the zone designator's offset from UTC in seconds, or std::nullopt when
// it is out of range. An empty designator means UTC.
std::optional<int> parseZoneOffset(const QString &zone)
{
    if (zone.isEmpty() || zone.compare(u"Z"_s, Qt::CaseInsensitive) == 0)
        return 0;

    const int sign = zone.startsWith(u'-') ? -1 : 1;
    QString digits = zone.mid(1);
    digits.remove(u':');
    const int hours = digits.left(2).toInt();
    const int minutes = digits.size() > 2 ? digits.mid(2).toInt() : 0;
    if (hours > 23 || minutes > 59)
        return std::nullopt;
    return sign * (hours * 3600 + minutes * 60);
}

QString formatLocalPart(const QDateTime &utcTime, bool withMilliseconds)
{
    return utcTime.toString(withMilliseconds ? u"yyyy-MM-dd'T'HH:mm:ss.zzz"_s
                                             : u"yyyy-MM-dd'T'HH:mm:ss"_s);
}

} // namespace

QDateTime parseIsoDateTime(const QString &text)
{
    static const QRegularExpression pattern(
        uR"(^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)"
        uR"(([Zz]|[+-]\d{2}(?::?\d{2})?)?)?$)"_s);

    const QRegularExpressionMatch match = pattern.match(text.trimmed());
    if (!match.hasMatch())
        return {};

    const QDate date(match.captured(1).toInt(), match.captured(2).toInt(),
                     match.captured(3).toInt());
    if (!date.isValid())
        return {};

    QTime time(0, 0);
    if (match.hasCaptured(4)) {
        // Only the first three fraction digits count, because QTime stops at milliseconds.
        const QString fraction = match.captured(7).left(3).leftJustified(3, QChar(u'0'));
        time = QTime(match.captured(4).toInt(), match.captured(5).toInt(),
                     match.captured(6).toInt(), fraction.toInt());
        if (!time.isValid())
            return {};
    }

    const std::optional<int> offset = parseZoneOffset(match.captured(8));
    if (!offset)
        return {};

    return QDateTime(date, time, Qt::UTC).addSecs(-*offset);
}

QString formatUtc(const QDateTime &time, bool withMilliseconds)
{
    return formatLocalPart(time.toUTC(), withMilliseconds) + u'Z';
}

QString formatWithOffset(const QDateTime &time, int offsetSeconds, bool colonInOffset,
                         bool withMilliseconds)
{
    const QDateTime shifted = time.toUTC().addSecs(offsetSeconds);
    const int absoluteMinutes = qAbs(offsetSeconds) / 60;
    const QString hours = u"%1"_s.arg(absoluteMinutes / 60, 2, 10, QChar(u'0'));
    const QString minutes = u"%1"_s.arg(absoluteMinutes % 60, 2, 10, QChar(u'0'));

    return formatLocalPart(shifted, withMilliseconds) + (offsetSeconds < 0 ? u'-' : u'+')
        + hours + (colonInOffset ? u":"_s : QString()) + minutes;
}

QString msisdnDigits(const QString &text)
{
    QString rest = text.trimmed();
    if (rest.startsWith(u"whatsapp:"_s, Qt::CaseInsensitive))
        rest = rest.mid(9).trimmed();

    // A + may only come before the first digit, as in "+46 70" or "(+46) 70".
    QString digits;
    bool sawPlus = false;
    for (const QChar character : std::as_const(rest)) {
        if (character >= u'0' && character <= u'9') {
            digits.append(character);
        } else if (character == u'+' && digits.isEmpty() && !sawPlus) {
            sawPlus = true;
        } else if (!u" -.()"_s.contains(character)) {
            return {};
        }
    }

    if (digits.startsWith(u"00"_s))
        digits = digits.mid(2);
    if (digits.isEmpty() || digits.size() > maximumMsisdnDigits)
        return {};
    return digits;
}

QString describeJsonValue(const QJsonValue &value)
{
    // QJsonDocument only writes arrays and objects, so wrap the value and strip the brackets.
    const QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(wrapped.mid(1, wrapped.size() - 2));
}

} // namespace SimulatorFormat
