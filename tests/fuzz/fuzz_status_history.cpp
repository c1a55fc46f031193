// Fuzzes the reading of a status history, which gets whatever bytes a server
// sends, and the ordering of what was read into the timeline that the user sees.

#include "callbackparser.h"
#include "statustimeline.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));

    QList<DeliveryReport> reports;
    const std::optional<ParseError> error = CallbackParser::parseStatusHistory(body, &reports);
    if (error) {
        const QString text = error->toString();
        Q_UNUSED(text);
        return 0;
    }

    const StatusTimeline timeline = StatusTimeline::build(reports);
    for (const StatusTimeline::Entry &entry : timeline.entries()) {
        const QStringList flags = StatusTimeline::flagNames(entry.flags);
        Q_UNUSED(flags);
    }
    return 0;
}
