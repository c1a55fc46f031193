// Fuzzes Timestamp::parse() and Timestamp::fromJson() with the text and the
// numbers that a callback's timestamp field can carry.

#include "timestamp.h"

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace {

void use(const Timestamp &timestamp)
{
    const QString iso = timestamp.toIsoUtc();
    Q_UNUSED(iso);
    if (timestamp.isValid()) {
        const qint64 milliseconds = timestamp.toMSecsSinceEpoch();
        Q_UNUSED(milliseconds);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const Timestamp parsed = Timestamp::parse(text);
    use(parsed);

    const Timestamp fromString = Timestamp::fromJson(QJsonValue(text));
    use(fromString);
    Timestamp::lessThan(parsed, fromString);

    // The first eight bytes, read as a double, stand for an epoch number in JSON.
    if (size >= sizeof(double)) {
        double number = 0;
        std::memcpy(&number, data, sizeof number);
        const Timestamp fromNumber = Timestamp::fromJson(QJsonValue(number));
        use(fromNumber);
        Timestamp::lessThan(fromNumber, parsed);
    }
    return 0;
}
