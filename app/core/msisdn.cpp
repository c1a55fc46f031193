#include "msisdn.h"

#include <algorithm>

namespace {

bool isSeparator(QChar c)
{
    return c.isSpace() || c == QLatin1Char('-') || c == QLatin1Char('.') || c == QLatin1Char('(')
           || c == QLatin1Char(')') || c == QLatin1Char('/');
}

} // namespace

QString Msisdn::normalize(const QString &number)
{
    // Most numbers arrive as digits only, and then the result shares their text.
    const bool digitsOnly = !number.isEmpty() && !number.startsWith(QLatin1String("00"))
                            && std::all_of(number.cbegin(), number.cend(), [](QChar c) {
                                   return c >= QLatin1Char('0') && c <= QLatin1Char('9');
                               });
    if (digitsOnly)
        return number;

    QStringView rest = QStringView(number).trimmed();
    const QLatin1String prefix("whatsapp:");
    if (rest.startsWith(prefix, Qt::CaseInsensitive))
        rest = rest.mid(prefix.size()).trimmed();
    if (rest.startsWith(QLatin1Char('+')))
        rest = rest.mid(1);

    QString digits;
    digits.reserve(rest.size());
    for (const QChar c : rest) {
        if (c >= QLatin1Char('0') && c <= QLatin1Char('9'))
            digits.append(c);
        else if (!isSeparator(c))
            return QString();
    }

    if (digits.startsWith(QLatin1String("00")))
        digits.remove(0, 2);
    return digits;
}

bool Msisdn::isPlausible(const QString &digits)
{
    if (digits.size() < 6 || digits.size() > 15)
        return false;
    for (const QChar c : digits) {
        if (c < QLatin1Char('0') || c > QLatin1Char('9'))
            return false;
    }
    return true;
}
