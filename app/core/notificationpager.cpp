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
    m_sequence.clear();
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
    connect(reply, &ApiReply::retryScheduled, this,
            [this, reply, page](int retry, int maxRetries, std::chrono::milliseconds delay, const QString &) {
                Q_EMIT retryScheduled(page, reply->httpStatus(), retry, maxRetries, delay);
            });
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
        const bool movedForward = m_currentPage > 0 && page == m_currentPage + 1;
        if (movedForward && PageSequence::errorEndsData(error)) {
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

    const bool movedForward = m_currentPage > 0 && page == m_currentPage + 1;
    PageSequence::Result checked = m_sequence.accept(page, reply->takePage(), m_query.pageSize, movedForward);
    if (checked.verdict == PageSequence::Verdict::EmptyPastEnd) {
        markEnd(tr("Page %1 is empty, so page %2 is the last page.").arg(page).arg(m_currentPage));
        return;
    }
    if (checked.verdict == PageSequence::Verdict::Repeated) {
        qCWarning(lcModel) << "server sent page" << m_currentPage << "again as page" << page;
        markEnd(tr("The server sent page %1 again as page %2, so page %1 is treated as the last page.")
                    .arg(m_currentPage)
                    .arg(page));
        return;
    }

    m_currentPage = page;
    m_requestedPage = page;
    if (checked.verdict == PageSequence::Verdict::Last)
        m_lastPage = page;
    else if (m_lastPage && *m_lastPage <= page)
        m_lastPage.reset();

    Q_EMIT pageLoaded(page, checked.messages, checked.messagesWithProblems);
    if (checked.droppedCount > 0) {
        qCWarning(lcModel) << "page" << page << "repeated" << checked.droppedCount << "messages of earlier pages";
        Q_EMIT pageWarning(page, tr("Page %1 repeated %n message(s) already listed on an earlier page; they are shown only there.",
                                    nullptr, int(checked.droppedCount))
                                     .arg(page));
    }
    Q_EMIT stateChanged();
}
