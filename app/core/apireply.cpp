#include "apireply.h"

#include "callbackparser.h"
#include "logcategories.h"

#include <QFutureWatcher>
#include <QNetworkReply>
#include <QPromise>
#include <QThreadPool>

#include <algorithm>

namespace {

// Returns the body made of chunks. A body of one chunk is shared, not copied.
QByteArray joined(const QByteArrayList &chunks)
{
    return chunks.size() == 1 ? chunks.constFirst() : chunks.join();
}

// Qt's error codes below 200 are failures of the connection or a proxy. Codes from
// 200 on mirror an HTTP status, which the reply judges by itself.
bool isTransportError(QNetworkReply::NetworkError error)
{
    return error != QNetworkReply::NoError && error < QNetworkReply::ContentAccessDenied;
}

bool isRedirectStatus(int httpStatus)
{
    return httpStatus >= 300 && httpStatus <= 399;
}

// Reads Retry-After as delay seconds or as an HTTP date; empty when absent or unreadable.
std::optional<std::chrono::milliseconds> parseRetryAfter(const QByteArray &value)
{
    const QByteArray trimmed = value.trimmed();
    if (trimmed.isEmpty())
        return std::nullopt;
    bool ok = false;
    const qint64 seconds = trimmed.toLongLong(&ok);
    if (ok)
        return seconds < 0 ? std::nullopt : std::optional(std::chrono::milliseconds(seconds * 1000));

    const QDateTime date = QDateTime::fromString(QString::fromLatin1(trimmed), Qt::RFC2822Date);
    if (!date.isValid())
        return std::nullopt;
    return std::chrono::milliseconds(qMax<qint64>(0, QDateTime::currentDateTimeUtc().msecsTo(date)));
}

} // namespace

bool ApiReply::isRetryableStatus(int httpStatus)
{
    return httpStatus == 429 || httpStatus == 502 || httpStatus == 503 || httpStatus == 504;
}

ApiReply::ApiReply(Sender sender, Settings settings, QString regionName, QObject *parent)
    : QObject(parent), m_sender(std::move(sender)), m_settings(settings), m_regionName(std::move(regionName))
{
    m_timer.start();
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &ApiReply::send);
    m_totalTimer.setSingleShot(true);
    connect(&m_totalTimer, &QTimer::timeout, this, &ApiReply::handleTotalTimeout);
    if (m_sender)
        send();
}

ApiReply::~ApiReply()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
    }
}

void ApiReply::detachFromNetwork()
{
    m_sender = nullptr;
    m_retryTimer.stop();
    m_totalTimer.stop();
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        delete m_reply;
    }
    if (!m_finished) {
        m_finished = true;
        ApiError error;
        error.kind = ApiError::Kind::Cancelled;
        m_error = error;
    }
}

void ApiReply::send()
{
    m_bodyChunks.clear();
    m_bodySize = 0;
    m_httpStatus = 0;
    m_contentType.clear();
    m_tooLarge = false;
    m_totalTimeoutPassed = false;
    QNetworkReply *reply = m_sender();
    if (!reply) {
        ApiError error;
        error.kind = ApiError::Kind::Cancelled;
        finishWithError(error);
        return;
    }
    m_reply = reply;
    reply->setParent(this);
    connect(reply, &QNetworkReply::metaDataChanged, this, &ApiReply::handleMetaDataChanged);
    connect(reply, &QNetworkReply::readyRead, this, &ApiReply::handleReadyRead);
    connect(reply, &QNetworkReply::finished, this, &ApiReply::handleNetworkFinished);
    if (m_settings.totalTimeout > std::chrono::milliseconds::zero())
        m_totalTimer.start(m_settings.totalTimeout);
}

void ApiReply::cancel()
{
    if (m_finished)
        return;
    m_cancelled = true;
    m_totalTimer.stop();
    if (m_reply && m_reply->isRunning()) {
        m_reply->abort(); // emits finished(), handled below
        return;
    }
    m_retryTimer.stop();
    ApiError error;
    error.kind = ApiError::Kind::Cancelled;
    finishWithError(error);
}

void ApiReply::failWithoutSending(const ApiError &error)
{
    QMetaObject::invokeMethod(this, [this, error] { finishWithError(error); }, Qt::QueuedConnection);
}

void ApiReply::stopReadingTooLarge(const QString &reason)
{
    qCWarning(lcNet).noquote() << "response from" << m_reply->url().toDisplayString(QUrl::RemoveQuery) << reason
                               << "of" << m_settings.maxBodyBytes << "bytes; reading stopped";
    m_tooLarge = true;
    m_reply->abort();
}

void ApiReply::handleMetaDataChanged()
{
    if (!m_reply || m_tooLarge)
        return;
    // A server that announces a body over the limit is not read at all.
    bool announced = false;
    const qint64 length = m_reply->header(QNetworkRequest::ContentLengthHeader).toLongLong(&announced);
    if (announced && length > m_settings.maxBodyBytes)
        stopReadingTooLarge(QStringLiteral("announced %1 bytes, over the limit").arg(length));
}

