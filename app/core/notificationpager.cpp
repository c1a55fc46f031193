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

void NotificationPager::handleFinished(NotificationPageReply *reply)
{
    reply->deleteLater();
    if (reply != m_reply)
        return;
    m_reply.clear();
    const int page = reply->query().page;

    if (reply->hasError()) {
        m_requestedPage = m_currentPage;
        Q_EMIT loadFailed(page, *reply->error());
        Q_EMIT stateChanged();
        return;
    }

    const QList<InboundMessage> &messages = reply->page().messages;
    QSet<QString> ids;
    for (const InboundMessage &message : messages)
        ids.insert(message.messageId);

    const bool movedForward = m_currentPage > 0 && page == m_currentPage + 1;
    if (movedForward && messages.isEmpty()) {
        m_lastPage = m_currentPage;
        m_requestedPage = m_currentPage;
        Q_EMIT endReached(m_currentPage, tr("Page %1 is empty, so page %2 is the last page.").arg(page).arg(m_currentPage));
        Q_EMIT stateChanged();
        return;
    }
    if (movedForward && !ids.isEmpty() && ids == m_currentIds) {
        qCWarning(lcModel) << "server sent page" << m_currentPage << "again as page" << page;
        m_lastPage = m_currentPage;
        m_requestedPage = m_currentPage;
        Q_EMIT endReached(m_currentPage, tr("The server sent page %1 again as page %2; page %1 is treated as the last page.")
                                             .arg(m_currentPage)
                                             .arg(page));
        Q_EMIT stateChanged();
        return;
    }

    m_currentPage = page;
    m_requestedPage = page;
    m_currentIds = ids;
    if (messages.size() < m_query.pageSize)
        m_lastPage = page;
    else if (m_lastPage && *m_lastPage <= page)
        m_lastPage.reset();

    Q_EMIT pageLoaded(page, messages, reply->page().messagesWithProblems);
    Q_EMIT stateChanged();
}
