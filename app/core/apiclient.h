#pragma once

#include "apiendpoint.h"
#include "apireply.h"
#include "notificationquery.h"

#include <QList>
#include <QObject>
#include <QPointer>

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
    // Ends the replies still in flight as cancelled, without emitting their finished().
    ~ApiClient() override;

    void setEndpoint(const ApiEndpoint &endpoint) { m_endpoint = endpoint; }
    const ApiEndpoint &endpoint() const { return m_endpoint; }

    // How long a transfer may stall, with no byte arriving, before it fails; 30 seconds unless set.
    void setTransferTimeout(std::chrono::milliseconds timeout) { m_transferTimeout = timeout; }
    std::chrono::milliseconds transferTimeout() const { return m_transferTimeout; }

    // How long one attempt may take from sending to the last body byte, however
    // steadily bytes arrive; 120 seconds unless set, and zero turns it off. Waits
    // between retries do not count.
    void setTotalTimeout(std::chrono::milliseconds timeout) { m_replySettings.totalTimeout = timeout; }
    std::chrono::milliseconds totalTimeout() const { return m_replySettings.totalTimeout; }

    // The largest response body that is read; ApiReply::MaxBodyBytes (64 MiB) unless set.
    void setMaxBodyBytes(qint64 bytes) { m_replySettings.maxBodyBytes = bytes; }
    qint64 maxBodyBytes() const { return m_replySettings.maxBodyBytes; }

    // Sets the retries of responses 429, 502, 503 and 504. The default is three retries, the first after 1 second.
    void setRetryPolicy(const ApiReply::RetryPolicy &policy) { m_replySettings.retryPolicy = policy; }
    const ApiReply::RetryPolicy &retryPolicy() const { return m_replySettings.retryPolicy; }

    NotificationPageReply *fetchNotifications(const NotificationQuery &query, QObject *parent = nullptr);
    StatusHistoryReply *fetchStatusHistory(const QString &messageId, QObject *parent = nullptr);

    QNetworkAccessManager *networkAccessManager() const { return m_network; }

private:
    QNetworkRequest buildRequest(const QUrl &url) const;
    QString regionLabel() const;

    // Registers a reply so that the destructor can detach it from the network.
    template <typename Reply>
    Reply *track(Reply *reply);

    QNetworkAccessManager *m_network;
    QList<QPointer<ApiReply>> m_replies;
    ApiEndpoint m_endpoint;
    std::chrono::milliseconds m_transferTimeout{30000};
    ApiReply::Settings m_replySettings;
};