void ApiReply::handleReadyRead()
{
    if (!m_reply || m_tooLarge)
        return;
    appendBody();
}

void ApiReply::appendBody()
{
    // One byte past the limit is enough to know the body is too large. Reading no
    // more than has arrived keeps read() from allocating a buffer of the whole limit.
    const qint64 room = m_settings.maxBodyBytes + 1 - m_bodySize;
    const qint64 readable = std::min(m_reply->bytesAvailable(), room);
    if (readable > 0) {
        QByteArray chunk = m_reply->read(readable);
        m_bodySize += chunk.size();
        m_bodyChunks.append(std::move(chunk));
    }
    if (m_bodySize > m_settings.maxBodyBytes)
        stopReadingTooLarge(QStringLiteral("passed the limit"));
}

QByteArray ApiReply::body() const
{
    return joined(m_bodyChunks);
}

void ApiReply::handleTotalTimeout()
{
    if (!m_reply || !m_reply->isRunning())
        return;
    qCWarning(lcNet) << "request to" << m_reply->url().toDisplayString(QUrl::RemoveQuery) << "passed the total timeout of"
                     << m_settings.totalTimeout.count() << "ms with" << m_bodySize << "bytes received; aborting";
    m_totalTimeoutPassed = true;
    m_reply->abort();
}

ApiError ApiReply::networkError() const
{
    ApiError error;
    error.networkError = m_reply->error();
    error.networkErrorText = m_reply->errorString();
    error.regionName = m_regionName;
    error.httpStatus = m_httpStatus;
    error.bytesReceived = m_bodySize;
    if (m_totalTimeoutPassed) {
        error.kind = ApiError::Kind::Timeout;
        error.timeLimit = ApiError::TimeLimit::Total;
        error.timeLimitMilliseconds = m_settings.totalTimeout.count();
        return error;
    }
    switch (m_reply->error()) {
    case QNetworkReply::SslHandshakeFailedError:
        error.kind = ApiError::Kind::Tls;
        break;
    case QNetworkReply::TimeoutError:
        error.kind = ApiError::Kind::Timeout;
        error.timeLimitMilliseconds = m_reply->request().transferTimeout();
        break;
    case QNetworkReply::OperationCanceledError:
        // An abort that we did not request comes from the transfer timeout.
        error.kind = m_cancelled ? ApiError::Kind::Cancelled : ApiError::Kind::Timeout;
        if (!m_cancelled)
            error.timeLimitMilliseconds = m_reply->request().transferTimeout();
        break;
    default:
        error.kind = ApiError::Kind::Network;
        break;
    }
    return error;
}

ApiError ApiReply::httpError() const
{
    ApiError error;
    error.kind = ApiError::Kind::Http;
    error.httpStatus = m_httpStatus;
    error.regionName = m_regionName;
    error.retryCount = m_retryCount;
    error.contentType = m_contentType;
    error.bytesReceived = m_bodySize;
    if (const auto retryAfter = parseRetryAfter(m_retryAfter))
        error.retryAfterSeconds = int(retryAfter->count() / 1000);
    if (!CallbackParser::parseErrorBody(body(), &error.serverMessage, &error.serverDetails))
        error.rawBody = body().left(ApiError::MaxRawBodyShown);
    return error;
}

bool ApiReply::scheduleRetry()
{
    const RetryPolicy &policy = m_settings.retryPolicy;
    if (m_cancelled || !isRetryableStatus(m_httpStatus) || m_retryCount >= policy.maxRetries)
        return false;

    std::chrono::milliseconds delay = policy.firstDelay * (1 << m_retryCount);
    if (const auto retryAfter = parseRetryAfter(m_retryAfter)) {
        if (*retryAfter > policy.maxDelay)
            return false;
        delay = *retryAfter;
    }
    delay = std::min(delay, policy.maxDelay);

    ++m_retryCount;
    const QString reason = httpError().summary();
    qCInfo(lcNet) << "HTTP" << m_httpStatus << "; retry" << m_retryCount << "of" << policy.maxRetries << "in"
                  << delay.count() << "ms";
    m_reply->deleteLater();
    m_reply.clear();
    m_retryTimer.start(delay);
    Q_EMIT retryScheduled(m_retryCount, policy.maxRetries, delay, reason);
    return true;
}

bool ApiReply::finishIfTransportFailed(const QString &url)
{
    // An abort, a reset or a timeout after the headers leaves an HTTP status behind,
    // but the body is incomplete, so the transport error decides.
    const QNetworkReply::NetworkError error = m_reply->error();
    const bool transportFailed = isTransportError(error) && error != QNetworkReply::InsecureRedirectError;
    if (m_httpStatus != 0 && !m_cancelled && !m_totalTimeoutPassed && !transportFailed)
        return false;
    qCWarning(lcNet) << "request to" << url << "failed after" << m_bodySize << "body bytes:" << m_reply->error()
                     << m_reply->errorString();
    finishWithError(networkError());
    return true;
}

