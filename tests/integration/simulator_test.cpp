// Tests of the simulated Callback Store through plain HTTP, with a
// QNetworkAccessManager and without the core client, so that the simulator is
// checked against the API contract and not against the client's reading of it.

#include "callbackstoresimulator.h"
#include "simulateddataset.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <memory>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using Quirk = CallbackStoreSimulator::Quirk;
using Quirks = CallbackStoreSimulator::Quirks;

namespace {

const QString botId = u"test-bot"_s;
const QString token = u"test-token"_s;
const QDateTime referenceTime(QDate(2026, 11, 30), QTime(18, 0), Qt::UTC);
const QString knownSender = u"46700000101"_s;

struct HttpResult
{
    bool finished = false;
    int status = 0;
    QByteArray body;
    QList<QNetworkReply::RawHeaderPair> headers;

    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }

    QByteArray header(const QByteArray &name) const
    {
        for (const auto &[key, value] : headers) {
            if (key.compare(name, Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }
};

QList<QJsonObject> notificationsOf(const QJsonObject &page)
{
    QList<QJsonObject> notifications;
    const QJsonArray results = page.value(u"results"_s).toArray();
    for (const QJsonValue &callback : results) {
        const QJsonArray inner = callback.toObject().value(u"notifications"_s).toArray();
        for (const QJsonValue &notification : inner)
            notifications.append(notification.toObject());
    }
    return notifications;
}

QList<QJsonObject> statusesOf(const QJsonObject &history)
{
    QList<QJsonObject> statuses;
    const QJsonArray results = history.value(u"results"_s).toArray();
    for (const QJsonValue &callback : results) {
        const QJsonArray inner = callback.toObject().value(u"statuses"_s).toArray();
        for (const QJsonValue &status : inner)
            statuses.append(status.toObject());
    }
    return statuses;
}

QDateTime parseTimestamp(const QJsonValue &value)
{
    return QDateTime::fromString(value.toString(), Qt::ISODateWithMs).toUTC();
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

bool isRightToLeft(const QString &text)
{
    return std::any_of(text.cbegin(), text.cend(), [](QChar c) {
        return (c.unicode() >= 0x0590 && c.unicode() <= 0x05FF)
            || (c.unicode() >= 0x0600 && c.unicode() <= 0x06FF);
    });
}

} // namespace

class SimulatorTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();

    void listensOnLoopbackOnly();
    void closeStopsListening();
    void unauthorized_data();
    void unauthorized();
    void badRequest_data();
    void badRequest();
    void unknownPath_data();
    void unknownPath();
    void methodNotAllowed();

    void timeFilter_data();
    void timeFilter();
    void senderFilter_data();
    void senderFilter();
    void paging_data();
    void paging();
    void jsonBodyMatchesQueryString();
    void lastRequestRecorded();

    void statusHistories();
    void unknownMessageHasEmptyHistory();

    void parseQuirks_data();
    void parseQuirks();
    void quirkChangesOutput_data();
    void quirkChangesOutput();
    void repeatLastPage();
    void outOfOrderAndDuplicates();
    void epochTimes();
    void offsetTimes();
    void missingTimes();
    void messyNumbersStillFilter();
    void partialData();
    void rateLimited();
    void serverErrors();
    void truncatedBodies();

    void fixtureServedVerbatim();
    void fixtureFilesRejected();
    void latencyDoesNotBlock();
    void latencySurvivesAbort();

    void dataSetIsDeterministic();
    void dataSetCoversContract();

private:
    QUrl endpointUrl(const QString &path, const QString &region = u"eu"_s,
                     const QString &bot = botId) const;
    HttpResult get(const QUrl &url, const QByteArray &authorization = "Bearer " + token.toUtf8());
    HttpResult getNotifications(const QString &query);
    HttpResult getWithBody(const QString &query, const QByteArray &body,
                           const QByteArray &contentType);
    HttpResult getStatus(const QString &messageId);
    HttpResult wait(QNetworkReply *reply);
    QString historyWithAtLeast(int callbackCount) const;
    int expectedCount(const QDateTime &start, const QDateTime &end, const QString &digits = {}) const;

    QNetworkAccessManager m_network;
    std::unique_ptr<CallbackStoreSimulator> m_simulator;
    SimulatedDataSet m_data;
};

void SimulatorTest::initTestCase()
{
    QLoggingCategory::setFilterRules(u"inspector.sim.debug=false\ninspector.sim.info=false"_s);
    m_network.setProxy(QNetworkProxy::NoProxy);

    SimulatedDataSet::Options options;
    options.seed = 7;
    options.referenceTime = referenceTime;
    options.botId = botId;
    m_data = SimulatedDataSet::generate(options);

    m_simulator = std::make_unique<CallbackStoreSimulator>();
    QVERIFY(m_simulator->addBot(botId, u"eu"_s, token, m_data));
    QVERIFY(m_simulator->listen());
    m_simulator->setCurrentTime(referenceTime);
}

void SimulatorTest::init()
{
    m_simulator->setLatency(0ms);
    m_simulator->setQuirks({});
}

QUrl SimulatorTest::endpointUrl(const QString &path, const QString &region, const QString &bot) const
{
    QUrl url = m_simulator->baseUrl(u"eu"_s);
    url.setPath(u"/%1/whatsapp/v1/%2/callbacks/%3"_s.arg(region, bot, path));
    return url;
}

HttpResult SimulatorTest::get(const QUrl &url, const QByteArray &authorization)
{
    QNetworkRequest request(url);
    if (!authorization.isNull())
        request.setRawHeader("Authorization", authorization);
    return wait(m_network.get(request));
}

HttpResult SimulatorTest::getNotifications(const QString &query)
{
    QUrl url = endpointUrl(u"notifications"_s);
    url.setQuery(query);
    return get(url);
}

HttpResult SimulatorTest::getWithBody(const QString &query, const QByteArray &body,
                                      const QByteArray &contentType)
{
    QUrl url = endpointUrl(u"notifications"_s);
    url.setQuery(query);
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
    if (!contentType.isEmpty())
        request.setRawHeader("Content-Type", contentType);
    return wait(m_network.sendCustomRequest(request, "GET", body));
}

HttpResult SimulatorTest::getStatus(const QString &messageId)
{
    return get(endpointUrl(u"status/"_s + messageId));
}

HttpResult SimulatorTest::wait(QNetworkReply *reply)
{
    HttpResult result;
    if (!reply->isFinished()) {
        QSignalSpy finished(reply, &QNetworkReply::finished);
        finished.wait(10000);
    }
    result.finished = reply->isFinished();
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    result.headers = reply->rawHeaderPairs();
    reply->deleteLater();
    return result;
}

QString SimulatorTest::historyWithAtLeast(int callbackCount) const
{
    const QStringList ids = m_data.statusMessageIds();
    for (const QString &id : ids) {
        if (m_data.statusHistory(id)->callbacks.size() >= callbackCount)
            return id;
    }
    return {};
}

int SimulatorTest::expectedCount(const QDateTime &start, const QDateTime &end,
                                 const QString &digits) const
{
    const QList<SimulatedDataSet::InboundNotification> &all = m_data.notifications();
    return int(std::count_if(all.cbegin(), all.cend(), [&](const auto &notification) {
        return notification.timestamp >= start && notification.timestamp <= end
            && (digits.isEmpty() || notification.senderDigits == digits);
    }));
}

void SimulatorTest::listensOnLoopbackOnly()
{
    QVERIFY(m_simulator->isListening());
    QVERIFY(m_simulator->port() != 0);
    QCOMPARE(m_simulator->baseUrl(u"us"_s).host(), u"127.0.0.1"_s);
    QCOMPARE(m_simulator->baseUrl(u"eu"_s).toString(),
             u"http://127.0.0.1:%1/eu"_s.arg(m_simulator->port()));
    QVERIFY(m_simulator->baseUrl(u"ap"_s).isEmpty());

    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"already listens"_s));
    QVERIFY(!m_simulator->listen());
}

