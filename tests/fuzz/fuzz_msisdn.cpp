// Fuzzes Msisdn::normalize(), which reads sender numbers as callbacks send them
// and as the user types them into the filter form.

#include "msisdn.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString number = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const QString digits = Msisdn::normalize(number);
    Msisdn::isPlausible(digits);

    // The documented result is digits or nothing, which the filter sends as is.
    for (const QChar c : digits) {
        if (c < QLatin1Char('0') || c > QLatin1Char('9'))
            __builtin_trap();
    }
    return 0;
}
