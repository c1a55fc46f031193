#include "callbackstoresimulator.h"

#include "callbackresponsewriter.h"
#include "faultyresponse.h"
#include "simulatorquery.h"
#include "simulatorlogging.h"

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QMetaEnum>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

const QList<QPair<CallbackStoreSimulator::Quirk, QString>> &quirkTable()
{
    using Quirk = CallbackStoreSimulator::Quirk;
    static const QList<QPair<Quirk, QString>> table{
        {Quirk::OutOfOrder, u"out-of-order"_s},
        {Quirk::Duplicates, u"duplicates"_s},
        {Quirk::RepeatLastPage, u"repeat-last-page"_s},
        {Quirk::EpochTimes, u"epoch-times"_s},
        {Quirk::OffsetTimes, u"offset-times"_s},
        {Quirk::MissingTimes, u"missing-times"_s},
        {Quirk::MessyNumbers, u"messy-numbers"_s},
        {Quirk::PartialData, u"partial-data"_s},
        {Quirk::RateLimited, u"rate-limited"_s},
        {Quirk::ServerErrors, u"server-errors"_s},
        {Quirk::TruncatedBodies, u"truncated-bodies"_s},
    };
    return table;
}

QByteArray methodName(const QHttpServerRequest &request)
{
    const char *key = QMetaEnum::fromType<QHttpServerRequest::Method>().valueToKey(
        int(request.method()));
    return key ? QByteArray(key).toUpper() : QByteArray("UNKNOWN");
}

QByteArray headerValue(const QHttpServerRequest &request, const QByteArray &name)
{
    const auto headers = request.headers();
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

bool hasHeader(const QHttpServerRequest &request, const QByteArray &name)
{
    const auto headers = request.headers();
    return std::any_of(headers.cbegin(), headers.cend(), [&name](const auto &header) {
        return header.first.compare(name, Qt::CaseInsensitive) == 0;
    });
}

// The reason phrases that nginx writes in its error pages.
QByteArray proxyReasonPhrase(int httpStatus)
{
    switch (httpStatus) {
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Temporarily Unavailable";
    case 504:
        return "Gateway Time-out";
    default:
        return "Error";
    }
}

} // namespace

CallbackStoreSimulator::CallbackStoreSimulator(QObject *parent)
    : QObject(parent)
{
    suppressHttpServerDebugOutput();
    m_server = new QHttpServer(this);
    setUpRoutes();
}

CallbackStoreSimulator::~CallbackStoreSimulator()
{
    if (isListening())
        qCInfo(lcSimulator) << "Stopped the simulator on port" << m_port;
}

bool CallbackStoreSimulator::listen(quint16 port)
{
    if (isListening()) {
        qCWarning(lcSimulator) << "The simulator already listens on port" << m_port;
        return false;
    }

    const quint16 boundPort = m_server->listen(QHostAddress::LocalHost, port);
    if (boundPort == 0) {
        qCWarning(lcSimulator) << "Could not listen on 127.0.0.1 port" << port
                               << "because it is in use or not allowed";
        return false;
    }

    m_port = boundPort;
    qCInfo(lcSimulator).noquote() << "Listening on" << baseUrl(u"eu"_s).adjusted(QUrl::RemovePath).toString()
                                  << "for" << m_bots.size() << (m_bots.size() == 1 ? "bot" : "bots");
    return true;
}

void CallbackStoreSimulator::close()
{
    if (!isListening())
        return;

    // Deleting the server closes its listening socket and every open connection.
    delete m_server;
    m_server = new QHttpServer(this);
    setUpRoutes();
    qCInfo(lcSimulator) << "Stopped the simulator on port" << m_port;
    m_port = 0;
}

bool CallbackStoreSimulator::isListening() const
{
    const QList<QTcpServer *> servers = m_server->servers();
    return std::any_of(servers.cbegin(), servers.cend(),
                       [](const QTcpServer *server) { return server->isListening(); });
}

quint16 CallbackStoreSimulator::port() const
{
    return m_port;
}

QUrl CallbackStoreSimulator::baseUrl(const QString &region) const
{
    if (!regions().contains(region))
        return {};

    QUrl url;
    url.setScheme(u"http"_s);
    url.setHost(u"127.0.0.1"_s);
    url.setPort(m_port);
    url.setPath(u"/"_s + region);
    return url;
}