void SimulatorTest::closeStopsListening()
{
    CallbackStoreSimulator simulator;
    QVERIFY(simulator.addBot(botId, u"us"_s, token, m_data));
    QVERIFY(simulator.listen());
    const QUrl url = simulator.baseUrl(u"us"_s);

    simulator.close();
    QVERIFY(!simulator.isListening());
    QNetworkRequest request(QUrl(url.toString() + u"/whatsapp/v1/test-bot/callbacks/notifications"_s));
    QNetworkReply *reply = m_network.get(request);
    const HttpResult result = wait(reply);
    QVERIFY(result.finished);
    QCOMPARE(result.status, 0);
}

void SimulatorTest::unauthorized_data()
{
    QTest::addColumn<QString>("region");
    QTest::addColumn<QString>("bot");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("authorization");

    const QByteArray good = "Bearer " + token.toUtf8();
    QTest::newRow("wrong token") << u"eu"_s << botId << u"notifications"_s << QByteArray("Bearer wrong");
    QTest::newRow("other region") << u"us"_s << botId << u"notifications"_s << good;
    QTest::newRow("missing header") << u"eu"_s << botId << u"notifications"_s << QByteArray();
    QTest::newRow("basic scheme") << u"eu"_s << botId << u"notifications"_s << QByteArray("Basic dGVzdA==");
    QTest::newRow("empty bearer") << u"eu"_s << botId << u"notifications"_s << QByteArray("Bearer ");
    QTest::newRow("unknown bot") << u"eu"_s << u"no-such-bot"_s << u"notifications"_s << good;
    QTest::newRow("status, wrong token") << u"eu"_s << botId << u"status/x"_s << QByteArray("Bearer wrong");
    QTest::newRow("status, other region") << u"us"_s << botId << u"status/x"_s << good;
}

void SimulatorTest::unauthorized()
{
    QFETCH(QString, region);
    QFETCH(QString, bot);
    QFETCH(QString, path);
    QFETCH(QByteArray, authorization);

    const HttpResult result = get(endpointUrl(path, region, bot), authorization);
    QVERIFY(result.finished);
    QCOMPARE(result.status, 401);
    QCOMPARE(result.json().value(u"message"_s).toString(), u"Unauthorized"_s);
    QVERIFY(!result.json().value(u"details"_s).toString().isEmpty());
    QVERIFY(!result.body.contains(token.toUtf8()));
}

void SimulatorTest::badRequest_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QString>("detailsPrefix");

    const QByteArray json = "application/json";
    QTest::newRow("month 13") << u"start_time=2026-13-01"_s << QByteArray() << QByteArray() << u"start_time:"_s;
    QTest::newRow("end in words") << u"end_time=yesterday"_s << QByteArray() << QByteArray() << u"end_time:"_s;
    QTest::newRow("hour 25") << u"end_time=2026-11-30T25:00:00Z"_s << QByteArray() << QByteArray() << u"end_time:"_s;
    QTest::newRow("start after end") << u"start_time=2026-11-30&end_time=2026-11-01"_s << QByteArray()
                                     << QByteArray() << u"start_time:"_s;
    QTest::newRow("page 0") << u"page=0"_s << QByteArray() << QByteArray() << u"page:"_s;
    QTest::newRow("page -1") << u"page=-1"_s << QByteArray() << QByteArray() << u"page:"_s;
    QTest::newRow("page abc") << u"page=abc"_s << QByteArray() << QByteArray() << u"page:"_s;
    QTest::newRow("page twice") << u"page=1&page=2"_s << QByteArray() << QByteArray() << u"page:"_s;
    QTest::newRow("page_size abc") << u"page_size=abc"_s << QByteArray() << QByteArray() << u"page_size:"_s;
    QTest::newRow("page_size 0") << u"page_size=0"_s << QByteArray() << QByteArray() << u"page_size:"_s;
    QTest::newRow("page_size 5000") << u"page_size=5000"_s << QByteArray() << QByteArray() << u"page_size:"_s;
    QTest::newRow("from letters") << u"from=abc"_s << QByteArray() << QByteArray() << u"from:"_s;
    QTest::newRow("from with x") << u"from=%2B46-70x"_s << QByteArray() << QByteArray() << u"from:"_s;
    QTest::newRow("from 16 digits") << u"from=1234567890123456"_s << QByteArray() << QByteArray() << u"from:"_s;
    QTest::newRow("body array") << QString() << QByteArray("[1, 2]") << json << u"request body:"_s;
    QTest::newRow("body broken") << QString() << QByteArray("{\"page\": ") << json << u"request body:"_s;
    QTest::newRow("body as text") << QString() << QByteArray("{\"page\": 1}") << QByteArray("text/plain")
                                  << u"request body:"_s;
    QTest::newRow("body page 1.5") << QString() << QByteArray("{\"page\": 1.5}") << json << u"page:"_s;
    QTest::newRow("body page true") << QString() << QByteArray("{\"page\": true}") << json << u"page:"_s;
    QTest::newRow("body page_size abc") << QString() << QByteArray("{\"page_size\": \"abc\"}") << json
                                        << u"page_size:"_s;
    QTest::newRow("body start number") << QString() << QByteArray("{\"start_time\": 5}") << json
                                       << u"start_time:"_s;
    QTest::newRow("body from object") << QString() << QByteArray("{\"from\": {}}") << json << u"from:"_s;
    QTest::newRow("query and body") << u"page=1"_s << QByteArray("{\"page\": 1}") << json << u"page:"_s;
}

