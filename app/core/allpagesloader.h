#pragma once

#include "apierror.h"
#include "inboundmessage.h"
#include "notificationquery.h"
#include "pagesequence.h"

#include <QElapsedTimer>
#include <QList>
#include <QMap>
#include <QObject>
#include <QPointer>

#include <chrono>
#include <limits>
#include <optional>

class ApiClient;
class NotificationPageReply;

// Loads every page of one inbound-messages search, with several page requests in
// flight, and delivers the messages in page order.
//
// A page that arrives before the pages ahead of it waits for them, and no page is
// requested more than twice the in-flight limit ahead of the next page to deliver.
// PageSequence finds the end (a short, empty or repeated page) and drops messages
// that an earlier page listed, as it does for NotificationPager. Pages past the end
// that were already requested are cancelled, as soon as a short page arrives. The load ends exactly once, with
// completed(), failed() or cancelled(), and the pages delivered before that stay
// delivered.
class AllPagesLoader : public QObject
{
    Q_OBJECT

public:
    // QNetworkAccessManager opens at most six connections per host for HTTP/1.1
    // (Qt 6.4, QHttpNetworkConnection's default), so more requests would only queue
    // inside it.
    static constexpr int MaxRequestsInFlight = 6;

    explicit AllPagesLoader(ApiClient *client, QObject *parent = nullptr);
    ~AllPagesLoader() override;

    // The number of page requests sent at once, from 1 to MaxRequestsInFlight (the default).
    void setRequestsInFlight(int count);
    int requestsInFlight() const { return m_requestsInFlight; }

    // Starts loading from the query's page on, cancelling a load still running.
    void start(const NotificationQuery &query);
    // Stops the load; the pages delivered so far stay delivered, and cancelled() follows.
    void cancel();

    bool isRunning() const { return m_running; }
    const NotificationQuery &query() const { return m_query; }
    // Pages delivered in order so far, and their messages.
    int pagesDelivered() const { return m_pagesDelivered; }
    qint64 messagesDelivered() const { return m_messagesDelivered; }
    // Messages per second since start(), over the messages delivered.
    double messagesPerSecond() const;
    qint64 elapsedMilliseconds() const;
    // Body bytes of the pages that arrived during the last load, delivered or not.
    qint64 bytesReceived() const { return m_bytesReceived; }
    // The most page requests that were in flight at once during the last load.
    int peakRequestsInFlight() const { return m_peakInFlight; }
    // Page requests sent during the last load, counting each page once however often it was retried.
    int pagesRequested() const { return m_nextPage - m_query.page; }

Q_SIGNALS:
    void started();
    // The next page in order, without the messages that an earlier page listed.
    void pageLoaded(int page, const QList<InboundMessage> &messages, int messagesWithProblems);
    void progressChanged(int pagesDelivered, qint64 messagesDelivered, double messagesPerSecond);
    // Something about a delivered page the user should know, such as dropped repeats.
    void pageWarning(int page, const QString &message);
    // A page's request is sent again after delay (ApiReply::retryScheduled).
    void retryScheduled(int page, int httpStatus, int retry, int maxRetries, std::chrono::milliseconds delay);
    // Every page was delivered; lastPage is the last page with data, message says how the end was found.
    void completed(int lastPage, const QString &message);
    // Page failed; the pages before it were delivered and nothing after it is.
    void failed(int page, const ApiError &error);
    void cancelled();

private:
    struct Arrived
    {
        std::optional<ApiError> error;
        CallbackParser::NotificationPage content;
    };

    void requestMorePages();
    void handleFinished(NotificationPageReply *reply);
    void cancelRequestsAfter(int page);
    void deliverArrivedPages();
    // Delivers one page; false when the load ended with it.
    bool deliver(int page, Arrived arrived);
    void finishCompleted(int lastPage, const QString &message);
    void finishFailed(int page, const ApiError &error);
    void stopRequests();

    ApiClient *m_client;
    NotificationQuery m_query;
    PageSequence m_sequence;
    // Requests in flight by page.
    QMap<int, QPointer<NotificationPageReply>> m_inFlight;
    // Pages that arrived before a page ahead of them, by page.
    QMap<int, Arrived> m_arrived;
    QElapsedTimer m_timer;
    qint64 m_finishedAfterMilliseconds = -1;
    int m_requestsInFlight = MaxRequestsInFlight;
    int m_nextPage = 1;
    int m_nextToDeliver = 1;
    // The first page that arrived with fewer callbacks than the page size; no page
    // after it is requested.
    int m_shortPage = std::numeric_limits<int>::max();
    int m_pagesDelivered = 0;
    qint64 m_messagesDelivered = 0;
    qint64 m_bytesReceived = 0;
    int m_peakInFlight = 0;
    // Changes with every start() and cancel(), so that a receiver that restarts the
    // load from a signal does not continue the old delivery loop.
    quint64 m_generation = 0;
    bool m_running = false;
};
