#pragma once

#include <QDateTime>
#include <QJsonValue>
#include <QString>

// Text formats that the simulated Callback Store reads and writes: ISO-8601 times
// and MSISDNs. The simulator keeps its own copy of these rules, apart from the core
// library, so that a misreading in one cannot hide in the other.
namespace SimulatorFormat {

// Parses an ISO-8601 date or date-time and returns it in UTC, or an invalid
// QDateTime when the text is not one. Accepted: a date alone (midnight UTC), a
// time with or without seconds and fraction, and a zone of Z, +hh, +hhmm or +hh:mm.
// A time without a zone is taken as UTC.
QDateTime parseIsoDateTime(const QString &text);

// Formats a time in UTC with a Z suffix, with or without milliseconds.
QString formatUtc(const QDateTime &time, bool withMilliseconds);

// Formats a time at a fixed UTC offset, as +02:00 or, without the colon, +0200.
QString formatWithOffset(const QDateTime &time, int offsetSeconds, bool colonInOffset,
                         bool withMilliseconds);

// Returns the digits of an MSISDN written with a leading + or 00, spaces, dashes,
// dots, brackets or a whatsapp: prefix. Returns an empty string when the text
// contains anything else or more than 15 digits, the maximum of E.164.
QString msisdnDigits(const QString &text);

// Returns a JSON value as compact JSON text, for error details.
QString describeJsonValue(const QJsonValue &value);

} // namespace SimulatorFormat