void SimulatorTest::badRequest()
{
    QFETCH(QString, query);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, contentType);
    QFETCH(QString, detailsPrefix);

    const HttpResult result = body.isEmpty() ? getNotifications(query)
                                             : getWithBody(query, body, contentType);
    QVERIFY(result.finished);
    QCOMPARE(result.status, 400);
    QCOMPARE(result.json().value(u"message"_s).toString(), u"Bad Request"_s);
    const QString details = result.json().value(u"details"_s).toString();
    QVERIFY2(details.startsWith(detailsPrefix), qPrintable(details));
}

void SimulatorTest::unknownPath_data()
{
    QTest::addColumn<QString>("path");

    QTest::newRow("root") << u"/"_s;
    QTest::newRow("no region") << u"/whatsapp/v1/test-bot/callbacks/notifications"_s;
    QTest::newRow("unknown region") << u"/ap/whatsapp/v1/test-bot/callbacks/notifications"_s;
    QTest::newRow("trailing slash") << u"/eu/whatsapp/v1/test-bot/callbacks/notifications/"_s;
    QTest::newRow("status without id") << u"/eu/whatsapp/v1/test-bot/callbacks/status/"_s;
    QTest::newRow("other api version") << u"/eu/whatsapp/v2/test-bot/callbacks/notifications"_s;
}

void SimulatorTest::unknownPath()
{
    QFETCH(QString, path);

    QUrl url = m_simulator->baseUrl(u"eu"_s);
    url.setPath(path);
    const HttpResult result = get(url);
    QVERIFY(result.finished);
    QCOMPARE(result.status, 404);
    QCOMPARE(result.json().value(u"message"_s).toString(), u"Not Found"_s);
    QVERIFY(!result.json().value(u"details"_s).toString().isEmpty());
}

void SimulatorTest::methodNotAllowed()
{
    QNetworkRequest request(endpointUrl(u"notifications"_s));
    request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
    request.setRawHeader("Content-Type", "application/json");
    const HttpResult result = wait(m_network.post(request, QByteArray("{}")));
    QVERIFY(result.finished);
    QCOMPARE(result.status, 405);
    QCOMPARE(result.header("Allow"), QByteArray("GET"));
    QCOMPARE(result.json().value(u"message"_s).toString(), u"Method Not Allowed"_s);
}

void SimulatorTest::timeFilter_data()
{
    QTest::addColumn<QString>("start");
    QTest::addColumn<QString>("end");
    QTest::addColumn<QDateTime>("startUtc");
    QTest::addColumn<QDateTime>("endUtc");

    const QDateTime start(QDate(2026, 11, 27), QTime(6, 30), Qt::UTC);
    const QDateTime end(QDate(2026, 11, 28), QTime(12, 0), Qt::UTC);
    QTest::newRow("dates only") << u"2026-11-27"_s << u"2026-11-28"_s
                                << QDateTime(QDate(2026, 11, 27), QTime(0, 0), Qt::UTC)
                                << QDateTime(QDate(2026, 11, 28), QTime(0, 0), Qt::UTC);
    QTest::newRow("Z") << u"2026-11-27T06:30:00Z"_s << u"2026-11-28T12:00:00Z"_s << start << end;
    QTest::newRow("fraction") << u"2026-11-27T06:30:00.000Z"_s << u"2026-11-28T12:00:00.000000Z"_s
                              << start << end;
    QTest::newRow("offset with colon") << u"2026-11-27T08:30:00+02:00"_s << u"2026-11-28T07:00:00-05:00"_s
                                       << start << end;
    QTest::newRow("offset without colon") << u"2026-11-27T08:30:00+0200"_s << u"2026-11-28T14:00+0200"_s
                                          << start << end;
    QTest::newRow("no zone is UTC") << u"2026-11-27T06:30:00"_s << u"2026-11-28T12:00:00"_s << start << end;
}

void SimulatorTest::timeFilter()
{
    QFETCH(QString, start);
    QFETCH(QString, end);
    QFETCH(QDateTime, startUtc);
    QFETCH(QDateTime, endUtc);

    QUrlQuery query;
    query.addQueryItem(u"start_time"_s, QString::fromLatin1(QUrl::toPercentEncoding(start)));
    query.addQueryItem(u"end_time"_s, QString::fromLatin1(QUrl::toPercentEncoding(end)));
    query.addQueryItem(u"page_size"_s, u"1000"_s);
    const HttpResult result = getNotifications(query.toString());
    QVERIFY(result.finished);
    QCOMPARE(result.status, 200);

    const QList<QJsonObject> notifications = notificationsOf(result.json());
    const int expected = expectedCount(startUtc, endUtc);
    QVERIFY(expected > 0);
    QCOMPARE(notifications.size(), expected);
    for (const QJsonObject &notification : notifications) {
        const QDateTime time = parseTimestamp(notification.value(u"timestamp"_s));
        QVERIFY(time >= startUtc);
        QVERIFY(time <= endUtc);
    }
}

