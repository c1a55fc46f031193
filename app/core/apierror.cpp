#include "apierror.h"

#include <QLocale>

namespace {

// Whether a body is a web page, which a proxy or gateway sends in place of the API's JSON.
bool looksLikeHtml(const QByteArray &contentType, const QByteArray &body)
{
    if (contentType.toLower().contains("html"))
        return true;
    const QByteArray start = body.left(200).trimmed().toLower();
    return start.startsWith("<!doctype html") || start.startsWith("<html");
}

// The project ships no English translation, so tr()'s %n plurals would show "second(s)".
QString formatSeconds(qint64 seconds)
{
    return seconds == 1 ? ApiError::tr("1 second") : ApiError::tr("%1 seconds").arg(seconds);
}

QString formatBytes(qint64 bytes)
{
    return QLocale::c().formattedDataSize(bytes, 1, QLocale::DataSizeIecFormat);
}

} // namespace

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
        return networkSummary();
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
    if (httpStatus >= 300 && httpStatus <= 399)
        return tr("The server redirected the request to another server (HTTP %1).").arg(httpStatus);
    return tr("The server answered HTTP %1.").arg(httpStatus);
}

QString ApiError::networkSummary() const
{
    switch (networkError) {
    case QNetworkReply::ConnectionRefusedError:
        return tr("Could not reach the server: it refused the connection.");
    case QNetworkReply::RemoteHostClosedError:
        if (httpStatus != 0 || bytesReceived > 0)
            return tr("The connection was closed before the whole response arrived.");
        return tr("The server closed the connection without answering.");
    case QNetworkReply::TooManyRedirectsError:
        return tr("The server redirected the request too many times.");
    default:
        break;
    }
    if (httpStatus != 0)
        return tr("The connection failed while the response was arriving.");
    return tr("Could not reach the server.");
}

QString ApiError::timeoutText() const
{
    const qint64 seconds = (timeLimitMilliseconds + 999) / 1000;
    if (timeLimit == TimeLimit::Total && httpStatus == 0 && bytesReceived == 0)
        return tr("No response arrived within %1.").arg(formatSeconds(seconds));
    if (timeLimit == TimeLimit::Total) {
        return tr("The response was still incomplete after %1, with %2 received, so the server or "
                  "the network is sending too slowly.")
            .arg(formatSeconds(seconds), formatBytes(bytesReceived));
    }
    if (timeLimitMilliseconds > 0)
        return tr("Nothing arrived for %1.").arg(formatSeconds(seconds));
    return QString();
}

QString ApiError::toUserText() const
{
    QStringList sentences{summary()};

    switch (kind) {
    case Kind::InvalidSettings:
    case Kind::Cancelled:
        break;
    case Kind::Network:
        if (networkError == QNetworkReply::RemoteHostClosedError && (httpStatus != 0 || bytesReceived > 0)) {
            sentences.append(tr("%1 had arrived. Try again; if it keeps happening, the server or a proxy "
                                "drops the connection. (%2)")
                                 .arg(formatBytes(bytesReceived), networkErrorText));
        } else {
            sentences.append(tr("Check the base URL and your network connection. (%1)").arg(networkErrorText));
        }
        break;
    case Kind::Tls:
        sentences.append(tr("The certificate could not be verified or the handshake failed: %1. "
                            "The request was not sent.")
                             .arg(networkErrorText));
        break;
    case Kind::Timeout:
        if (const QString limit = timeoutText(); !limit.isEmpty())
            sentences.append(limit);
        sentences.append(tr("Try again, or narrow the time range or page size."));
        break;
    case Kind::TooLarge:
        sentences.append(sizeLimitBytes > 0
                             ? tr("Reading stopped at the size limit of %1. Use a smaller page size.").arg(formatBytes(sizeLimitBytes))
                             : tr("Reading stopped at the size limit. Use a smaller page size."));
        break;
    case Kind::InvalidResponse:
        if (rawBody.isEmpty() && parseError.offset >= 0) {
            sentences.append(tr("The response had no body, where JSON was expected (HTTP %1).").arg(httpStatus));
            break;
        }
        if (looksLikeHtml(contentType, rawBody))
            sentences.append(tr("The response is a web page, not JSON, so a proxy or gateway between you and the "
                                "Callback Store probably answered."));
        sentences.append(parseError.toString());
        if (!rawBody.isEmpty()) {
            QString excerpt = QString::fromUtf8(rawBody);
            if (excerpt.size() > MaxRawBodyQuoted) {
                qsizetype cut = MaxRawBodyQuoted;
                if (excerpt.at(cut - 1).isHighSurrogate())
                    --cut;
                excerpt = excerpt.left(cut) + QChar(0x2026);
            }
            sentences.append(tr("The response began with: %1").arg(excerpt));
        }
        break;
    case Kind::Http:
        if (redirectTarget.isValid() && !redirectTarget.isEmpty()) {
            sentences.append(tr("The redirect to %1 was not followed, because the token would be sent to "
                                "another server. If you trust that address, use it as the base URL.")
                                 .arg(redirectTarget.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery)));
            break;
        }
        if (looksLikeHtml(contentType, rawBody))
            sentences.append(tr("The response is a web page, not JSON, so a proxy or gateway between you and the "
                                "Callback Store probably answered."));
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
        if (retryCount == 1)
            sentences.append(tr("It failed again after 1 retry."));
        else if (retryCount > 1)
            sentences.append(tr("It failed again after %1 retries.").arg(retryCount));
        if (retryAfterSeconds)
            sentences.append(tr("The server asks to wait %1 before trying again.").arg(formatSeconds(*retryAfterSeconds)));
        break;
    }
    // Text quoted from a server often lacks a full stop; add one so that the
    // following sentence does not run on.
    for (QString &sentence : sentences) {
        sentence = sentence.trimmed();
        if (!sentence.isEmpty() && !sentence.endsWith(QLatin1Char('.')) && !sentence.endsWith(QLatin1Char('?'))
            && !sentence.endsWith(QLatin1Char('!')) && !sentence.endsWith(QLatin1Char(')')))
            sentence.append(QLatin1Char('.'));
    }
    return sentences.join(QLatin1Char(' '));
}
