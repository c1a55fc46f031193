#pragma once

#include "simulateddataset.h"
#include "simulatorfault.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPair>
#include <QString>
#include <QStringList>
#include <QUrl>
#include <QUrlQuery>

#include <chrono>
#include <memory>

class QHttpServer;
class QHttpServerRequest;
class QHttpServerResponder;

// A Callback Store on a local HTTP server, for the demo, the tests and benchmarks.
// It serves the status and notifications endpoints of the WhatsApp Business API
// under /us and /eu path prefixes on 127.0.0.1, checks bearer tokens per bot and
// region, and can be set to misbehave the way real traffic does.
class CallbackStoreSimulator : public QObject
{
    Q_OBJECT

public:
    enum class Quirk {
        OutOfOrder = 0x001,      // status histories shuffled
        Duplicates = 0x002,      // status updates repeated
        RepeatLastPage = 0x004,  // pages past the end repeat the final page
        EpochTimes = 0x008,      // timestamps as epoch seconds or milliseconds
        OffsetTimes = 0x010,     // timestamps with UTC offsets, some without fraction
        MissingTimes = 0x020,    // some timestamps left out
        MessyNumbers = 0x040,    // MSISDNs with spaces, dashes, 00 or whatsapp:
        PartialData = 0x080,     // nulls, numbers as strings, missing and unknown content
        RateLimited = 0x100,     // every third response is a 429
        ServerErrors = 0x200,    // every fourth response is a 503 or a proxy's 502
        TruncatedBodies = 0x400, // successful bodies cut in half
    };
    Q_DECLARE_FLAGS(Quirks, Quirk)

    // One request as it arrived, for test assertions.
    struct RecordedRequest
    {
        QByteArray method;
        QString path;
        QUrlQuery query;
        QByteArray body;
        QList<QPair<QByteArray, QByteArray>> headers; // every header except Authorization
    };

    explicit CallbackStoreSimulator(QObject *parent = nullptr);
    ~CallbackStoreSimulator() override;

    // Listens on 127.0.0.1 only. Port 0 picks a free port, which port() returns.
    bool listen(quint16 port = 0);
    void close();
    bool isListening() const;
    quint16 port() const;

    // Returns http://127.0.0.1:PORT/us or .../eu, or an empty URL for another region.
    QUrl baseUrl(const QString &region) const;
    static QStringList regions();

    // Serves data for botId in one region ("us" or "eu") to requests that carry
    // "Authorization: Bearer <token>". Adding a known bot id again replaces it.
    bool addBot(const QString &botId, const QString &region, const QString &token,
                const SimulatedDataSet &data);
    void removeBot(const QString &botId);

    // Delays every response without blocking the event loop.
    void setLatency(std::chrono::milliseconds latency);
    std::chrono::milliseconds latency() const;

    void setQuirks(Quirks quirks);
    Quirks quirks() const;

    // Makes the next count requests to the two endpoints fail in the given way,
    // or every request while count is negative; SimulatorFault::none() ends it.
    // Faults come before the token check, as from a proxy in front of the service.
    // A redirect-to fault is not applied to requests for its target's path, so a
    // redirect to this simulator itself is followed once and then served.
    void setFault(const SimulatorFault &fault, int count = -1);
    SimulatorFault fault() const;
    // Requests that the fault was applied to since the last setFault().
    int faultedRequestCount() const;

    // Pins the time that end_time defaults to. An invalid time means the system clock.
    void setCurrentTime(const QDateTime &time);

    int requestCount() const;
    RecordedRequest lastRequest() const;

    // Parses a comma-separated list such as "out-of-order,repeat-last-page".
    // Names that match no quirk are left out of the result and added to
    // *unknownNames.
    static Quirks parseQuirks(const QString &list, QStringList *unknownNames = nullptr);
    static QString quirkName(Quirk quirk);
    static QStringList quirkNames();
    static QString quirksToString(Quirks quirks);

Q_SIGNALS:
    void requestServed(const QByteArray &method, const QString &path, int statusCode);

private:
    struct Bot
    {
        QString region;
        QString token;
        std::shared_ptr<const SimulatedDataSet> data;
    };

    struct Response
    {
        int statusCode = 200;
        QByteArray body;
        QByteArray contentType = "application/json";
        QList<QPair<QByteArray, QByteArray>> extraHeaders;
    };

    void setUpRoutes();
    void handleEndpoint(const QString &region, const QString &botId, const QString &messageId,
                        const QHttpServerRequest &request, QHttpServerResponder &&responder);
    void handleUnknownPath(const QHttpServerRequest &request, QHttpServerResponder &&responder);

    void recordRequest(const QHttpServerRequest &request);
    std::optional<SimulatorFault> takeFault(const QHttpServerRequest &request);
    Response faultResponse(const SimulatorFault &fault, const QHttpServerRequest &request) const;
    Response endpointResponse(const QString &region, const QString &botId, const QString &messageId,
                              const QHttpServerRequest &request);
    std::optional<Response> rejection(const QString &region, const QString &botId,
                                      const QHttpServerRequest &request);
    std::optional<Response> scheduledFailure();
    Response notificationsResponse(const Bot &bot, const QHttpServerRequest &request) const;
    Response statusResponse(const Bot &bot, const QString &messageId) const;
    void send(QHttpServerResponder &&responder, const QByteArray &method, const QString &path,
              Response response);
    void write(QHttpServerResponder &responder, const QByteArray &method, const QString &path,
               const Response &response);

    static Response errorResponse(int statusCode, const QString &message, const QString &details);

    QHttpServer *m_server = nullptr;
    quint16 m_port = 0;
    QHash<QString, Bot> m_bots;
    std::chrono::milliseconds m_latency{0};
    Quirks m_quirks;
    int m_requestsSinceQuirksSet = 0;
    SimulatorFault m_fault;
    int m_faultsLeft = 0;
    int m_faultedRequestCount = 0;
    QDateTime m_currentTime;
    int m_requestCount = 0;
    RecordedRequest m_lastRequest;
};

Q_DECLARE_OPERATORS_FOR_FLAGS(CallbackStoreSimulator::Quirks)