void SimulatorTest::senderFilter_data()
{
    QTest::addColumn<QString>("from");

    QTest::newRow("digits") << knownSender;
    QTest::newRow("plus, spaces and dashes") << u"+46 70-000 01 01"_s;
    QTest::newRow("whatsapp prefix") << u"whatsapp:+46700000101"_s;
    QTest::newRow("leading 00") << u"0046700000101"_s;
    QTest::newRow("dots and brackets") << u"(+46) 70.000.01.01"_s;
}

void SimulatorTest::senderFilter()
{
    QFETCH(QString, from);

    QUrlQuery query;
    query.addQueryItem(u"from"_s, QString::fromLatin1(QUrl::toPercentEncoding(from)));
    query.addQueryItem(u"page_size"_s, u"1000"_s);
    const HttpResult result = getNotifications(query.toString());
    QVERIFY(result.finished);
    QCOMPARE(result.status, 200);

    const QList<QJsonObject> notifications = notificationsOf(result.json());
    const int expected = expectedCount(QDateTime(QDate(2019, 9, 1), QTime(0, 0), Qt::UTC),
                                       referenceTime, knownSender);
    QVERIFY(expected > 0);
    QCOMPARE(notifications.size(), expected);
    for (const QJsonObject &notification : notifications)
        QCOMPARE(notification.value(u"from"_s).toString(), knownSender);
}

void SimulatorTest::paging_data()
{
    QTest::addColumn<int>("pageSize");

    QTest::newRow("7") << 7;
    QTest::newRow("20") << 20;
    QTest::newRow("1000") << 1000;
}

void SimulatorTest::paging()
{
    QFETCH(int, pageSize);

    QList<QJsonObject> all;
    int page = 1;
    for (;; ++page) {
        const HttpResult result = getNotifications(u"page=%1&page_size=%2"_s.arg(page).arg(pageSize));
        QVERIFY(result.finished);
        QCOMPARE(result.status, 200);
        const QJsonArray results = result.json().value(u"results"_s).toArray();
        QVERIFY(results.size() <= pageSize);
        all.append(notificationsOf(result.json()));
        if (results.size() < pageSize)
            break;
        QVERIFY2(page < 400, "paging did not end");
    }

    QCOMPARE(all.size(), m_data.notifications().size());
    QSet<QString> ids;
    for (qsizetype i = 0; i < all.size(); ++i) {
        ids.insert(all.at(i).value(u"message_id"_s).toString());
        if (i > 0) {
            QVERIFY(parseTimestamp(all.at(i - 1).value(u"timestamp"_s))
                    <= parseTimestamp(all.at(i).value(u"timestamp"_s)));
        }
    }
    QCOMPARE(ids.size(), all.size());

    const HttpResult pastEnd = getNotifications(u"page=%1&page_size=%2"_s.arg(page + 1).arg(pageSize));
    QVERIFY(pastEnd.finished);
    QCOMPARE(pastEnd.status, 200);
    QCOMPARE(pastEnd.body, QByteArray(R"({"results":[]})"));
}

void SimulatorTest::jsonBodyMatchesQueryString()
{
    const HttpResult fromQuery = getNotifications(
        u"start_time=2026-11-24T00:00:00Z&end_time=2026-11-30T00:00:00Z&from=46700000101&page=2&page_size=3"_s);
    const QByteArray body = R"({"start_time": "2026-11-24T00:00:00Z", "end_time": "2026-11-30T00:00:00Z",
                               "from": "46700000101", "page": 2, "page_size": 3})";
    const HttpResult fromBody = getWithBody(QString(), body, "application/json");
    const HttpResult withStrings = getWithBody(
        QString(), R"({"from": 46700000101, "page": "2", "page_size": "3", "start_time": "2026-11-24",
                      "end_time": "2026-11-30T00:00:00Z"})",
        "application/json; charset=utf-8");

    QVERIFY(fromQuery.finished);
    QVERIFY(fromBody.finished);
    QVERIFY(withStrings.finished);
    QCOMPARE(fromQuery.status, 200);
    QCOMPARE(fromBody.status, 200);
    QCOMPARE(withStrings.status, 200);
    QCOMPARE(notificationsOf(fromQuery.json()).size(), 3);
    QCOMPARE(fromBody.body, fromQuery.body);
    QCOMPARE(withStrings.body, fromQuery.body);
}

void SimulatorTest::lastRequestRecorded()
{
    const int before = m_simulator->requestCount();
    QUrl url = endpointUrl(u"notifications"_s);
    url.setQuery(u"page_size=2&from=46700000101"_s);
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
    request.setRawHeader("X-Request-Id", "abc-123");
    QVERIFY(wait(m_network.get(request)).finished);

    QCOMPARE(m_simulator->requestCount(), before + 1);
    const CallbackStoreSimulator::RecordedRequest recorded = m_simulator->lastRequest();
    QCOMPARE(recorded.method, QByteArray("GET"));
    QCOMPARE(recorded.path, u"/eu/whatsapp/v1/test-bot/callbacks/notifications"_s);
    QCOMPARE(recorded.query.queryItemValue(u"page_size"_s), u"2"_s);
    QCOMPARE(recorded.query.queryItemValue(u"from"_s), knownSender);
    QVERIFY(recorded.body.isEmpty());

    bool sawRequestId = false;
    for (const auto &[name, value] : recorded.headers) {
        QVERIFY(name.compare("authorization", Qt::CaseInsensitive) != 0);
        QVERIFY(!value.contains(token.toUtf8()));
        if (name.compare("x-request-id", Qt::CaseInsensitive) == 0)
            sawRequestId = value == "abc-123";
    }
    QVERIFY(sawRequestId);
}

