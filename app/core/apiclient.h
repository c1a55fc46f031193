#pragma once

#include "apiendpoint.h"
#include "apireply.h"
#include "notificationquery.h"

#include <QObject>

#include <chrono>

class QNetworkAccessManager;
class QNetworkRequest;
class NotificationPageReply;
class StatusHistoryReply;

// Sends Callback Store requests through one QNetworkAccessManager.
//
// Each call returns a reply object that the caller owns and that ends with exactly
// one result. Invalid settings (missing token, http:// to a remote host) end the
// reply with an error without sending anything.
class ApiClient : public QObject
{
    Q_OBJECT

public:
    explicit ApiClient(QObject *parent = nullptr);

    void setEndpoint(const ApiEndpoint &endpoint) { m_endpoint = endpoint; }
    const ApiEndpoint &endpoint() const { return m_endpoint; }

    // How long a transfer may stall before it fails; 30 seconds unless set.
    void setTransferTimeout(std::chrono::milliseconds timeout) { m_transferTimeout = timeout; }
    std::chrono::milliseconds transferTimeout() const { return m_transferTimeout; }

    // Retries of answers 429, 502, 503 and 504; three retries from 1 second on unless set.
    void setRetryPolicy(const ApiReply::RetryPolicy &policy) { m_retryPolicy = policy; }
    const ApiReply::RetryPolicy &retryPolicy() const { return m_retryPolicy; }

    NotificationPageReply *fetchNotifications(const NotificationQuery &query, QObject *parent = nullptr);
    StatusHistoryReply *fetchStatusHistory(const QString &messageId, QObject *parent = nullptr);

    QNetworkAccessManager *networkAccessManager() const { return m_network; }

private:
    QNetworkRequest buildRequest(const QUrl &url) const;
    QString regionLabel() const;

    QNetworkAccessManager *m_network;
    ApiEndpoint m_endpoint;
    std::chrono::milliseconds m_transferTimeout{30000};
    ApiReply::RetryPolicy m_retryPolicy;
};
