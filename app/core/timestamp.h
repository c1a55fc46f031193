#pragma once

#include <QDateTime>
#include <QJsonValue>
#include <QString>

// A point in time read from a callback, kept together with the text it came as.
//
// Accepted forms: ISO-8601 date-times with or without fractional seconds and with
// "Z", "+02:00", "+0200" or no zone (read as UTC), a date alone (midnight UTC), and
// epoch seconds or milliseconds as a JSON number or a string of digits. Values of
// 100,000,000,000 and more are read as milliseconds, smaller ones as seconds, which
// holds for every date from 1973 to the year 5138.
class Timestamp
{
public:
    enum class State { Missing, Invalid, Valid };

    Timestamp() = default;

    static Timestamp fromJson(const QJsonValue &value);
    static Timestamp parse(const QString &text);
    static Timestamp fromDateTime(const QDateTime &dateTime);

    State state() const { return m_state; }
    bool isValid() const { return m_state == State::Valid; }
    bool isMissing() const { return m_state == State::Missing; }

    // The parsed time in UTC; invalid unless isValid().
    QDateTime utc() const { return m_utc; }
    qint64 toMSecsSinceEpoch() const;
    // The value as it came, for the detail pane; empty when missing.
    QString raw() const { return m_raw; }
    // ISO-8601 in UTC with milliseconds ("2026-11-30T08:15:02.000Z"), or an empty string.
    QString toIsoUtc() const;

    // Orders valid times first, by time; missing and unreadable times sort last.
    static bool lessThan(const Timestamp &left, const Timestamp &right);

    friend bool operator==(const Timestamp &, const Timestamp &) = default;

private:
    static Timestamp fromEpochNumber(double value, const QString &raw);

    QDateTime m_utc;
    QString m_raw;
    State m_state = State::Missing;
};