void SimulatorTest::statusHistories()
{
    const QStringList ids = m_data.statusMessageIds();
    QVERIFY(ids.size() > 10);

    QSet<QString> states;
    bool sawTwoInOneCallback = false;
    bool sawMissingTimestamp = false;
    for (const QString &id : ids) {
        const HttpResult result = getStatus(id);
        QVERIFY(result.finished);
        QCOMPARE(result.status, 200);

        const QJsonArray results = result.json().value(u"results"_s).toArray();
        QCOMPARE(results.size(), m_data.statusHistory(id)->callbacks.size());
        for (const QJsonValue &callback : results) {
            QCOMPARE(callback.toObject().value(u"type"_s).toString(), u"whatsapp"_s);
            sawTwoInOneCallback |= callback.toObject().value(u"statuses"_s).toArray().size() == 2;
        }
        for (const QJsonObject &status : statusesOf(result.json())) {
            QCOMPARE(status.value(u"message_id"_s).toString(), id);
            QVERIFY(status.value(u"recipient"_s).toString().startsWith(u'+'));
            states.insert(status.value(u"state"_s).toString());
            sawMissingTimestamp |= !status.contains(u"timestamp"_s);
            if (status.value(u"status"_s).toString() == u"failure"_s)
                QVERIFY(!status.value(u"details"_s).toString().isEmpty());
        }
    }

    const QStringList expectedStates{u"queued"_s, u"dispatched"_s, u"sent"_s, u"delivered"_s,
                                     u"read"_s, u"failed"_s, u"no_opt_in"_s, u"no_capability"_s,
                                     u"deleted"_s};
    for (const QString &state : expectedStates)
        QVERIFY2(states.contains(state), qPrintable(state));
    QVERIFY(sawTwoInOneCallback);
    QVERIFY(sawMissingTimestamp);
}

void SimulatorTest::unknownMessageHasEmptyHistory()
{
    const HttpResult result = getStatus(u"01UNKNOWN000000000000000000"_s);
    QVERIFY(result.finished);
    QCOMPARE(result.status, 200);
    QCOMPARE(result.body, QByteArray(R"({"results":[]})"));
}

void SimulatorTest::parseQuirks_data()
{
    QTest::addColumn<QString>("list");
    QTest::addColumn<Quirks>("expected");
    QTest::addColumn<QStringList>("unknown");

    QTest::newRow("empty") << QString() << Quirks() << QStringList();
    QTest::newRow("four quirks") << u"out-of-order,duplicates,repeat-last-page,epoch-times"_s
                                  << Quirks(Quirk::OutOfOrder | Quirk::Duplicates
                                            | Quirk::RepeatLastPage | Quirk::EpochTimes)
                                  << QStringList();
    QTest::newRow("spaces, case, underscores") << u" Offset-Times , missing_times,,MESSY-NUMBERS "_s
                                               << Quirks(Quirk::OffsetTimes | Quirk::MissingTimes
                                                         | Quirk::MessyNumbers)
                                               << QStringList();
    QTest::newRow("unknown names") << u"partial-data,slow,rate-limited,Broken"_s
                                   << Quirks(Quirk::PartialData | Quirk::RateLimited)
                                   << QStringList{u"slow"_s, u"Broken"_s};
}

void SimulatorTest::parseQuirks()
{
    QFETCH(QString, list);
    QFETCH(Quirks, expected);
    QFETCH(QStringList, unknown);

    QStringList unknownNames;
    QCOMPARE(CallbackStoreSimulator::parseQuirks(list, &unknownNames), expected);
    QCOMPARE(unknownNames, unknown);
}

void SimulatorTest::quirkChangesOutput_data()
{
    QTest::addColumn<QString>("name");

    const QStringList names = CallbackStoreSimulator::quirkNames();
    QCOMPARE(names.size(), 11);
    for (const QString &name : names)
        QTest::newRow(qPrintable(name)) << name;
}

void SimulatorTest::quirkChangesOutput()
{
    QFETCH(QString, name);

    QStringList unknownNames;
    const Quirks quirks = CallbackStoreSimulator::parseQuirks(name, &unknownNames);
    QVERIFY(unknownNames.isEmpty());
    QVERIFY(quirks != Quirks());
    QCOMPARE(CallbackStoreSimulator::quirksToString(quirks), name);

    const QString historyId = historyWithAtLeast(5);
    QVERIFY(!historyId.isEmpty());
    const auto fetchAll = [&] {
        QList<HttpResult> results;
        results.append(getNotifications(u"page_size=60"_s));
        results.append(getStatus(historyId));
        results.append(getNotifications(u"page=1000&page_size=60"_s));
        return results;
    };

    const QList<HttpResult> baseline = fetchAll();
    m_simulator->setQuirks(quirks);

    // Three rounds, because some quirks change only every third or fourth response.
    bool changed = false;
    for (int round = 0; round < 3; ++round) {
        const QList<HttpResult> withQuirk = fetchAll();
        for (qsizetype i = 0; i < baseline.size(); ++i) {
            QVERIFY(withQuirk.at(i).finished);
            changed |= withQuirk.at(i).status != baseline.at(i).status
                || withQuirk.at(i).body != baseline.at(i).body;
        }
    }
    QVERIFY(changed);
}

void SimulatorTest::repeatLastPage()
{
    int lastPage = 1;
    QByteArray lastBody;
    for (;; ++lastPage) {
        const HttpResult result = getNotifications(u"page=%1&page_size=50"_s.arg(lastPage));
        QVERIFY(result.finished);
        lastBody = result.body;
        if (result.json().value(u"results"_s).toArray().size() < 50)
            break;
    }

    m_simulator->setQuirks(Quirk::RepeatLastPage);
    for (const int page : {lastPage, lastPage + 1, lastPage + 7}) {
        const HttpResult result = getNotifications(u"page=%1&page_size=50"_s.arg(page));
        QVERIFY(result.finished);
        QCOMPARE(result.status, 200);
        QCOMPARE(result.body, lastBody);
    }

    // An empty result stays empty, because there is no last page to repeat.
    const HttpResult empty = getNotifications(u"from=1999&page=3"_s);
    QVERIFY(empty.finished);
    QCOMPARE(empty.body, QByteArray(R"({"results":[]})"));
}

