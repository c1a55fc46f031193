#include "connectiontester.h"

#include "apiclient.h"
#include "notificationpagereply.h"
#include "notificationquery.h"
#include "profilelogging.h"

#include <QDateTime>

using Outcome = ConnectionTestResult::Outcome;
using namespace std::chrono_literals;

namespace {

ApiEndpoint::Region otherRegion(ApiEndpoint::Region region)
{
    return region == ApiEndpoint::Region::Us ? ApiEndpoint::Region::Eu : ApiEndpoint::Region::Us;
}

} // namespace

ConnectionTester::ConnectionTester(QObject *parent)
    : QObject(parent), m_client(new ApiClient(this))
{
    m_client->setTransferTimeout(15s);
}

ConnectionTester::~ConnectionTester()
{
    // Deleting the reply aborts its request; no result is reported from a destructor.
    if (m_reply) {
        m_reply->disconnect(this);
        delete m_reply;
    }
}

void ConnectionTester::setTransferTimeout(std::chrono::milliseconds timeout)
{
    m_client->setTransferTimeout(timeout);
}

void ConnectionTester::start(const ApiEndpoint &endpoint)
{
    cancel();
    m_endpoint = endpoint;
    m_askingOtherRegion = false;
    m_elapsedBeforeRetry = 0;
    qCDebug(lcProfiles) << "testing the connection to" << endpoint.baseUrl().toDisplayString() << "for bot"
                        << endpoint.botId;
    sendProbe(endpoint);
}

void ConnectionTester::cancel()
{
    if (!m_reply)
        return;
    NotificationPageReply *reply = m_reply;
    m_reply.clear();
    reply->disconnect(this);
    reply->deleteLater();

    ConnectionTestResult result;
    result.outcome = Outcome::Cancelled;
    result.testedRegion = m_endpoint.region;
    result.botId = m_endpoint.botId;
    result.baseUrl = m_endpoint.baseUrl();
    finish(result);
}

void ConnectionTester::sendProbe(const ApiEndpoint &endpoint)
{
    m_client->setEndpoint(endpoint);

    // A one-minute window ending now keeps the probe from reading customer messages
    // beyond the one that page size 1 allows.
    NotificationQuery query;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    query.startTime = now.addSecs(-60);
    query.endTime = now;
    query.pageSize = 1;

    m_reply = m_client->fetchNotifications(query, this);
    if (m_askingOtherRegion)
        connect(m_reply, &ApiReply::finished, this, &ConnectionTester::handleOtherRegionReply);
    else
        connect(m_reply, &ApiReply::finished, this, &ConnectionTester::handleFirstReply);
}

void ConnectionTester::handleFirstReply()
{
    NotificationPageReply *reply = m_reply;
    m_reply.clear();
    reply->deleteLater();

    if (!reply->hasError()) {
        ConnectionTestResult result;
        result.outcome = Outcome::Ok;
        result.testedRegion = m_endpoint.region;
        result.botId = m_endpoint.botId;
        result.baseUrl = m_endpoint.baseUrl();
        result.elapsedMilliseconds = reply->elapsedMilliseconds();
        finish(result);
        return;
    }

    const ApiError &error = *reply->error();
    ConnectionTestResult result = failureResult(error);
    result.elapsedMilliseconds = reply->elapsedMilliseconds();
    const bool rejected = error.kind == ApiError::Kind::Http && error.httpStatus == 401;
    if (!rejected || m_endpoint.region == ApiEndpoint::Region::Custom) {
        finish(result);
        return;
    }

    qCDebug(lcProfiles) << "bot" << m_endpoint.botId << "was rejected in region"
                        << ApiEndpoint::regionKey(m_endpoint.region) << "; asking the other region";
    m_firstResult = result;
    m_elapsedBeforeRetry = reply->elapsedMilliseconds();
    m_askingOtherRegion = true;
    ApiEndpoint other = m_endpoint;
    other.region = otherRegion(m_endpoint.region);
    sendProbe(other);
}

void ConnectionTester::handleOtherRegionReply()
{
    NotificationPageReply *reply = m_reply;
    m_reply.clear();
    reply->deleteLater();

    ConnectionTestResult result = m_firstResult;
    result.elapsedMilliseconds = m_elapsedBeforeRetry + reply->elapsedMilliseconds();
    if (reply->hasError()) {
        result.outcome = Outcome::TokenRejected;
        result.otherRegionError = reply->error();
    } else {
        result.outcome = Outcome::FoundInOtherRegion;
        result.foundInRegion = otherRegion(m_endpoint.region);
    }
    finish(result);
}

ConnectionTestResult ConnectionTester::failureResult(const ApiError &error) const
{
    ConnectionTestResult result;
    result.testedRegion = m_endpoint.region;
    result.botId = m_endpoint.botId;
    result.baseUrl = m_endpoint.baseUrl();
    result.error = error;

    switch (error.kind) {
    case ApiError::Kind::InvalidSettings:
        result.outcome = Outcome::InvalidSettings;
        break;
    case ApiError::Kind::Network:
        if (error.networkError == QNetworkReply::ConnectionRefusedError)
            result.outcome = Outcome::ConnectionRefused;
        else if (error.networkError == QNetworkReply::HostNotFoundError)
            result.outcome = Outcome::HostNotFound;
        else
            result.outcome = Outcome::NoNetwork;
        break;
    case ApiError::Kind::Tls:
        result.outcome = Outcome::TlsFailed;
        break;
    case ApiError::Kind::Timeout:
        result.outcome = Outcome::TimedOut;
        break;
    case ApiError::Kind::Cancelled:
        result.outcome = Outcome::Cancelled;
        break;
    case ApiError::Kind::Http:
        if (error.httpStatus == 401)
            result.outcome = Outcome::TokenRejected;
        else if (error.httpStatus == 404)
            result.outcome = Outcome::NotFound;
        else
            result.outcome = Outcome::ServerError;
        break;
    case ApiError::Kind::TooLarge:
    case ApiError::Kind::InvalidResponse:
        result.outcome = Outcome::ServerError;
        break;
    }
    return result;
}

void ConnectionTester::finish(const ConnectionTestResult &result)
{
    m_lastResult = result;
    qCInfo(lcProfiles) << "connection test for bot" << result.botId << "ended:" << result.summary();
    Q_EMIT finished(result);
}
