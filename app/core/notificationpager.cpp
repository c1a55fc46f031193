#include "notificationpager.h"

#include "apiclient.h"
#include "logcategories.h"
#include "notificationpagereply.h"

NotificationPager::NotificationPager(ApiClient *client, QObject *parent)
    : QObject(parent), m_client(client)
{
}

void NotificationPager::search(const NotificationQuery &query)
{
    cancel();
    m_query = query;
    m_hasSearch = true;
    m_lastPage.reset();
    m_currentIds.clear();
    m_pageIds.clear();
    m_currentPage = 0;
    goToPage(query.page);
}

void NotificationPager::goToPage(int page)
{
    if (!m_hasSearch || page < 1)
        return;
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->cancel();
        m_reply->deleteLater();
    }

    m_requestedPage = page;
    NotificationPageReply *reply = m_client->fetchNotifications(m_query.withPage(page), this);
    m_reply = reply;
    connect(reply, &ApiReply::finished, this, [this, reply] { handleFinished(reply); });
    Q_EMIT loadingStarted(page);
    Q_EMIT stateChanged();
}

void NotificationPager::cancel()
{
    if (!m_reply)
        return;
    m_reply->disconnect(this);
    m_reply->cancel();
    m_reply->deleteLater();
    m_reply.clear();
    m_requestedPage = m_currentPage;
    Q_EMIT stateChanged();
}

bool NotificationPager::endsDataAfterError(int page, const ApiError &error) const
{
    // Some servers respond to a page past the end with an error instead of an empty
    // page. Authentication failures and the statuses that ask to try again later
    // (429, 502, 503, 504) are real failures, whatever the page.
    const bool movedForward = m_currentPage > 0 && page == m_currentPage + 1;
    if (!movedForward || error.kind != ApiError::Kind::Http)
        return false;
    const int status = error.httpStatus;
    return status >= 400 && status != 401 && status != 403 && !ApiReply::isRetryableStatus(status);
}

void NotificationPager::markEnd(const QString &message)
{
    m_lastPage = m_currentPage;
    m_requestedPage = m_currentPage;
    Q_EMIT endReached(m_currentPage, message);
    Q_EMIT stateChanged();
}

void NotificationPager::handleFinished(NotificationPageReply *reply)
{
    reply->deleteLater();
    if (reply != m_reply)
        return;
    m_reply.clear();
    const int page = reply->query().page;

    if (reply->hasError()) {
        const ApiError &error = *reply->error();
        if (endsDataAfterError(page, error)) {
            qCWarning(lcModel) << "page" << page << "failed with HTTP" << error.httpStatus << "; treating it as the end";
            markEnd(tr("Page %1 failed (%2), so page %3 is treated as the last page. Reload to try again.")
                        .arg(page)
                        .arg(error.summary())
                        .arg(m_currentPage));
            return;
        }
        m_requestedPage = m_currentPage;
        Q_EMIT loadFailed(page, error);
        Q_EMIT stateChanged();
        return;
    }

    QList<InboundMessage> messages = reply->page().messages;
    QSet<QString> ids;
    for (const InboundMessage &message : std::as_const(messages))
        ids.insert(message.messageId);

    const bool movedForward = m_currentPage > 0 && page == m_currentPage + 1;
    if (movedForward && reply->page().callbackCount == 0) {
        markEnd(tr("Page %1 is empty, so page %2 is the last page.").arg(page).arg(m_currentPage));
        return;
    }
    if (movedForward && !ids.isEmpty() && ids == m_currentIds) {
        qCWarning(lcModel) << "server sent page" << m_currentPage << "again as page" << page;
        markEnd(tr("The server sent page %1 again as page %2, so page %1 is treated as the last page.")
                    .arg(m_currentPage)
                    .arg(page));
        return;
    }

    // A message that an earlier page of this search already listed is shown there only.
    QSet<QString> earlierIds;
    for (auto it = m_pageIds.cbegin(); it != m_pageIds.cend(); ++it) {
        if (it.key() < page)
            earlierIds.unite(it.value());
    }
    const auto repeated = std::remove_if(messages.begin(), messages.end(), [&](const InboundMessage &message) {
        return !message.messageId.isEmpty() && earlierIds.contains(message.messageId);
    });
    const qsizetype droppedCount = std::distance(repeated, messages.end());
    messages.erase(repeated, messages.end());

    m_currentPage = page;
    m_requestedPage = page;
    m_currentIds = ids;
    m_pageIds.insert(page, ids);
    // page_size counts the response's results, the callbacks, and one callback can
    // carry several messages, so a short page is one with fewer callbacks.
    if (reply->page().callbackCount < m_query.pageSize)
        m_lastPage = page;
    else if (m_lastPage && *m_lastPage <= page)
        m_lastPage.reset();

    Q_EMIT pageLoaded(page, messages, reply->page().messagesWithProblems);
    if (droppedCount > 0) {
        qCWarning(lcModel) << "page" << page << "repeated" << droppedCount << "messages of earlier pages";
        Q_EMIT pageWarning(page, tr("Page %1 repeated %n message(s) already listed on an earlier page; they are shown only there.",
                                    nullptr, int(droppedCount))
                                     .arg(page));
    }
    Q_EMIT stateChanged();
}