void SimulatorTest::outOfOrderAndDuplicates()
{
    const QString id = historyWithAtLeast(5);
    const HttpResult baseline = getStatus(id);

    m_simulator->setQuirks(Quirk::OutOfOrder);
    const HttpResult shuffled = getStatus(id);
    QVERIFY(shuffled.finished);
    QVERIFY(shuffled.body != baseline.body);
    const HttpResult shuffledAgain = getStatus(id);
    QCOMPARE(shuffledAgain.body, shuffled.body);

    const auto sortedStatuses = [](const HttpResult &result) {
        QStringList texts;
        for (const QJsonObject &status : statusesOf(result.json()))
            texts.append(QString::fromUtf8(QJsonDocument(status).toJson(QJsonDocument::Compact)));
        texts.sort();
        return texts;
    };
    QCOMPARE(sortedStatuses(shuffled), sortedStatuses(baseline));

    m_simulator->setQuirks(Quirk::Duplicates);
    const HttpResult repeated = getStatus(id);
    QVERIFY(repeated.finished);
    const QStringList repeatedStatuses = sortedStatuses(repeated);
    QVERIFY(repeatedStatuses.size() > sortedStatuses(baseline).size());
    const QStringList baselineStatuses = sortedStatuses(baseline);
    QCOMPARE(QSet<QString>(repeatedStatuses.cbegin(), repeatedStatuses.cend()),
             QSet<QString>(baselineStatuses.cbegin(), baselineStatuses.cend()));
}

void SimulatorTest::epochTimes()
{
    m_simulator->setQuirks(Quirk::EpochTimes);
    const HttpResult result = getNotifications(u"page_size=40"_s);
    QVERIFY(result.finished);

    bool sawNumber = false;
    bool sawDigitString = false;
    for (const QJsonObject &notification : notificationsOf(result.json())) {
        const QJsonValue timestamp = notification.value(u"timestamp"_s);
        sawNumber |= timestamp.isDouble();
        const QString text = timestamp.toString();
        if (timestamp.isString()) {
            QVERIFY2(std::all_of(text.cbegin(), text.cend(), [](QChar c) { return c.isDigit(); }),
                     qPrintable(text));
            sawDigitString = true;
        }
    }
    QVERIFY(sawNumber);
    QVERIFY(sawDigitString);
}

void SimulatorTest::offsetTimes()
{
    const QList<QJsonObject> baseline = notificationsOf(getNotifications(u"page_size=40"_s).json());
    m_simulator->setQuirks(Quirk::OffsetTimes);
    const QList<QJsonObject> shifted = notificationsOf(getNotifications(u"page_size=40"_s).json());
    QCOMPARE(shifted.size(), baseline.size());

    bool sawColonOffset = false;
    bool sawCompactOffset = false;
    for (qsizetype i = 0; i < shifted.size(); ++i) {
        const QString text = shifted.at(i).value(u"timestamp"_s).toString();
        sawCompactOffset |= text.endsWith(u"+0200"_s);
        if (text.endsWith(u"+02:00"_s) || text.endsWith(u"-05:00"_s)) {
            sawColonOffset = true;
            const QDateTime original = parseTimestamp(baseline.at(i).value(u"timestamp"_s));
            QCOMPARE(parseTimestamp(QJsonValue(text)).toSecsSinceEpoch(), original.toSecsSinceEpoch());
        }
    }
    QVERIFY(sawColonOffset);
    QVERIFY(sawCompactOffset);
}

void SimulatorTest::missingTimes()
{
    const qsizetype expected = notificationsOf(getNotifications(u"page_size=40"_s).json()).size();
    m_simulator->setQuirks(Quirk::MissingTimes);
    const QList<QJsonObject> notifications = notificationsOf(getNotifications(u"page_size=40"_s).json());
    QCOMPARE(notifications.size(), expected);
    const auto missing = std::count_if(notifications.cbegin(), notifications.cend(),
                                       [](const QJsonObject &n) { return !n.contains(u"timestamp"_s); });
    QVERIFY(missing > 0);
    QVERIFY(missing < notifications.size());
}

void SimulatorTest::messyNumbersStillFilter()
{
    const int expected = notificationsOf(getNotifications(u"from=46700000101&page_size=1000"_s).json()).size();
    m_simulator->setQuirks(Quirk::MessyNumbers);

    const QList<QJsonObject> filtered =
        notificationsOf(getNotifications(u"from=46700000101&page_size=1000"_s).json());
    QCOMPARE(filtered.size(), expected);

    QSet<QString> forms;
    for (const QJsonObject &notification : filtered)
        forms.insert(notification.value(u"from"_s).toString());
    QVERIFY(forms.contains(u"+46 70-000 0101"_s));
    QVERIFY(forms.contains(u"whatsapp:+46700000101"_s));
    QVERIFY(forms.contains(u"0046700000101"_s));
}

void SimulatorTest::partialData()
{
    m_simulator->setQuirks(Quirk::PartialData);
    const QList<QJsonObject> notifications = notificationsOf(getNotifications(u"page_size=1000"_s).json());
    QCOMPARE(notifications.size(), m_data.notifications().size());

    bool sawMissingMessage = false;
    bool sawNullTo = false;
    bool sawUnknownType = false;
    bool sawStringLatitude = false;
    bool sawNullString = false;
    for (const QJsonObject &notification : notifications) {
        const QJsonObject message = notification.value(u"message"_s).toObject();
        sawMissingMessage |= !notification.contains(u"message"_s);
        sawNullTo |= notification.value(u"to"_s).isNull();
        sawUnknownType |= message.value(u"type"_s).toString() == u"order"_s;
        sawStringLatitude |= message.value(u"latitude"_s).isString();
        sawNullString |= message.value(u"body"_s).isNull() || message.value(u"caption"_s).isNull();
    }
    QVERIFY(sawMissingMessage);
    QVERIFY(sawNullTo);
    QVERIFY(sawUnknownType);
    QVERIFY(sawStringLatitude);
    QVERIFY(sawNullString);

    const QList<QJsonObject> statuses = statusesOf(getStatus(historyWithAtLeast(5)).json());
    QVERIFY(std::any_of(statuses.cbegin(), statuses.cend(),
                        [](const QJsonObject &s) { return s.value(u"recipient"_s).isNull(); }));
    QVERIFY(std::any_of(statuses.cbegin(), statuses.cend(), [](const QJsonObject &s) {
        return s.value(u"state"_s).toString() == u"carrier_accepted"_s;
    }));
}

