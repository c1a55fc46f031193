#pragma once

#include <QString>

// Phone numbers (MSISDNs) as callbacks send them: with or without "+", spaces,
// dashes, a leading international "00" or a "whatsapp:" prefix. Matching is done on
// the digits alone; the number is always displayed as it came.
class Msisdn
{
public:
    // Returns the digits of the number without prefix and punctuation
    // ("whatsapp:+46 70-000 01" and "004670000 01" both give "467000001"),
    // or an empty string when anything but digits and punctuation is left.
    static QString normalize(const QString &number);

    // Whether the normalised digits can be a full international number (6 to 15 digits).
    static bool isPlausible(const QString &digits);
};
