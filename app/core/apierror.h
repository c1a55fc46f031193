#pragma once

#include "parseerror.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QNetworkReply>
#include <QString>
#include <QUrl>

#include <optional>

// The failure of one request, kept in parts so that the window and the tests can
// check each. toUserText() turns it into sentences for a support person.
class ApiError
{
    Q_DECLARE_TR_FUNCTIONS(ApiError)

public:
    enum class Kind {
        InvalidSettings, // nothing was sent: the profile is incomplete or unsafe
        Network,         // no HTTP response: refused, unreachable, reset, DNS
        Tls,             // the TLS handshake or certificate failed
        Timeout,
        Cancelled,
        Http,            // a response with a status outside 2xx
        TooLarge,        // the body passed the size limit and was not read to the end
        InvalidResponse, // a 2xx response whose body could not be read
    };

    // The limit that a Timeout passed.
    enum class TimeLimit {
        Transfer, // nothing arrived for the transfer timeout
        Total,    // the attempt as a whole took longer than the total timeout
    };

    Kind kind = Kind::Network;
    int httpStatus = 0;
    QNetworkReply::NetworkError networkError = QNetworkReply::NoError;
    QString networkErrorText; // Qt's own text, without URL credentials
    QString serverMessage;    // "message" of an error body
    QString serverDetails;    // "details" of an error body
    QByteArray rawBody;       // the start of a body that was not an error object
    QByteArray contentType;   // the response's Content-Type, empty when there was none
    ParseError parseError;
    QString settingsProblem;
    QString regionName;       // where the request went, for 401 texts
    int retryCount = 0;       // retries made before this error
    std::optional<int> retryAfterSeconds; // the server's Retry-After, when it sent one
    qint64 bytesReceived = 0;   // body bytes that arrived before the failure
    TimeLimit timeLimit = TimeLimit::Transfer;
    qint64 timeLimitMilliseconds = 0; // the limit that a Timeout passed, 0 when unknown
    qint64 sizeLimitBytes = 0;  // the limit that a TooLarge body passed
    QUrl redirectTarget;        // where a redirect that was not followed pointed

    // Returns sentences that name what failed and what to do next. The text never contains the token.
    QString toUserText() const;
    // The first sentence alone, for a status bar.
    QString summary() const;

    static ApiError invalidSettings(const QString &problem);
    // The start of an unreadable body that an error keeps, and the shorter part of
    // it that toUserText() quotes, which is enough to tell a web page or a cut body.
    static constexpr qsizetype MaxRawBodyShown = 2000;
    static constexpr qsizetype MaxRawBodyQuoted = 300;

private:
    QString networkSummary() const;
    QString timeoutText() const;
};
