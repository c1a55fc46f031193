#include "apireply.h"

#include "callbackparser.h"
#include "logcategories.h"

#include <QFutureWatcher>
#include <QNetworkReply>
#include <QPromise>
#include <QThreadPool>
#include <QTimer>

ApiReply::ApiReply(QNetworkReply *reply, QString regionName, QObject *parent)
    : QObject(parent), m_reply(reply), m_regionName(std::move(regionName))
{
    m_timer.start();
    if (!reply)
        return;
    reply->setParent(this);
    connect(reply, &QNetworkReply::readyRead, this, &ApiReply::handleReadyRead);
    connect(reply, &QNetworkReply::finished, this, &ApiReply::handleNetworkFinished);
}

ApiReply::~ApiReply()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
    }
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
        qCWarning(lcNet) << "response from" << m_reply->url().toDisplayString(QUrl::RemoveQuery)
                         << "passed" << MaxBodyBytes << "bytes; reading stopped";
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
    case QNetworkReply::InsecureRedirectError:
        error.kind = m_reply->error() == QNetworkReply::SslHandshakeFailedError ? ApiError::Kind::Tls
                                                                               : ApiError::Kind::Network;
        break;
    case QNetworkReply::TimeoutError:
        error.kind = ApiError::Kind::Timeout;
        break;
    case QNetworkReply::OperationCanceledError:
        // An abort that we did not ask for comes from the transfer timeout.
        error.kind = m_cancelled ? ApiError::Kind::Cancelled : ApiError::Kind::Timeout;
        break;
    default:
        error.kind = ApiError::Kind::Network;
        break;
    }
    return error;
}

void ApiReply::handleNetworkFinished()
{
    if (m_finished || !m_reply)
        return;
    m_elapsedMilliseconds = m_timer.elapsed();
    m_body.append(m_reply->readAll());
    m_httpStatus = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
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
        ApiError error;
        error.kind = ApiError::Kind::Http;
        error.httpStatus = m_httpStatus;
        error.regionName = m_regionName;
        if (!CallbackParser::parseErrorBody(m_body, &error.serverMessage, &error.serverDetails))
            error.rawBody = m_body.left(ApiError::MaxRawBodyShown);
        qCWarning(lcNet) << "HTTP" << m_httpStatus << "from" << url;
        finishWithError(error);
        return;
    }

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