bool ApiReply::finishIfIncomplete(const QString &url)
{
    // Qt 6.4 sometimes ends a reply without an error when the connection is reset
    // in the middle of a body, so a body shorter than its Content-Length counts as
    // the broken connection that it is. Qt's decompression changes the size, so
    // only an unencoded body is compared.
    const QByteArray encoding = m_reply->rawHeader("Content-Encoding").trimmed().toLower();
    if (!encoding.isEmpty() && encoding != "identity")
        return false;
    bool announced = false;
    const qint64 length = m_reply->header(QNetworkRequest::ContentLengthHeader).toLongLong(&announced);
    if (!announced || m_bodySize >= length)
        return false;

    qCWarning(lcNet) << "response from" << url << "ended after" << m_bodySize << "of" << length << "bytes";
    ApiError error = networkError();
    error.kind = ApiError::Kind::Network;
    error.networkError = QNetworkReply::RemoteHostClosedError;
    error.networkErrorText = QStringLiteral("Connection closed after %1 of %2 bytes").arg(m_bodySize).arg(length);
    finishWithError(error);
    return true;
}

bool ApiReply::finishIfRedirected(const QString &url)
{
    // Qt follows only same-origin redirects (see ApiClient::buildRequest), so a
    // redirect that arrives here pointed at another origin and was not followed.
    if (!isRedirectStatus(m_httpStatus) && m_reply->error() != QNetworkReply::InsecureRedirectError)
        return false;
    ApiError error = httpError();
    QUrl target = m_reply->attribute(QNetworkRequest::RedirectionTargetAttribute).toUrl();
    if (target.isEmpty())
        target = m_reply->header(QNetworkRequest::LocationHeader).toUrl();
    if (!target.isEmpty())
        error.redirectTarget = m_reply->url().resolved(target);
    qCWarning(lcNet) << "HTTP" << m_httpStatus << "from" << url << "redirects to"
                     << error.redirectTarget.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery)
                     << "; not followed because it is another origin";
    finishWithError(error);
    return true;
}

void ApiReply::handleNetworkFinished()
{
    if (m_finished || !m_reply)
        return;
    m_totalTimer.stop();
    m_elapsedMilliseconds = m_timer.elapsed();
    if (!m_tooLarge && m_reply->isOpen())
        appendBody();
    m_httpStatus = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    m_retryAfter = m_reply->rawHeader("Retry-After");
    m_contentType = m_reply->rawHeader("Content-Type");
    const QString url = m_reply->url().toDisplayString(QUrl::RemoveQuery);

    if (m_tooLarge) {
        ApiError error;
        error.kind = ApiError::Kind::TooLarge;
        error.httpStatus = m_httpStatus;
        error.sizeLimitBytes = m_settings.maxBodyBytes;
        error.bytesReceived = m_bodySize;
        error.contentType = m_contentType;
        finishWithError(error);
        return;
    }

    if (finishIfTransportFailed(url) || finishIfRedirected(url) || finishIfIncomplete(url))
        return;

    qCDebug(lcNet) << "HTTP" << m_httpStatus << "from" << url << "with" << m_bodySize << "bytes in"
                   << m_elapsedMilliseconds << "ms";

    if (m_httpStatus < 200 || m_httpStatus > 299) {
        if (scheduleRetry())
            return;
        qCWarning(lcNet) << "HTTP" << m_httpStatus << "from" << url;
        finishWithError(httpError());
        return;
    }

    parseBody();
}

void ApiReply::parseBody()
{
    if (!m_parseJob) {
        finishWithSuccess();
        return;
    }

    auto promise = std::make_shared<QPromise<std::optional<ParseError>>>();
    auto *watcher = new QFutureWatcher<std::optional<ParseError>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        const std::optional<ParseError> parseError = watcher->result();
        watcher->deleteLater();
        if (m_finished)
            return;
        if (parseError) {
            ApiError error;
            error.kind = ApiError::Kind::InvalidResponse;
            error.httpStatus = m_httpStatus;
            error.parseError = *parseError;
            error.rawBody = body().left(ApiError::MaxRawBodyShown);
            error.contentType = m_contentType;
            error.bytesReceived = m_bodySize;
            qCWarning(lcParse) << "unreadable response:" << parseError->toString();
            finishWithError(error);
            return;
        }
        parsed();
        finishWithSuccess();
    });
    watcher->setFuture(promise->future());

    QThreadPool::globalInstance()->start([promise, job = m_parseJob, chunks = m_bodyChunks] {
        promise->start();
        promise->addResult(job(joined(chunks)));
        promise->finish();
    });
}

void ApiReply::finishWithError(const ApiError &error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_totalTimer.stop();
    m_retryTimer.stop();
    m_error = error;
    Q_EMIT finished();
}

void ApiReply::finishWithSuccess()
{
    if (m_finished)
        return;
    m_finished = true;
    Q_EMIT finished();
}
