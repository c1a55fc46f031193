#include "apiclient.h"

#include "logcategories.h"
#include "notificationpagereply.h"
#include "statushistoryreply.h"

#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <QPointer>

ApiClient::ApiClient(QObject *parent)
    : QObject(parent), m_network(new QNetworkAccessManager(this))
{
}

ApiClient::~ApiClient()
{
    for (const QPointer<ApiReply> &reply : std::as_const(m_replies)) {
        if (reply)
            reply->detachFromNetwork();
    }
}

template <typename Reply>
Reply *ApiClient::track(Reply *reply)
{
    m_replies.removeAll(nullptr);
    m_replies.append(reply);
    return reply;
}

QString ApiClient::regionLabel() const
{
    if (m_endpoint.region == ApiEndpoint::Region::Custom)
        return QString();
    return ApiEndpoint::regionName(m_endpoint.region);
}

QNetworkRequest ApiClient::buildRequest(const QUrl &url) const
{
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + m_endpoint.token.toUtf8());
    request.setRawHeader("Accept", "application/json");
    request.setTransferTimeout(int(m_transferTimeout.count()));
    // A redirect to another origin would carry the token there, so only same-origin
    // redirects are followed.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::SameOriginRedirectPolicy);
    return request;
}

NotificationPageReply *ApiClient::fetchNotifications(const NotificationQuery &query, QObject *parent)
{
    std::optional<QString> problem = m_endpoint.validate();
    if (!problem) {
        const QList<NotificationQuery::Problem> queryProblems = query.validate();
        if (!queryProblems.isEmpty())
            problem = queryProblems.constFirst().message;
    }
    if (problem) {
        auto *reply = new NotificationPageReply(nullptr, m_replySettings, query, regionLabel(), parent);
        reply->failWithoutSending(ApiError::invalidSettings(*problem));
        return reply;
    }

    QUrl url = m_endpoint.notificationsUrl();
    ApiReply::Sender sender;
    const QPointer<QNetworkAccessManager> network = m_network;
    if (m_endpoint.filterEncoding == ApiEndpoint::FilterEncoding::JsonBody) {
        QNetworkRequest request = buildRequest(url);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        sender = [network, request, body = query.toJsonBody()]() -> QNetworkReply * {
            return network ? network->sendCustomRequest(request, "GET", body) : nullptr;
        };
    } else {
        url.setQuery(query.toUrlQuery());
        sender = [network, request = buildRequest(url)]() -> QNetworkReply * {
            return network ? network->get(request) : nullptr;
        };
    }
    qCDebug(lcNet) << "GET" << url.toDisplayString() << "page" << query.page;
    return track(new NotificationPageReply(std::move(sender), m_replySettings, query, regionLabel(), parent));
}

StatusHistoryReply *ApiClient::fetchStatusHistory(const QString &messageId, QObject *parent)
{
    std::optional<QString> problem = m_endpoint.validate();
    if (!problem && messageId.trimmed().isEmpty())
        problem = tr("Enter a message id.");
    if (problem) {
        auto *reply = new StatusHistoryReply(nullptr, m_replySettings, messageId, regionLabel(), parent);
        reply->failWithoutSending(ApiError::invalidSettings(*problem));
        return reply;
    }

    const QUrl url = m_endpoint.statusUrl(messageId.trimmed());
    qCDebug(lcNet) << "GET" << url.toDisplayString();
    const QPointer<QNetworkAccessManager> network = m_network;
    auto sender = [network, request = buildRequest(url)]() -> QNetworkReply * {
        return network ? network->get(request) : nullptr;
    };
    return track(new StatusHistoryReply(std::move(sender), m_replySettings, messageId.trimmed(), regionLabel(), parent));
}
