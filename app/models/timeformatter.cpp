#include "timeformatter.h"

namespace {

constexpr qint64 MillisecondsPerSecond = 1000;
constexpr qint64 SecondsPerMinute = 60;
constexpr qint64 SecondsPerHour = 60 * SecondsPerMinute;
constexpr qint64 SecondsPerDay = 24 * SecondsPerHour;

// Formats seconds with at most two decimals and no trailing zeros, such as "0.36",
// "2.5" or "12".
QString formatSeconds(qint64 milliseconds)
{
    QString text = QString::number(double(milliseconds) / double(MillisecondsPerSecond), 'f', 2);
    while (text.endsWith(QLatin1Char('0')))
        text.chop(1);
    if (text.endsWith(QLatin1Char('.')))
        text.chop(1);
    return text;
}

} // namespace

QString TimeFormatter::format(const QDateTime &time, Zone zone, Precision precision)
{
    if (!time.isValid())
        return QString();

    const QString pattern = precision == Precision::Milliseconds ? QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz")
                                                                 : QStringLiteral("yyyy-MM-dd HH:mm:ss");
    if (zone == Zone::Utc)
        return time.toUTC().toString(pattern) + QStringLiteral(" UTC");

    const QDateTime local = time.toLocalTime();
    return local.toString(pattern) + QLatin1Char(' ') + local.timeZoneAbbreviation();
}

QString TimeFormatter::format(const Timestamp &timestamp, Zone zone, Precision precision)
{
    switch (timestamp.state()) {
    case Timestamp::State::Missing:
        return tr("(no time)");
    case Timestamp::State::Invalid:
        return tr("(unreadable: %1)").arg(timestamp.raw());
    case Timestamp::State::Valid:
        break;
    }
    return format(timestamp.utc(), zone, precision);
}

QString TimeFormatter::formatGap(qint64 milliseconds)
{
    const QString sign = milliseconds < 0 ? QStringLiteral("\u2212") : QStringLiteral("+");
    const qint64 absolute = milliseconds < 0 ? -milliseconds : milliseconds;
    const qint64 seconds = absolute / MillisecondsPerSecond;

    if (seconds < SecondsPerMinute)
        return tr("%1%2 s").arg(sign, formatSeconds(absolute));
    if (seconds < SecondsPerHour)
        return tr("%1%2 min %3 s").arg(sign).arg(seconds / SecondsPerMinute).arg(seconds % SecondsPerMinute);
    if (seconds < SecondsPerDay)
        return tr("%1%2 h %3 min").arg(sign).arg(seconds / SecondsPerHour).arg(seconds % SecondsPerHour / SecondsPerMinute);
    return tr("%1%2 d %3 h").arg(sign).arg(seconds / SecondsPerDay).arg(seconds % SecondsPerDay / SecondsPerHour);
}
