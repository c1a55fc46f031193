#pragma once

#include "apierror.h"
#include "inboundmessage.h"
#include "notificationquery.h"
#include "pagesequence.h"

#include <QList>
#include <QObject>
#include <QPointer>

#include <chrono>

class ApiClient;
class NotificationPageReply;

// Walks the pages of one inbound-messages search.
//
// The API sends no total count, so the pager finds the end of the data itself with
// PageSequence: a page with fewer results (callbacks) than the page size is the last
// one, and an empty page, or a page that repeats the previous one, means that the
// previous page was the last. Only one page
// request is in flight; a newer search or page change cancels the older request,
// whose result is then never delivered.
class NotificationPager : public QObject
{
    Q_OBJECT

public:
    explicit NotificationPager(ApiClient *client, QObject *parent = nullptr);

    // Starts a new search at the query's page.
    void search(const NotificationQuery &query);
    void goToPage(int page);
    void firstPage() { goToPage(1); }
    void previousPage() { goToPage(m_currentPage - 1); }
    void nextPage() { goToPage(m_currentPage + 1); }
    void reload() { goToPage(m_currentPage); }
    void cancel();

    const NotificationQuery &query() const { return m_query; }
    bool hasSearch() const { return m_hasSearch; }
    bool isLoading() const { return !m_reply.isNull(); }
    int currentPage() const { return m_currentPage; }
    // The page being requested while loading, otherwise the current page.
    int requestedPage() const { return m_requestedPage; }
    bool hasPreviousPage() const { return m_hasSearch && m_currentPage > 1; }
    bool hasNextPage() const { return m_hasSearch && !m_lastPage.has_value(); }
    // The last page, once the end of the data was seen.
    std::optional<int> lastPage() const { return m_lastPage; }

Q_SIGNALS:
    void loadingStarted(int page);
    // A page arrived; messages replace what the previous page showed.
    void pageLoaded(int page, const QList<InboundMessage> &messages, int messagesWithProblems);
    // A page past the end was requested: the current page stays and is the last one.
    void endReached(int lastPage, const QString &message);
    // Something about a loaded page the user should know, such as dropped repeats.
    void pageWarning(int page, const QString &message);
    void loadFailed(int page, const ApiError &error);
    // The server answered the page's request with a status worth retrying
    // (ApiReply::retryScheduled); the request is sent again after delay.
    void retryScheduled(int page, int httpStatus, int retry, int maxRetries, std::chrono::milliseconds delay);
    // Loading, paging position or the known end changed.
    void stateChanged();

private:
    void handleFinished(NotificationPageReply *reply);
    void markEnd(const QString &message);

    ApiClient *m_client;
    QPointer<NotificationPageReply> m_reply;
    NotificationQuery m_query;
    PageSequence m_sequence;
    std::optional<int> m_lastPage;
    int m_currentPage = 0;
    int m_requestedPage = 0;
    bool m_hasSearch = false;
};