QStringList CallbackStoreSimulator::regions()
{
    return {u"us"_s, u"eu"_s};
}

bool CallbackStoreSimulator::addBot(const QString &botId, const QString &region,
                                    const QString &token, const SimulatedDataSet &data)
{
    if (botId.isEmpty() || botId.contains(u'/') || token.isEmpty() || !regions().contains(region)) {
        qCWarning(lcSimulator) << "Rejected bot" << botId << "in region" << region
                               << ": the bot id must be non-empty without '/', the token non-empty"
                               << "and the region one of" << regions();
        return false;
    }

    m_bots.insert(botId, Bot{region, token, std::make_shared<const SimulatedDataSet>(data)});
    qCInfo(lcSimulator) << "Serving bot" << botId << "in region" << region << "with"
                        << data.notifications().size() << "inbound messages and"
                        << data.statusMessageIds().size() << "status histories";
    return true;
}

void CallbackStoreSimulator::removeBot(const QString &botId)
{
    m_bots.remove(botId);
}

void CallbackStoreSimulator::setLatency(std::chrono::milliseconds latency)
{
    m_latency = qMax(latency, 0ms);
}

std::chrono::milliseconds CallbackStoreSimulator::latency() const
{
    return m_latency;
}

void CallbackStoreSimulator::setQuirks(Quirks quirks)
{
    m_quirks = quirks;
    m_requestsSinceQuirksSet = 0;
    qCDebug(lcSimulator).noquote() << "Quirks:" << quirksToString(quirks);
}

CallbackStoreSimulator::Quirks CallbackStoreSimulator::quirks() const
{
    return m_quirks;
}

void CallbackStoreSimulator::setCurrentTime(const QDateTime &time)
{
    m_currentTime = time;
}

void CallbackStoreSimulator::setFault(const SimulatorFault &fault, int count)
{
    m_fault = fault;
    m_faultsLeft = count;
    m_faultedRequestCount = 0;
    qCDebug(lcSimulator).noquote() << "Fault:" << fault.toString()
                                   << (count < 0 ? u"on every request"_s : u"on %1 requests"_s.arg(count));
}

SimulatorFault CallbackStoreSimulator::fault() const
{
    return m_fault;
}

int CallbackStoreSimulator::faultedRequestCount() const
{
    return m_faultedRequestCount;
}

std::optional<SimulatorFault> CallbackStoreSimulator::takeFault(const QHttpServerRequest &request)
{
    if (m_fault.isNone() || m_faultsLeft == 0)
        return std::nullopt;
    if (m_fault.kind() == SimulatorFault::Kind::RedirectTo && m_fault.target().port() == int(m_port)
        && m_fault.target().path() == request.url().path())
        return std::nullopt;

    if (m_faultsLeft > 0)
        --m_faultsLeft;
    ++m_faultedRequestCount;
    return m_fault;
}

int CallbackStoreSimulator::requestCount() const
{
    return m_requestCount;
}

CallbackStoreSimulator::RecordedRequest CallbackStoreSimulator::lastRequest() const
{
    return m_lastRequest;
}

CallbackStoreSimulator::Quirks CallbackStoreSimulator::parseQuirks(const QString &list,
                                                                  QStringList *unknownNames)
{
    Quirks quirks;
    const QStringList names = list.split(u',', Qt::SkipEmptyParts);
    for (const QString &name : names) {
        const QString normalized = name.trimmed().toLower().replace(u'_', u'-');
        if (normalized.isEmpty())
            continue;

        const auto &table = quirkTable();
        const auto found = std::find_if(table.cbegin(), table.cend(), [&normalized](const auto &entry) {
            return entry.second == normalized;
        });
        if (found != table.cend())
            quirks |= found->first;
        else if (unknownNames)
            unknownNames->append(name.trimmed());
    }
    return quirks;
}

QString CallbackStoreSimulator::quirkName(Quirk quirk)
{
    for (const auto &[value, name] : quirkTable()) {
        if (value == quirk)
            return name;
    }
    return {};
}

QStringList CallbackStoreSimulator::quirkNames()
{
    QStringList names;
    for (const auto &entry : quirkTable())
        names.append(entry.second);
    return names;
}

