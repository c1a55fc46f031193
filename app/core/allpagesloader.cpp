#include "allpagesloader.h"

#include "apiclient.h"
#include "logcategories.h"
#include "notificationpagereply.h"

#include <limits>

AllPagesLoader::AllPagesLoader(ApiClient *client, QObject *parent)
    : QObject(parent), m_client(client)
{
}

AllPagesLoader::~AllPagesLoader()
{
    stopRequests();
}

void AllPagesLoader::setRequestsInFlight(int count)
{
    m_requestsInFlight = std::clamp(count, 1, MaxRequestsInFlight);
}

double AllPagesLoader::messagesPerSecond() const
{
    const qint64 milliseconds = elapsedMilliseconds();
    return milliseconds > 0 ? double(m_messagesDelivered) * 1000.0 / double(milliseconds) : 0.0;
}

qint64 AllPagesLoader::elapsedMilliseconds() const
{
    if (!m_timer.isValid())
        return 0;
    return m_finishedAfterMilliseconds >= 0 ? m_finishedAfterMilliseconds : m_timer.elapsed();
}

void AllPagesLoader::start(const NotificationQuery &query)
{
    if (m_running)
        cancel();
    m_query = query;
    m_sequence.clear();
    m_arrived.clear();
    m_nextPage = query.page;
    m_nextToDeliver = query.page;
    m_shortPage = std::numeric_limits<int>::max();
    m_pagesDelivered = 0;
    m_messagesDelivered = 0;
    m_bytesReceived = 0;
    m_peakInFlight = 0;
    m_finishedAfterMilliseconds = -1;
    m_running = true;
    ++m_generation;
    m_timer.start();
    qCInfo(lcNet) << "loading every page from page" << query.page << "with" << m_requestsInFlight << "requests in flight";
    Q_EMIT started();
    requestMorePages();
}

void AllPagesLoader::cancel()
{
    if (!m_running)
        return;
    stopRequests();
    m_running = false;
    ++m_generation;
    m_finishedAfterMilliseconds = m_timer.elapsed();
    qCInfo(lcNet) << "load of every page cancelled after" << m_pagesDelivered << "pages";
    Q_EMIT cancelled();
}

void AllPagesLoader::stopRequests()
{
    for (const QPointer<NotificationPageReply> &reply : std::as_const(m_inFlight)) {
        if (!reply)
            continue;
        reply->disconnect(this);
        reply->cancel();
        reply->deleteLater();
    }
    m_inFlight.clear();
    m_arrived.clear();
}

void AllPagesLoader::requestMorePages()
{
    // Pages that arrive early wait for the pages ahead of them, so a slow page (a
    // retry, say) would let them pile up. Requests stop at twice the in-flight
    // limit past the next page to deliver.
    const int pageLimit = m_nextToDeliver + 2 * m_requestsInFlight;
    while (m_running && m_inFlight.size() < m_requestsInFlight && m_nextPage < pageLimit
           && m_nextPage <= m_shortPage) {
        const int page = m_nextPage++;
        NotificationPageReply *reply = m_client->fetchNotifications(m_query.withPage(page), this);
        m_inFlight.insert(page, reply);
        connect(reply, &ApiReply::finished, this, [this, reply] { handleFinished(reply); });
        connect(reply, &ApiReply::retryScheduled, this,
                [this, reply, page](int retry, int maxRetries, std::chrono::milliseconds delay, const QString &) {
                    Q_EMIT retryScheduled(page, reply->httpStatus(), retry, maxRetries, delay);
                });
    }
    m_peakInFlight = std::max(m_peakInFlight, int(m_inFlight.size()));
}

void AllPagesLoader::handleFinished(NotificationPageReply *reply)
{
    reply->deleteLater();
    const int page = reply->query().page;
    if (m_inFlight.value(page) != reply)
        return;
    m_inFlight.remove(page);

    Arrived arrived;
    m_bytesReceived += reply->bytesReceived();
    if (reply->hasError())
        arrived.error = reply->error();
    else
        arrived.content = reply->takePage();
    // A short page ends the data, so the pages after it are not needed, even
    // before the pages ahead of it have arrived.
    if (!arrived.error && arrived.content.callbackCount < m_query.pageSize && page < m_shortPage) {
        m_shortPage = page;
        cancelRequestsAfter(page);
    }
    // QMap::insert() would copy the page.
    m_arrived[page] = std::move(arrived);

    deliverArrivedPages();
    requestMorePages();
}

