#pragma once

#include "apiendpoint.h"
#include "apierror.h"

#include <QCoreApplication>
#include <QMetaType>
#include <QString>
#include <QUrl>

#include <optional>

// The outcome of one "Test connection" run, with sentences for the profile panel.
class ConnectionTestResult
{
    Q_DECLARE_TR_FUNCTIONS(ConnectionTestResult)

public:
    enum class Outcome {
        Ok,
        // The other of the US and EU regions accepted the bot id and token.
        // foundInRegion names it, so the window can offer to switch.
        FoundInOtherRegion,
        // 401. For US and EU, the other region rejected the token as well.
        TokenRejected,
        InvalidSettings,   // nothing was sent: the profile is incomplete or unsafe
        ConnectionRefused, // nothing listens at the base URL's host and port
        HostNotFound,
        NoNetwork,         // any other failure before an HTTP response
        TlsFailed,
        TimedOut,
        NotFound,          // 404: the base URL or bot id leads nowhere
        ServerError,       // another HTTP status, or a body that could not be read
        Cancelled,
    };

    Outcome outcome = Outcome::Cancelled;
    ApiEndpoint::Region testedRegion = ApiEndpoint::Region::Eu;
    std::optional<ApiEndpoint::Region> foundInRegion;
    QString botId;
    QUrl baseUrl; // where the first request went
    // The failure of the request to the profile's own region, if it failed.
    std::optional<ApiError> error;
    // The failure of the second request, to the other region, if one was sent and failed.
    std::optional<ApiError> otherRegionError;
    qint64 elapsedMilliseconds = 0;

    bool isOk() const { return outcome == Outcome::Ok; }
    // The first sentence alone, for a status bar.
    QString summary() const;
    // Sentences that say what was found and what to do next; never contains the token.
    QString toUserText() const;

private:
    QString hostAndPort() const;
    // "the EU server (host:port)" or "the server at host:port", for use inside a sentence.
    QString serverLabel() const;
    QString regionLabel() const;
};

Q_DECLARE_METATYPE(ConnectionTestResult)
