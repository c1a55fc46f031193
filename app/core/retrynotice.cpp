#include "retrynotice.h"

#include <cmath>

QString RetryNotice::text(int httpStatus, int retry, int maxRetries, std::chrono::milliseconds delay)
{
    QString cause;
    switch (httpStatus) {
    case 429:
        cause = tr("Rate limited");
        break;
    case 502:
    case 504:
        cause = tr("The gateway failed (HTTP %1)").arg(httpStatus);
        break;
    default:
        cause = tr("The server is unavailable (HTTP %1)").arg(httpStatus);
        break;
    }
    // Whole seconds, rounded up, so that a wait of 0.5 s does not read "in 0 s".
    const auto seconds = qint64(std::ceil(double(delay.count()) / 1000.0));
    return tr("%1, retry %2 of %3 in %4 s\u2026").arg(cause).arg(retry).arg(maxRetries).arg(seconds);
}
