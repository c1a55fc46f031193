#include "connectiontestresult.h"

#include <QStringList>

namespace {

ApiEndpoint::Region otherRegion(ApiEndpoint::Region region)
{
    return region == ApiEndpoint::Region::Us ? ApiEndpoint::Region::Eu : ApiEndpoint::Region::Us;
}

} // namespace

QString ConnectionTestResult::hostAndPort() const
{
    QString text = baseUrl.host();
    if (baseUrl.port() != -1)
        text += QLatin1Char(':') + QString::number(baseUrl.port());
    return text;
}

QString ConnectionTestResult::serverLabel() const
{
    if (testedRegion == ApiEndpoint::Region::Custom)
        return tr("the server at %1").arg(hostAndPort());
    return tr("the %1 server (%2)").arg(ApiEndpoint::regionName(testedRegion), hostAndPort());
}

QString ConnectionTestResult::regionLabel() const
{
    return ApiEndpoint::regionName(testedRegion);
}

QString ConnectionTestResult::summary() const
{
    switch (outcome) {
    case Outcome::Ok:
        return tr("Connected: %1 accepted the token for bot \"%2\".").arg(serverLabel(), botId);
    case Outcome::FoundInOtherRegion:
        return tr("Bot \"%1\" was found in the %2 region, not in the %3 region.")
            .arg(botId, ApiEndpoint::regionName(foundInRegion.value_or(otherRegion(testedRegion))), regionLabel());
    case Outcome::TokenRejected:
        if (testedRegion == ApiEndpoint::Region::Custom)
            return tr("The server at %1 rejected the token for bot \"%2\".").arg(hostAndPort(), botId);
        if (otherRegionError && otherRegionError->kind == ApiError::Kind::Http && otherRegionError->httpStatus == 401)
            return tr("The token was rejected for bot \"%1\" in both the US and the EU region.").arg(botId);
        return tr("The token was rejected for bot \"%1\" in the %2 region.").arg(botId, regionLabel());
    case Outcome::InvalidSettings:
        return error ? error->settingsProblem : tr("The profile is incomplete.");
    case Outcome::ConnectionRefused:
        return tr("The connection to %1 was refused.").arg(serverLabel());
    case Outcome::HostNotFound:
        return tr("The host name \"%1\" was not found.").arg(baseUrl.host());
    case Outcome::NoNetwork:
        return tr("Could not reach %1.").arg(serverLabel());
    case Outcome::TlsFailed:
        return tr("The secure connection to %1 failed.").arg(serverLabel());
    case Outcome::TimedOut:
        return tr("The request to %1 timed out.").arg(serverLabel());
    case Outcome::NotFound:
        if (testedRegion == ApiEndpoint::Region::Custom)
            return tr("The server at %1 has no Callback Store for bot \"%2\" (HTTP 404).").arg(hostAndPort(), botId);
        return tr("The %1 server (%2) has no Callback Store for bot \"%3\" (HTTP 404).")
            .arg(regionLabel(), hostAndPort(), botId);
    case Outcome::ServerError:
        return error ? error->summary() : tr("The server answered with an error.");
    case Outcome::Cancelled:
        break;
    }
    return tr("The connection test was cancelled.");
}

QString ConnectionTestResult::toUserText() const
{
    const QString networkText = error ? error->networkErrorText : QString();
    QStringList sentences{summary()};

    switch (outcome) {
    case Outcome::Ok:
        sentences.append(tr("It answered in %1 ms.").arg(elapsedMilliseconds));
        break;
    case Outcome::FoundInOtherRegion:
        sentences.append(tr("Switch the profile's region to %1.")
                             .arg(ApiEndpoint::regionName(foundInRegion.value_or(otherRegion(testedRegion)))));
        break;
    case Outcome::TokenRejected:
        if (testedRegion == ApiEndpoint::Region::Custom) {
            sentences.append(tr("Check the token, and check that this server serves bot \"%1\"; "
                                "an unknown bot is rejected the same way as a wrong token.")
                                 .arg(botId));
            break;
        }
        sentences.append(tr("Check the token and the bot id; a bot that a region does not know is rejected "
                            "the same way as a wrong token."));
        if (otherRegionError && !(otherRegionError->kind == ApiError::Kind::Http && otherRegionError->httpStatus == 401))
            sentences.append(tr("The %1 region could not be checked: %2")
                                 .arg(ApiEndpoint::regionName(otherRegion(testedRegion)), otherRegionError->summary()));
        break;
    case Outcome::ConnectionRefused:
        sentences.append(tr("Nothing is listening there: check the host and port of the base URL, and that "
                            "the server or proxy is running. (%1)")
                             .arg(networkText));
        break;
    case Outcome::HostNotFound:
        sentences.append(tr("Check the base URL for typing errors, and your network and DNS settings. (%1)")
                             .arg(networkText));
        break;
    case Outcome::NoNetwork:
        sentences.append(tr("Check your network connection and proxy settings. (%1)").arg(networkText));
        break;
    case Outcome::TlsFailed:
        sentences.append(tr("The certificate could not be verified, or the server does not speak TLS on this port: "
                            "%1. The token was not sent.")
                             .arg(networkText));
        break;
    case Outcome::TimedOut:
        sentences.append(tr("The server or the network is slow or down; try again later."));
        break;
    case Outcome::NotFound:
        sentences.append(tr("Check the base URL and the bot id."));
        break;
    case Outcome::ServerError:
        if (error)
            return error->toUserText();
        break;
    case Outcome::InvalidSettings:
    case Outcome::Cancelled:
        break;
    }
    return sentences.join(QLatin1Char(' '));
}
