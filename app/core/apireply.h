#pragma once

#include "apierror.h"

#include <QByteArray>
#include <QByteArrayList>
#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <chrono>
#include <functional>
#include <optional>

class QNetworkReply;

// One request to the Callback Store, from sending to its single result.
//
// A reply ends exactly once: finished() is emitted with either the values (read
// them from the subclass) or error(). Transport errors are checked first, then the
// HTTP status, then the body is parsed on a worker thread so that a large page
// does not stall the window. Answers 429, 502, 503 and 504 are retried a bounded
// number of times with growing delays, honouring Retry-After. A body larger than
// the size limit is not read to the end, and each attempt has a total time limit
// besides Qt's transfer timeout. The owner deletes the reply after finished();
// deleting it earlier aborts the request.
class ApiReply : public QObject
{
    Q_OBJECT

public:
    struct RetryPolicy
    {
        int maxRetries = 3;
        // The first delay; each further retry waits twice as long.
        std::chrono::milliseconds firstDelay{1000};
        // The longest wait, also for Retry-After. A longer Retry-After ends the reply with the error.
        std::chrono::milliseconds maxDelay{30000};
    };

    // Bodies larger than this are not read to the end, unless the client sets another limit.
    static constexpr qint64 MaxBodyBytes = 64 * 1024 * 1024;

    // The limits that ApiClient gives each reply.
    struct Settings
    {
        RetryPolicy retryPolicy;
        qint64 maxBodyBytes = MaxBodyBytes;
        // The maximum time one attempt may take from sending to the last byte of the body.
        // QNetworkRequest::setTransferTimeout() alone does not end a body that keeps
        // arriving a byte at a time, because each byte restarts Qt's timer.
        std::chrono::milliseconds totalTimeout{120000};
    };

    // Sends the request and returns the network reply; called again for each retry.
    using Sender = std::function<QNetworkReply *()>;

    ~ApiReply() override;

    bool isFinished() const { return m_finished; }
    bool hasError() const { return m_error.has_value(); }
    const std::optional<ApiError> &error() const { return m_error; }
    int httpStatus() const { return m_httpStatus; }
    qint64 elapsedMilliseconds() const { return m_elapsedMilliseconds; }
    qint64 bytesReceived() const { return m_bodySize; }
    int retryCount() const { return m_retryCount; }

    // Whether a response with this HTTP status is retried: 429, 502, 503 and 504.
    static bool isRetryableStatus(int httpStatus);

    // Aborts the request, or the wait for a retry; finished() follows with a
    // Cancelled error unless the reply had already finished.
    void cancel();

Q_SIGNALS:
    void finished();
    // Emitted when the response status is 429, 502, 503 or 504. The request is sent again after delay.
    void retryScheduled(int retry, int maxRetries, std::chrono::milliseconds delay, const QString &reason);

protected:
    // Parses the body into the subclass's result. Runs on a worker thread, so it
    // must touch nothing but the body and storage that only it writes until it ends.
    using ParseJob = std::function<std::optional<ParseError>(const QByteArray &body)>;

    ApiReply(Sender sender, Settings settings, QString regionName, QObject *parent);
    void setParseJob(ParseJob job) { m_parseJob = std::move(job); }

    // Called on the reply's thread when the body was parsed without error.
    virtual void parsed() {}

private:
    friend class ApiClient;

    // Ends the reply with the error on the next event loop pass; used when nothing was sent.
    void failWithoutSending(const ApiError &error);
    // Aborts and frees the network reply while its QNetworkAccessManager still exists,
    // and ends this reply as cancelled without emitting finished(), because the
    // client that the receivers use is being destroyed.
    void detachFromNetwork();
    void send();
    void handleMetaDataChanged();
    void handleReadyRead();
    void appendBody();
    void handleTotalTimeout();
    void handleNetworkFinished();
    // Ends the reply when the network reply failed below HTTP; false when its HTTP status decides.
    bool finishIfTransportFailed(const QString &url);
    bool finishIfRedirected(const QString &url);
    bool finishIfIncomplete(const QString &url);
    void stopReadingTooLarge(const QString &reason);
    bool scheduleRetry();
    void parseBody();
    void finishWithError(const ApiError &error);
    void finishWithSuccess();
    ApiError networkError() const;
    ApiError httpError() const;
    QByteArray body() const;

    Sender m_sender;
    Settings m_settings;
    QPointer<QNetworkReply> m_reply;
    QTimer m_retryTimer;
    QTimer m_totalTimer;
    QString m_regionName;
    // The body in the chunks that were read. The parse job joins them on its pool
    // thread, so that the window's thread does not copy the body into one array.
    QByteArrayList m_bodyChunks;
    qint64 m_bodySize = 0;
    QByteArray m_retryAfter;
    QByteArray m_contentType;
    ParseJob m_parseJob;
    std::optional<ApiError> m_error;
    QElapsedTimer m_timer;
    qint64 m_elapsedMilliseconds = 0;
    int m_httpStatus = 0;
    int m_retryCount = 0;
    bool m_finished = false;
    bool m_cancelled = false;
    bool m_tooLarge = false;
    bool m_totalTimeoutPassed = false;
};