void SimulatorTest::rateLimited()
{
    m_simulator->setQuirks(Quirk::RateLimited);
    QList<int> statuses;
    for (int i = 0; i < 6; ++i) {
        const HttpResult result = getNotifications(u"page_size=1"_s);
        QVERIFY(result.finished);
        statuses.append(result.status);
        if (result.status == 429) {
            QCOMPARE(result.header("Retry-After"), QByteArray("1"));
            QCOMPARE(result.json().value(u"message"_s).toString(), u"Too Many Requests"_s);
        }
    }
    QCOMPARE(statuses, (QList<int>{200, 200, 429, 200, 200, 429}));
}

void SimulatorTest::serverErrors()
{
    m_simulator->setQuirks(Quirk::ServerErrors);
    QList<int> statuses;
    for (int i = 0; i < 8; ++i) {
        const HttpResult result = getStatus(historyWithAtLeast(3));
        QVERIFY(result.finished);
        statuses.append(result.status);
        if (result.status == 503)
            QCOMPARE(result.json().value(u"message"_s).toString(), u"Service Unavailable"_s);
        if (result.status == 502) {
            QVERIFY(result.header("Content-Type").startsWith("text/html"));
            QVERIFY(result.body.contains("Bad Gateway"));
        }
    }
    QCOMPARE(statuses, (QList<int>{200, 200, 200, 503, 200, 200, 200, 502}));
}

void SimulatorTest::truncatedBodies()
{
    const HttpResult whole = getNotifications(u"page_size=5"_s);
    m_simulator->setQuirks(Quirk::TruncatedBodies);
    const HttpResult cut = getNotifications(u"page_size=5"_s);
    QVERIFY(cut.finished);
    QCOMPARE(cut.status, 200);
    QCOMPARE(cut.body, whole.body.left(whole.body.size() / 2));

    QJsonParseError error;
    QJsonDocument::fromJson(cut.body, &error);
    QVERIFY(error.error != QJsonParseError::NoError);

    const HttpResult rejected = getNotifications(u"page=0"_s);
    QCOMPARE(rejected.status, 400);
    QCOMPARE(rejected.json().value(u"message"_s).toString(), u"Bad Request"_s);
}

void SimulatorTest::fixtureServedVerbatim()
{
    const QString fixtures = QStringLiteral(FIXTURES_DIR);
    SimulatedDataSet data;
    QString error;
    QVERIFY2(data.loadFixtureDirectory(fixtures, &error), qPrintable(error));
    QCOMPARE(data.notifications().size(), 11);

    CallbackStoreSimulator simulator;
    QVERIFY(simulator.addBot(u"demo-bot"_s, u"us"_s, u"fixture-token"_s, data));
    QVERIFY(simulator.listen());
    simulator.setCurrentTime(QDateTime(QDate(2026, 12, 1), QTime(0, 0), Qt::UTC));
    const QByteArray authorization = "Bearer fixture-token";
    const QString base = simulator.baseUrl(u"us"_s).toString() + u"/whatsapp/v1/demo-bot/callbacks/"_s;

    const HttpResult page = get(QUrl(base + u"notifications"_s), authorization);
    QVERIFY(page.finished);
    QCOMPARE(page.status, 200);
    QCOMPARE(page.body, readFile(fixtures + u"/notifications-mixed-types.json"_s));

    const QList<QPair<QString, QString>> histories{
        {u"01HZX0OUT0000000000000A01"_s, u"status-history-read.json"_s},
        {u"01HZX0OUT0000000000000B01"_s, u"status-history-failed.json"_s},
        {u"01HZX0OUT0000000000000C01"_s, u"status-history-out-of-order.json"_s},
        {u"01HZX0OUT0000000000000D01"_s, u"status-seed-sample-trailing-comma.json"_s},
    };
    for (const auto &[messageId, fileName] : histories) {
        const HttpResult history = get(QUrl(base + u"status/"_s + messageId), authorization);
        QVERIFY(history.finished);
        QCOMPARE(history.status, 200);
        QCOMPARE(history.body, readFile(fixtures + u'/' + fileName));
    }

    // A filtered page is written from the parsed fixture instead of copied.
    const HttpResult filtered = get(QUrl(base + u"notifications?from=%2B46700000104"_s), authorization);
    QVERIFY(filtered.finished);
    const QJsonArray results = filtered.json().value(u"results"_s).toArray();
    QCOMPARE(results.size(), 1);
    QCOMPARE(notificationsOf(filtered.json()).size(), 3);
}

void SimulatorTest::fixtureFilesRejected()
{
    QTemporaryDir directory;
    QVERIFY(directory.isValid());

    SimulatedDataSet data;
    QString error;
    QVERIFY(!data.loadNotificationsFile(directory.filePath(u"missing.json"_s), &error));
    QVERIFY(error.contains(u"missing.json"_s));

    QFile noId(directory.filePath(u"status-broken.json"_s));
    QVERIFY(noId.open(QIODevice::WriteOnly));
    noId.write("{ \"results\": [ ");
    noId.close();
    QVERIFY(!data.loadStatusHistoryFile(noId.fileName(), &error));
    QVERIFY(error.contains(u"message_id"_s));

    QFile notObject(directory.filePath(u"notifications-array.json"_s));
    QVERIFY(notObject.open(QIODevice::WriteOnly));
    notObject.write("[]");
    notObject.close();
    QVERIFY(!data.loadNotificationsFile(notObject.fileName(), &error));
    QVERIFY(error.contains(u"results"_s));

    QVERIFY(!data.loadFixtureDirectory(directory.filePath(u"nothing-here"_s), &error));
}