QString CallbackStoreSimulator::quirksToString(Quirks quirks)
{
    QStringList names;
    for (const auto &[value, name] : quirkTable()) {
        if (quirks.testFlag(value))
            names.append(name);
    }
    return names.isEmpty() ? u"none"_s : names.join(u',');
}

void CallbackStoreSimulator::setUpRoutes()
{
    m_server->route(u"/<arg>/whatsapp/v1/<arg>/callbacks/notifications"_s,
                    [this](const QString &region, const QString &botId,
                           const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                        handleEndpoint(region, botId, QString(), request, std::move(responder));
                    });
    m_server->route(u"/<arg>/whatsapp/v1/<arg>/callbacks/status/<arg>"_s,
                    [this](const QString &region, const QString &botId, const QString &messageId,
                           const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                        handleEndpoint(region, botId, messageId, request, std::move(responder));
                    });
    m_server->setMissingHandler(
        [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
            handleUnknownPath(request, std::move(responder));
        });
}

void CallbackStoreSimulator::handleEndpoint(const QString &region, const QString &botId,
                                            const QString &messageId,
                                            const QHttpServerRequest &request,
                                            QHttpServerResponder &&responder)
{
    recordRequest(request);
    const QByteArray method = methodName(request);
    const QString path = request.url().path();

    const std::optional<SimulatorFault> fault = takeFault(request);
    if (fault && !fault->breaksConnection()) {
        send(std::move(responder), method, path, faultResponse(*fault, request));
        return;
    }

    const Response response = endpointResponse(region, botId, messageId, request);
    if (fault) {
        qCDebug(lcSimulator).noquote() << method << path << "-> fault" << fault->toString();
        auto *faulty = new FaultyResponse(*fault, std::move(responder), response.body, this);
        faulty->start();
        return;
    }
    send(std::move(responder), method, path, response);
}

CallbackStoreSimulator::Response CallbackStoreSimulator::endpointResponse(const QString &region,
                                                                         const QString &botId,
                                                                         const QString &messageId,
                                                                         const QHttpServerRequest &request)
{
    if (std::optional<Response> rejected = rejection(region, botId, request))
        return *rejected;
    if (std::optional<Response> failure = scheduledFailure())
        return *failure;

    const Bot bot = m_bots.value(botId);
    Response response = messageId.isEmpty() ? notificationsResponse(bot, request)
                                            : statusResponse(bot, messageId);
    if (m_quirks.testFlag(Quirk::TruncatedBodies) && response.statusCode == 200)
        response.body.truncate(response.body.size() / 2);
    return response;
}

void CallbackStoreSimulator::handleUnknownPath(const QHttpServerRequest &request,
                                               QHttpServerResponder &&responder)
{
    recordRequest(request);
    const QString path = request.url().path();
    send(std::move(responder), methodName(request), path,
         errorResponse(404, u"Not Found"_s,
                       u"No endpoint at %1. The endpoints are "
                       u"/{us|eu}/whatsapp/v1/{bot-id}/callbacks/notifications and "
                       u"/{us|eu}/whatsapp/v1/{bot-id}/callbacks/status/{message-id}"_s.arg(path)));
}

void CallbackStoreSimulator::recordRequest(const QHttpServerRequest &request)
{
    ++m_requestCount;

    m_lastRequest.method = methodName(request);
    m_lastRequest.path = request.url().path();
    m_lastRequest.query = request.query();
    m_lastRequest.body = request.body();
    m_lastRequest.headers.clear();
    const auto headers = request.headers();
    for (const auto &header : headers) {
        if (header.first.compare("authorization", Qt::CaseInsensitive) != 0)
            m_lastRequest.headers.append(header);
    }
}

