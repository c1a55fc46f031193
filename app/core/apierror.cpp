#include "apierror.h"

ApiError ApiError::invalidSettings(const QString &problem)
{
    ApiError error;
    error.kind = Kind::InvalidSettings;
    error.settingsProblem = problem;
    return error;
}

QString ApiError::summary() const
{
    switch (kind) {
    case Kind::InvalidSettings:
        return settingsProblem;
    case Kind::Network:
        return tr("Could not reach the server.");
    case Kind::Tls:
        return tr("The secure connection to the server failed.");
    case Kind::Timeout:
        return tr("The server did not answer in time.");
    case Kind::Cancelled:
        return tr("The request was cancelled.");
    case Kind::TooLarge:
        return tr("The response was too large to read.");
    case Kind::InvalidResponse:
        return tr("The server's response could not be read.");
    case Kind::Http:
        break;
    }

    switch (httpStatus) {
    case 400:
        return tr("The server rejected the request as invalid (HTTP 400).");
    case 401:
        return tr("The token was rejected, or the bot lives in the other region (HTTP 401).");
    case 403:
        return tr("Access was denied (HTTP 403).");
    case 404:
        return tr("The server has no such address (HTTP 404).");
    case 429:
        return tr("The server is limiting requests (HTTP 429).");
    default:
        break;
    }
    if (httpStatus >= 500)
        return tr("The server failed with HTTP %1.").arg(httpStatus);
    return tr("The server answered HTTP %1.").arg(httpStatus);
}

QString ApiError::toUserText() const
{
    QStringList sentences{summary()};

    switch (kind) {
    case Kind::InvalidSettings:
    case Kind::Cancelled:
        break;
    case Kind::Network:
        sentences.append(tr("Check the base URL and your network connection. (%1)").arg(networkErrorText));
        break;
    case Kind::Tls:
        sentences.append(tr("The certificate could not be verified or the handshake failed: %1. "
                            "The request was not sent.")
                             .arg(networkErrorText));
        break;
    case Kind::Timeout:
        sentences.append(tr("Try again, or narrow the time range or page size."));
        break;
    case Kind::TooLarge:
        sentences.append(tr("Reading stopped at the size limit. Use a smaller page size."));
        break;
    case Kind::InvalidResponse:
        sentences.append(parseError.toString());
        if (!rawBody.isEmpty())
            sentences.append(tr("The response began with: %1").arg(QString::fromUtf8(rawBody)));
        break;
    case Kind::Http:
        if (httpStatus == 401) {
            sentences.append(regionName.isEmpty()
                                 ? tr("Check the token, and check that the base URL is the bot's region.")
                                 : tr("Check the token, and check that the bot lives in the %1 region; "
                                      "a bot in the other region answers the same way.")
                                       .arg(regionName));
        }
        if (!serverMessage.isEmpty() || !serverDetails.isEmpty()) {
            QString server = serverMessage;
            if (!serverDetails.isEmpty())
                server += (server.isEmpty() ? QString() : QStringLiteral(": ")) + serverDetails;
            sentences.append(tr("The server said: %1").arg(server));
        } else if (!rawBody.trimmed().isEmpty()) {
            sentences.append(tr("The response body was: %1").arg(QString::fromUtf8(rawBody).trimmed()));
        } else {
            sentences.append(tr("The response had no body."));
        }
        if (retryCount > 0)
            sentences.append(tr("It failed again after %n retry(s).", nullptr, retryCount));
        if (retryAfterSeconds)
            sentences.append(tr("The server asks to wait %n second(s) before trying again.", nullptr, *retryAfterSeconds));
        break;
    }
    return sentences.join(QLatin1Char(' '));
}
