#include "apireply.h"

#include "callbackparser.h"
#include "logcategories.h"

#include <QFutureWatcher>
#include <QNetworkReply>
#include <QPromise>
#include <QThreadPool>

namespace {

bool isRetryable(int httpStatus)
{
    return httpStatus == 429 || httpStatus == 502 || httpStatus == 503 || httpStatus == 504;
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

ApiReply::ApiReply(Sender sender, RetryPolicy retryPolicy, QString regionName, QObject *parent)
    : QObject(parent), m_sender(std::move(sender)), m_retryPolicy(retryPolicy), m_regionName(std::move(regionName))
{
    m_timer.start();
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &ApiReply::send);
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

void ApiReply::send()
{
    m_body.clear();
    m_httpStatus = 0;
    QNetworkReply *reply = m_sender();
    if (!reply) {
        ApiError error;
        error.kind = ApiError::Kind::Cancelled;
        finishWithError(error);
        return;
    }
    m_reply = reply;
    reply->setParent(this);
    connect(reply, &QNetworkReply::readyRead, this, &ApiReply::handleReadyRead);
    connect(reply, &QNetworkReply::finished, this, &ApiReply::handleNetworkFinished);
}

void ApiReply::cancel()
{
    if (m_finished)
        return;
    m_cancelled = true;
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

void ApiReply::handleReadyRead()
{
    if (!m_reply || m_tooLarge)
        return;
    m_body.append(m_reply->readAll());
    if (m_body.size() > MaxBodyBytes) {
        qCWarning(lcNet) << "response from" << m_reply->url().toDisplayString(QUrl::RemoveQuery) << "passed"
                         << MaxBodyBytes << "bytes; reading stopped";
        m_tooLarge = true;
        m_reply->abort();
    }
}

ApiError ApiReply::networkError() const
{
    ApiError error;
    error.networkError = m_reply->error();
    error.networkErrorText = m_reply->errorString();
    error.regionName = m_regionName;
    switch (m_reply->error()) {
    case QNetworkReply::SslHandshakeFailedError:
        error.kind = ApiError::Kind::Tls;
        break;
    case QNetworkReply::TimeoutError:
        error.kind = ApiError::Kind::Timeout;
        break;
    case QNetworkReply::OperationCanceledError:
        // An abort that we did not request comes from the transfer timeout.
        error.kind = m_cancelled ? ApiError::Kind::Cancelled : ApiError::Kind::Timeout;
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
    if (const auto retryAfter = parseRetryAfter(m_retryAfter))
        error.retryAfterSeconds = int(retryAfter->count() / 1000);
    if (!CallbackParser::parseErrorBody(m_body, &error.serverMessage, &error.serverDetails))
        error.rawBody = m_body.left(ApiError::MaxRawBodyShown);
    return error;
}

bool ApiReply::scheduleRetry()
{
    if (m_cancelled || !isRetryable(m_httpStatus) || m_retryCount >= m_retryPolicy.maxRetries)
        return false;

    std::chrono::milliseconds delay = m_retryPolicy.firstDelay * (1 << m_retryCount);
    if (const auto retryAfter = parseRetryAfter(m_retryAfter)) {
        if (*retryAfter > m_retryPolicy.maxDelay)
            return false;
        delay = *retryAfter;
    }
    delay = std::min(delay, m_retryPolicy.maxDelay);

    ++m_retryCount;
    const QString reason = httpError().summary();
    qCInfo(lcNet) << "HTTP" << m_httpStatus << "; retry" << m_retryCount << "of" << m_retryPolicy.maxRetries << "in"
                  << delay.count() << "ms";
    m_reply->deleteLater();
    m_reply.clear();
    m_retryTimer.start(delay);
    Q_EMIT retryScheduled(m_retryCount, m_retryPolicy.maxRetries, delay, reason);
    return true;
}

void ApiReply::handleNetworkFinished()
{
    if (m_finished || !m_reply)
        return;
    m_elapsedMilliseconds = m_timer.elapsed();
    if (!m_tooLarge && m_reply->isOpen())
        m_body.append(m_reply->readAll());
    m_httpStatus = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    m_retryAfter = m_reply->rawHeader("Retry-After");
    const QString url = m_reply->url().toDisplayString(QUrl::RemoveQuery);

    if (m_tooLarge) {
        ApiError error;
        error.kind = ApiError::Kind::TooLarge;
        error.httpStatus = m_httpStatus;
        finishWithError(error);
        return;
    }

    // A reply with an HTTP status is judged by the status, even though Qt also flags
    // 4xx and 5xx as network errors.
    if (m_httpStatus == 0 || m_cancelled) {
        const ApiError error = networkError();
        qCWarning(lcNet) << "request to" << url << "failed:" << m_reply->error() << m_reply->errorString();
        finishWithError(error);
        return;
    }

    qCDebug(lcNet) << "HTTP" << m_httpStatus << "from" << url << "with" << m_body.size() << "bytes in"
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
            error.rawBody = m_body.left(ApiError::MaxRawBodyShown);
            qCWarning(lcParse) << "unreadable response:" << parseError->toString();
            finishWithError(error);
            return;
        }
        parsed();
        finishWithSuccess();
    });
    watcher->setFuture(promise->future());

    QThreadPool::globalInstance()->start([promise, job = m_parseJob, body = m_body] {
        promise->start();
        promise->addResult(job(body));
        promise->finish();
    });
}

void ApiReply::finishWithError(const ApiError &error)
{
    if (m_finished)
        return;
    m_finished = true;
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