// Returns the error response for a request that must not reach the data: a wrong
// method, an unknown region, or a missing or rejected bearer token.
std::optional<CallbackStoreSimulator::Response>
CallbackStoreSimulator::rejection(const QString &region, const QString &botId,
                                  const QHttpServerRequest &request)
{
    if (request.method() != QHttpServerRequest::Method::Get) {
        Response response = errorResponse(405, u"Method Not Allowed"_s,
                                          u"The Callback Store endpoints accept only GET"_s);
        response.extraHeaders.append({QByteArray("Allow"), QByteArray("GET")});
        return response;
    }

    if (!regions().contains(region)) {
        return errorResponse(404, u"Not Found"_s,
                             u"Unknown region '%1'. The regions are %2"_s.arg(
                                 region, regions().join(u" and "_s)));
    }

    if (!hasHeader(request, "authorization")) {
        return errorResponse(401, u"Unauthorized"_s,
                             u"The Authorization header is missing. Send 'Authorization: Bearer <token>'"_s);
    }

    const QByteArray authorization = headerValue(request, "authorization").trimmed();
    const qsizetype space = authorization.indexOf(' ');
    if (space < 0 || authorization.left(space).compare("bearer", Qt::CaseInsensitive) != 0) {
        return errorResponse(401, u"Unauthorized"_s,
                             u"The Authorization header does not use the Bearer scheme"_s);
    }

    const QString token = QString::fromUtf8(authorization.mid(space + 1).trimmed());
    const auto bot = m_bots.constFind(botId);
    QString reason;
    if (bot == m_bots.constEnd())
        reason = u"no bot '%1' exists"_s.arg(botId);
    else if (bot->region != region)
        reason = u"bot '%1' lives in region %2, not %3"_s.arg(botId, bot->region, region);
    else if (bot->token != token)
        reason = u"the token does not match bot '%1'"_s.arg(botId);

    if (!reason.isEmpty()) {
        // The response, like the real service's, does not say which check failed.
        qCDebug(lcSimulator).noquote() << "Rejected a request:" << reason;
        return errorResponse(401, u"Unauthorized"_s,
                             u"The bearer token is not valid for this bot in this region"_s);
    }
    return std::nullopt;
}

// Returns the error that the RateLimited and ServerErrors quirks put in place of
// every third or fourth response, counted from the last setQuirks().
std::optional<CallbackStoreSimulator::Response> CallbackStoreSimulator::scheduledFailure()
{
    if (!m_quirks.testAnyFlags(Quirk::RateLimited | Quirk::ServerErrors))
        return std::nullopt;

    const int number = ++m_requestsSinceQuirksSet;
    if (m_quirks.testFlag(Quirk::RateLimited) && number % 3 == 0) {
        Response response = errorResponse(429, u"Too Many Requests"_s,
                                          u"The request rate limit was exceeded. Retry after 1 second"_s);
        response.extraHeaders.append({QByteArray("Retry-After"), QByteArray("1")});
        return response;
    }

    if (m_quirks.testFlag(Quirk::ServerErrors) && number % 4 == 0) {
        if (number % 8 == 0) {
            // A proxy in front of the service responds with HTML.
            Response response;
            response.statusCode = 502;
            response.contentType = "text/html; charset=utf-8";
            response.body = "<html><head><title>502 Bad Gateway</title></head>"
                            "<body><h1>502 Bad Gateway</h1></body></html>";
            return response;
        }
        return errorResponse(503, u"Service Unavailable"_s,
                             u"The Callback Store is temporarily unavailable. Retry later"_s);
    }
    return std::nullopt;
}

