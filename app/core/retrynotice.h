#pragma once

#include <QCoreApplication>
#include <QString>

#include <chrono>

// The status-bar line for a request that is sent again after an answer worth
// retrying, such as "Rate limited, retry 1 of 3 in 2 s…".
class RetryNotice
{
    Q_DECLARE_TR_FUNCTIONS(RetryNotice)

public:
    static QString text(int httpStatus, int retry, int maxRetries, std::chrono::milliseconds delay);
};
