#pragma once

#include <QString>

// Why a response body could not be read: where it went wrong and what was found.
struct ParseError
{
    QString reason;   // e.g. "expected an array, found a string"
    QString path;     // e.g. "results[2].notifications", empty for the body itself
    qint64 offset = -1; // byte offset of a syntax error, -1 when the JSON was valid
    int line = 0;       // 1-based line and column of the offset, 0 when unknown
    int column = 0;

    // One sentence that says what was wrong and where.
    QString toString() const;
};
