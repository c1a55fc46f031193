// Fuzzes the reading of an inbound-messages page and of an error body, which
// get whatever bytes a server sends.

#include "callbackparser.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));

    CallbackParser::NotificationPage page;
    const std::optional<ParseError> error = CallbackParser::parseNotificationPage(body, &page);
    if (error) {
        // The user sees this text, so building it must hold up as well.
        const QString text = error->toString();
        Q_UNUSED(text);
    }

    QString message;
    QString details;
    CallbackParser::parseErrorBody(body, &message, &details);
    return 0;
}