CallbackStoreSimulator::Response CallbackStoreSimulator::faultResponse(const SimulatorFault &fault,
                                                                      const QHttpServerRequest &request) const
{
    using Kind = SimulatorFault::Kind;
    Response response;
    switch (fault.kind()) {
    case Kind::RateLimit:
        response = errorResponse(429, u"Too Many Requests"_s, u"The request rate limit was exceeded"_s);
        if (fault.retryAfterSeconds())
            response.extraHeaders.append({QByteArray("Retry-After"), QByteArray::number(*fault.retryAfterSeconds())});
        break;
    case Kind::Status:
        response = errorResponse(fault.httpStatus(), u"Simulated failure"_s,
                                 u"The simulator was told to answer HTTP %1"_s.arg(fault.httpStatus()));
        break;
    case Kind::HtmlErrorPage: {
        // What nginx in front of a service sends when the service is down.
        const QByteArray title = QByteArray::number(fault.httpStatus()) + ' ' + proxyReasonPhrase(fault.httpStatus());
        response.statusCode = fault.httpStatus();
        response.contentType = "text/html";
        response.body = "<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n<center><h1>" + title
                        + "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
        break;
    }
    case Kind::EmptyOk:
        break;
    case Kind::NotJson:
        response.contentType = "text/plain; charset=utf-8";
        response.body = "The Callback Store is down for maintenance until 02:00 UTC.\n";
        break;
    case Kind::InvalidUtf8:
        // Valid JSON apart from the text body, whose bytes C3 28 and FF are not UTF-8.
        response.body = "{\"results\":[{\"type\":\"whatsapp\",\"notifications\":[{\"from\":\"46700000001\","
                        "\"to\":\"simulated-bot\",\"message_id\":\"invalid-utf8\","
                        "\"timestamp\":\"2026-11-30T08:00:00Z\",\"message\":{\"type\":\"text\","
                        "\"body\":\"caf\xc3\x28 \xff\xfe\"}}]}]}";
        break;
    case Kind::DeepNesting:
        response.body = "{\"results\":" + QByteArray(fault.depth(), '[') + QByteArray(fault.depth(), ']') + "}";
        break;
    case Kind::RedirectTo: {
        QUrl location = fault.target();
        if (!location.hasQuery() && !request.query().isEmpty())
            location.setQuery(request.query());
        response.statusCode = fault.httpStatus();
        response.contentType = "text/plain; charset=utf-8";
        response.extraHeaders.append({QByteArray("Location"), location.toEncoded()});
        break;
    }
    case Kind::None:
    case Kind::ResetMidBody:
    case Kind::NeverAnswer:
    case Kind::DripBody:
    case Kind::HugeBody:
        qCWarning(lcSimulator).noquote() << "Fault" << fault.toString() << "is not an ordinary response";
        response = errorResponse(500, u"Internal Server Error"_s, u"Unexpected fault"_s);
        break;
    }
    return response;
}

CallbackStoreSimulator::Response
CallbackStoreSimulator::notificationsResponse(const Bot &bot, const QHttpServerRequest &request) const
{
    const QDateTime now = m_currentTime.isValid() ? m_currentTime : QDateTime::currentDateTimeUtc();

    QString error;
    const std::optional<SimulatorQuery> query = SimulatorQuery::fromRequest(
        request.query(), request.body(), headerValue(request, "content-type"), now, &error);
    if (!query)
        return errorResponse(400, u"Bad Request"_s, error);

    Response response;
    response.body = CallbackResponseWriter(m_quirks).notificationsPage(*bot.data, *query);
    return response;
}

CallbackStoreSimulator::Response CallbackStoreSimulator::statusResponse(const Bot &bot,
                                                                       const QString &messageId) const
{
    Response response;
    response.body = CallbackResponseWriter(m_quirks).statusHistory(*bot.data, messageId);
    return response;
}

void CallbackStoreSimulator::send(QHttpServerResponder &&responder, const QByteArray &method,
                                  const QString &path, Response response)
{
    if (m_latency <= 0ms) {
        write(responder, method, path, response);
        return;
    }

    // The responder moves into a shared holder because the timer's functor must be copyable.
    auto pending = std::make_shared<QHttpServerResponder>(std::move(responder));
    const QPointer<QTcpSocket> socket = pending->socket();
    QTimer::singleShot(m_latency, this, [this, pending, socket, method, path, response] {
        if (!socket || socket->state() != QAbstractSocket::ConnectedState) {
            qCDebug(lcSimulator).noquote() << method << path
                                           << "was dropped because the client disconnected";
            return;
        }
        write(*pending, method, path, response);
    });
}

void CallbackStoreSimulator::write(QHttpServerResponder &responder, const QByteArray &method,
                                   const QString &path, const Response &response)
{
    responder.writeStatusLine(QHttpServerResponder::StatusCode(response.statusCode));
    responder.writeHeader("Content-Type", response.contentType);
    responder.writeHeader("Content-Length", QByteArray::number(response.body.size()));
    for (const auto &[name, value] : response.extraHeaders)
        responder.writeHeader(name, value);
    responder.writeBody(response.body);

    qCDebug(lcSimulator).noquote() << method << path << "->" << response.statusCode;
    Q_EMIT requestServed(method, path, response.statusCode);
}

CallbackStoreSimulator::Response CallbackStoreSimulator::errorResponse(int statusCode,
                                                                      const QString &message,
                                                                      const QString &details)
{
    Response response;
    response.statusCode = statusCode;
    response.body = CallbackResponseWriter::errorBody(message, details);
    return response;
}
