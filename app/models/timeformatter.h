#pragma once

#include "timestamp.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

// Formats points in time and durations the same way in every table and pane.
class TimeFormatter
{
    Q_DECLARE_TR_FUNCTIONS(TimeFormatter)

public:
    // The zone in which the window shows times, UTC or the computer's time zone.
    enum class Zone { Utc, Local };
    enum class Precision { Seconds, Milliseconds };

    // Formats as "2026-11-30 08:15:02 UTC", or as local time with the zone's abbreviation.
    static QString format(const QDateTime &time, Zone zone, Precision precision = Precision::Seconds);
    // Formats as above, with "(no time)" for a missing timestamp and "(unreadable: raw)"
    // for one that could not be read.
    static QString format(const Timestamp &timestamp, Zone zone, Precision precision = Precision::Seconds);
    // Formats a gap between two times, such as "+0.36 s", "+2 min 5 s", "+3 h 12 min"
    // or "+2 d 4 h".
    static QString formatGap(qint64 milliseconds);
};