void AllPagesLoader::cancelRequestsAfter(int page)
{
    for (auto it = m_inFlight.begin(); it != m_inFlight.end();) {
        if (it.key() <= page) {
            ++it;
            continue;
        }
        if (NotificationPageReply *reply = it.value()) {
            reply->disconnect(this);
            reply->cancel();
            reply->deleteLater();
        }
        it = m_inFlight.erase(it);
    }
}

void AllPagesLoader::deliverArrivedPages()
{
    const quint64 generation = m_generation;
    while (m_running && !m_arrived.isEmpty() && m_arrived.firstKey() == m_nextToDeliver) {
        const int page = m_nextToDeliver;
        Arrived arrived = m_arrived.take(page);
        if (!deliver(page, std::move(arrived)) || generation != m_generation)
            return;
        ++m_nextToDeliver;
    }
}

bool AllPagesLoader::deliver(int page, Arrived arrived)
{
    const bool followsDelivered = page > m_query.page;
    if (arrived.error) {
        if (followsDelivered && PageSequence::errorEndsData(*arrived.error)) {
            qCWarning(lcNet) << "page" << page << "failed with HTTP" << arrived.error->httpStatus << "; treating it as the end";
            finishCompleted(page - 1, tr("Page %1 failed (%2), so page %3 is treated as the last page.")
                                          .arg(page)
                                          .arg(arrived.error->summary())
                                          .arg(page - 1));
            return false;
        }
        finishFailed(page, *arrived.error);
        return false;
    }

    PageSequence::Result checked = m_sequence.accept(page, std::move(arrived.content), m_query.pageSize, followsDelivered);
    if (checked.verdict == PageSequence::Verdict::EmptyPastEnd) {
        finishCompleted(page - 1, tr("Page %1 is empty, so page %2 is the last page.").arg(page).arg(page - 1));
        return false;
    }
    if (checked.verdict == PageSequence::Verdict::Repeated) {
        qCWarning(lcModel) << "server sent page" << page - 1 << "again as page" << page;
        finishCompleted(page - 1, tr("The server sent page %1 again as page %2, so page %1 is the last page.")
                                      .arg(page - 1)
                                      .arg(page));
        return false;
    }

    ++m_pagesDelivered;
    m_messagesDelivered += checked.messages.size();
    Q_EMIT pageLoaded(page, checked.messages, checked.messagesWithProblems);
    if (checked.droppedCount > 0) {
        qCWarning(lcModel) << "page" << page << "repeated" << checked.droppedCount << "messages of earlier pages";
        Q_EMIT pageWarning(page, tr("Page %1 repeated %n message(s) already listed on an earlier page; they are shown only there.",
                                    nullptr, int(checked.droppedCount))
                                     .arg(page));
    }
    Q_EMIT progressChanged(m_pagesDelivered, m_messagesDelivered, messagesPerSecond());

    if (checked.verdict == PageSequence::Verdict::Last) {
        finishCompleted(page, tr("Page %1 has fewer results than the page size, so it is the last page.").arg(page));
        return false;
    }
    return true;
}

void AllPagesLoader::finishCompleted(int lastPage, const QString &message)
{
    stopRequests();
    m_running = false;
    m_finishedAfterMilliseconds = m_timer.elapsed();
    qCInfo(lcNet) << "loaded" << m_messagesDelivered << "messages from" << m_pagesDelivered << "pages in"
                  << m_finishedAfterMilliseconds << "ms";
    Q_EMIT completed(lastPage, message);
}

void AllPagesLoader::finishFailed(int page, const ApiError &error)
{
    stopRequests();
    m_running = false;
    m_finishedAfterMilliseconds = m_timer.elapsed();
    qCWarning(lcNet) << "load of every page stopped at page" << page << ":" << error.summary();
    Q_EMIT failed(page, error);
}