void SimulatorTest::latencyDoesNotBlock()
{
    m_simulator->setLatency(400ms);

    bool timerFired = false;
    QTimer::singleShot(100ms, this, [&timerFired] { timerFired = true; });

    QElapsedTimer elapsed;
    elapsed.start();
    QNetworkRequest first(endpointUrl(u"notifications"_s));
    first.setRawHeader("Authorization", "Bearer " + token.toUtf8());
    QNetworkRequest second(endpointUrl(u"status/"_s + historyWithAtLeast(3)));
    second.setRawHeader("Authorization", "Bearer " + token.toUtf8());
    QNetworkReply *firstReply = m_network.get(first);
    QNetworkReply *secondReply = m_network.get(second);

    const HttpResult firstResult = wait(firstReply);
    const HttpResult secondResult = wait(secondReply);
    const qint64 milliseconds = elapsed.elapsed();

    QVERIFY(firstResult.finished);
    QVERIFY(secondResult.finished);
    QCOMPARE(firstResult.status, 200);
    QCOMPARE(secondResult.status, 200);
    QVERIFY(timerFired);
    QVERIFY2(milliseconds >= 400, qPrintable(QString::number(milliseconds)));
    // Both were in flight at once: one after the other would take 800 ms.
    QVERIFY2(milliseconds < 780, qPrintable(QString::number(milliseconds)));
}

void SimulatorTest::latencySurvivesAbort()
{
    m_simulator->setLatency(300ms);
    QNetworkRequest request(endpointUrl(u"notifications"_s));
    request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
    QNetworkReply *aborted = m_network.get(request);
    QTest::qWait(50);
    aborted->abort();
    aborted->deleteLater();

    // The delayed response finds its connection closed and is dropped.
    QTest::qWait(400);
    m_simulator->setLatency(0ms);
    const HttpResult result = getNotifications(u"page_size=1"_s);
    QVERIFY(result.finished);
    QCOMPARE(result.status, 200);
}

void SimulatorTest::dataSetIsDeterministic()
{
    SimulatedDataSet::Options options;
    options.seed = 7;
    options.referenceTime = referenceTime;
    options.botId = botId;
    const SimulatedDataSet again = SimulatedDataSet::generate(options);
    options.seed = 8;
    const SimulatedDataSet other = SimulatedDataSet::generate(options);

    QCOMPARE(again.notifications().size(), m_data.notifications().size());
    for (qsizetype i = 0; i < again.notifications().size(); ++i)
        QCOMPARE(again.notifications().at(i).json, m_data.notifications().at(i).json);
    QCOMPARE(again.statusMessageIds(), m_data.statusMessageIds());

    bool differs = false;
    for (qsizetype i = 0; i < other.notifications().size(); ++i)
        differs |= other.notifications().at(i).json != m_data.notifications().at(i).json;
    QVERIFY(differs);
}

void SimulatorTest::dataSetCoversContract()
{
    const QList<SimulatedDataSet::InboundNotification> &all = m_data.notifications();
    QCOMPARE(all.size(), 300);

    QSet<QString> types;
    QSet<QString> interactiveTypes;
    QSet<QString> senders;
    bool sawProfile = false;
    bool sawContactWithoutProfile = false;
    bool sawRightToLeft = false;
    bool sawJoiner = false;
    bool sawSkinTone = false;
    bool sawLongText = false;
    bool sawFormatting = false;
    int replies = 0;
    for (const SimulatedDataSet::InboundNotification &notification : all) {
        const QJsonObject message = notification.json.value(u"message"_s).toObject();
        const QString type = message.value(u"type"_s).toString();
        types.insert(type);
        senders.insert(notification.senderDigits);
        if (type == u"interactive"_s)
            interactiveTypes.insert(message.value(u"message"_s).toObject().value(u"type"_s).toString());

        QVERIFY(notification.timestamp < referenceTime);
        QVERIFY(notification.timestamp >= referenceTime.addDays(-7));
        QCOMPARE(parseTimestamp(notification.json.value(u"timestamp"_s)), notification.timestamp);

        if (!notification.contact.isEmpty()) {
            sawProfile |= notification.contact.contains(u"profile"_s);
            sawContactWithoutProfile |= !notification.contact.contains(u"profile"_s);
        }

        const QString body = message.value(u"body"_s).toString();
        sawRightToLeft |= isRightToLeft(body);
        sawJoiner |= body.contains(QChar(0x200D));
        sawSkinTone |= body.contains(QString::fromUcs4(U"\U0001F3FD"));
        sawLongText |= body.size() > 3000;
        sawFormatting |= body.contains(u'*') && body.contains(u'_') && body.contains(u'~')
            && body.contains(u"```"_s);

        const QString repliedTo =
            notification.json.value(u"replying_to"_s).toObject().value(u"message_id"_s).toString();
        if (!repliedTo.isEmpty()) {
            ++replies;
            QVERIFY2(m_data.statusHistory(repliedTo).has_value(), qPrintable(repliedTo));
        }
    }

    const QStringList expectedTypes{u"text"_s, u"location"_s, u"image"_s, u"video"_s, u"audio"_s,
                                    u"voice"_s, u"document"_s, u"sticker"_s, u"contacts"_s,
                                    u"button"_s, u"interactive"_s, u"group_event"_s, u"error"_s,
                                    u"reaction"_s};
    for (const QString &type : expectedTypes)
        QVERIFY2(types.contains(type), qPrintable(type));
    QCOMPARE(interactiveTypes, (QSet<QString>{u"button"_s, u"list"_s}));
    QCOMPARE(senders.size(), 12);
    QVERIFY(sawProfile);
    QVERIFY(sawContactWithoutProfile);
    QVERIFY(sawRightToLeft);
    QVERIFY(sawJoiner);
    QVERIFY(sawSkinTone);
    QVERIFY(sawLongText);
    QVERIFY(sawFormatting);
    QVERIFY(replies >= 30);
}

QTEST_GUILESS_MAIN(SimulatorTest)

#include "simulator_test.moc"
