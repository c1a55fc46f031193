#pragma once

#include "apiendpoint.h"
#include "connectiontestresult.h"

#include <QObject>
#include <QPointer>

#include <chrono>

class ApiClient;
class NotificationPageReply;

// "Test connection": sends one cheap request with a profile's settings and reports
// in plain words whether the server, the token and the bot id work.
//
// The probe requests the inbound messages of the last minute with a page size of
// 1, so it reads at most one customer message and usually none. When the US or EU
// server answers 401, the tester asks the other region with the same bot id and
// token (through the endpoint's usBaseUrl and euBaseUrl), because a bot in the
// wrong region answers 401 like a wrong token. A custom base URL gets no such retry.
class ConnectionTester : public QObject
{
    Q_OBJECT

public:
    explicit ConnectionTester(QObject *parent = nullptr);
    ~ConnectionTester() override;

    // How long a transfer may stall before the test reports a timeout; 15 seconds unless set.
    void setTransferTimeout(std::chrono::milliseconds timeout);

    // Starts a test. A test still running is cancelled first and ends with a
    // Cancelled result. Invalid settings end the test without sending anything.
    void start(const ApiEndpoint &endpoint);
    // Stops the running test, which ends with a Cancelled result.
    void cancel();
    bool isRunning() const { return !m_reply.isNull(); }

    // The result of the last test that ended.
    const ConnectionTestResult &lastResult() const { return m_lastResult; }

Q_SIGNALS:
    // Emitted exactly once for each start(), unless the tester is deleted first.
    void finished(const ConnectionTestResult &result);

private:
    void sendProbe(const ApiEndpoint &endpoint);
    void handleFirstReply();
    void handleOtherRegionReply();
    void finish(const ConnectionTestResult &result);
    ConnectionTestResult failureResult(const ApiError &error) const;

    ApiClient *m_client;
    QPointer<NotificationPageReply> m_reply;
    ApiEndpoint m_endpoint;
    ConnectionTestResult m_firstResult; // the first region's result while the other region is asked
    ConnectionTestResult m_lastResult;
    qint64 m_elapsedBeforeRetry = 0;
    bool m_askingOtherRegion = false;
};
