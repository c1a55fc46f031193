#include "apiclient.h"
#include "callbackstoresimulator.h"
#include "msisdn.h"
#include "notificationpagereply.h"
#include "notificationpager.h"
#include "simulateddataset.h"
#include "statushistoryreply.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

#include <memory>

namespace {

const QString BotId = QStringLiteral("test-bot");
const QString Token = QStringLiteral("token-for-test-bot");
const QDateTime ReferenceTime(QDate(2026, 12, 1), QTime(0, 0), Qt::UTC);

} // namespace

class ApiClientTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();

    void pagingToShortLastPage();
    void pagingToEmptyPage();
    void senderFilter_data();
    void senderFilter();
    void timeFilter();
    void jsonBodyMatchesQueryString();
    void badRequest();
    void unauthorized_data();
    void unauthorized();
    void statusHistory();
    void unknownMessageHasEmptyHistory();
    void cancelEndsOnce();
    void newerSearchWins();
    void transferTimeout();
    void connectionRefused();
    void plainHttpToRemoteHostRejected();
    void clientDestroyedBeforeReply();

private:
    NotificationQuery queryWithPageSize(int pageSize) const;
    // Loads every page of the query through a pager and returns the messages in order.
    QList<InboundMessage> loadAllPages(const NotificationQuery &query, int *lastPage, QString *endMessage = nullptr);

    std::unique_ptr<CallbackStoreSimulator> m_simulator;
    SimulatedDataSet m_data;
    std::unique_ptr<ApiClient> m_client;
    // page_size counts callbacks, and the generated data groups some messages into one callback.
    int m_callbackCount = 0;
};

void ApiClientTest::initTestCase()
{
    SimulatedDataSet::Options options;
    options.seed = 7;
    options.referenceTime = ReferenceTime;
    options.botId = BotId;
    m_data = SimulatedDataSet::generate(options);
    QCOMPARE(m_data.notifications().size(), 300);
    int previousId = -1;
    for (const SimulatedDataSet::InboundNotification &notification : m_data.notifications()) {
        m_callbackCount += notification.callbackId != previousId ? 1 : 0;
        previousId = notification.callbackId;
    }
    QVERIFY(m_callbackCount > 100);
    QVERIFY(m_callbackCount < 300);

    m_simulator = std::make_unique<CallbackStoreSimulator>();
    QVERIFY(m_simulator->listen());
    QVERIFY(m_simulator->addBot(BotId, QStringLiteral("eu"), Token, m_data));
    m_simulator->setCurrentTime(ReferenceTime);
}

void ApiClientTest::init()
{
    m_simulator->setLatency(std::chrono::milliseconds(0));
    m_simulator->setQuirks({});

    ApiEndpoint endpoint;
    endpoint.region = ApiEndpoint::Region::Eu;
    endpoint.usBaseUrl = m_simulator->baseUrl(QStringLiteral("us"));
    endpoint.euBaseUrl = m_simulator->baseUrl(QStringLiteral("eu"));
    endpoint.botId = BotId;
    endpoint.token = Token;
    m_client = std::make_unique<ApiClient>();
    m_client->setEndpoint(endpoint);
    m_client->setTransferTimeout(std::chrono::seconds(10));
}

NotificationQuery ApiClientTest::queryWithPageSize(int pageSize) const
{
    NotificationQuery query;
    query.pageSize = pageSize;
    return query;
}

QList<InboundMessage> ApiClientTest::loadAllPages(const NotificationQuery &query, int *lastPage, QString *endMessage)
{
    NotificationPager pager(m_client.get());
    QList<InboundMessage> all;
    bool done = false;
    connect(&pager, &NotificationPager::pageLoaded, this, [&](int, const QList<InboundMessage> &messages, int) {
        all.append(messages);
        if (pager.hasNextPage())
            pager.nextPage();
        else
            done = true;
    });
    connect(&pager, &NotificationPager::endReached, this, [&](int, const QString &message) {
        if (endMessage)
            *endMessage = message;
        done = true;
    });
    connect(&pager, &NotificationPager::loadFailed, this, [&](int, const ApiError &error) {
        qWarning("page failed: %s", qPrintable(error.toUserText()));
        done = true;
    });
    pager.search(query);
    if (!QTest::qWaitFor([&] { return done; }, 20000))
        qWarning("paging did not finish");
    *lastPage = pager.lastPage().value_or(-1);
    return all;
}

void ApiClientTest::pagingToShortLastPage()
{
    int pageSize = 70;
    while (m_callbackCount % pageSize == 0)
        ++pageSize;
    int lastPage = 0;
    const QList<InboundMessage> messages = loadAllPages(queryWithPageSize(pageSize), &lastPage);

    QCOMPARE(lastPage, m_callbackCount / pageSize + 1);
    QCOMPARE(messages.size(), 300);

    QSet<QString> ids;
    for (const InboundMessage &message : messages)
        ids.insert(message.messageId);
    QCOMPARE(ids.size(), 300);

    for (qsizetype i = 1; i < messages.size(); ++i) {
        if (messages.at(i - 1).timestamp.isValid() && messages.at(i).timestamp.isValid())
            QVERIFY(messages.at(i - 1).timestamp.utc() <= messages.at(i).timestamp.utc());
    }
}

void ApiClientTest::pagingToEmptyPage()
{
    int lastPage = 0;
    QString endMessage;
    const QList<InboundMessage> messages = loadAllPages(queryWithPageSize(m_callbackCount), &lastPage, &endMessage);

    // One full page holds every callback: only the empty second page shows that the first was the last.
    QCOMPARE(lastPage, 1);
    QCOMPARE(messages.size(), 300);
    QVERIFY2(endMessage.contains(QStringLiteral("page 1 is the last page")), qPrintable(endMessage));
}

void ApiClientTest::senderFilter_data()
{
    QTest::addColumn<QString>("typedSender");

    const QString digits = m_data.notifications().constLast().senderDigits;
    QTest::newRow("digits") << digits;
    QTest::newRow("plus and spaces") << QStringLiteral("+%1 %2").arg(digits.left(2), digits.mid(2));
    QTest::newRow("double zero") << QStringLiteral("00") + digits;
    QTest::newRow("whatsapp prefix") << QStringLiteral("whatsapp:+") + digits;
}

void ApiClientTest::senderFilter()
{
    QFETCH(QString, typedSender);

    const QString digits = Msisdn::normalize(typedSender);
    qsizetype expected = 0;
    for (const SimulatedDataSet::InboundNotification &notification : m_data.notifications())
        expected += notification.senderDigits == digits ? 1 : 0;
    QVERIFY(expected > 0);

    NotificationQuery query = queryWithPageSize(1000);
    query.sender = typedSender;
    int lastPage = 0;
    const QList<InboundMessage> messages = loadAllPages(query, &lastPage);
    QCOMPARE(messages.size(), expected);
    for (const InboundMessage &message : messages)
        QCOMPARE(message.fromDigits, digits);
}

void ApiClientTest::timeFilter()
{
    const QDateTime start = ReferenceTime.addDays(-3);
    const QDateTime end = ReferenceTime.addDays(-2);
    qsizetype expected = 0;
    for (const SimulatedDataSet::InboundNotification &notification : m_data.notifications())
        expected += notification.timestamp.isValid() && notification.timestamp >= start && notification.timestamp <= end;
    QVERIFY(expected > 0);

    NotificationQuery query = queryWithPageSize(25);
    query.startTime = start;
    query.endTime = end;
    int lastPage = 0;
    const QList<InboundMessage> messages = loadAllPages(query, &lastPage);
    QCOMPARE(messages.size(), expected);
    for (const InboundMessage &message : messages) {
        QVERIFY(message.timestamp.utc() >= start);
        QVERIFY(message.timestamp.utc() <= end);
    }

    // Every page request carried the filter, not only the first.
    const QUrlQuery lastQuery = m_simulator->lastRequest().query;
    QCOMPARE(lastQuery.queryItemValue(QStringLiteral("start_time")), start.toString(Qt::ISODateWithMs));
    QCOMPARE(lastQuery.queryItemValue(QStringLiteral("end_time")), end.toString(Qt::ISODateWithMs));
    QVERIFY(lastQuery.queryItemValue(QStringLiteral("page")).toInt() >= lastPage);
}

void ApiClientTest::jsonBodyMatchesQueryString()
{
    NotificationQuery query = queryWithPageSize(40);
    query.startTime = ReferenceTime.addDays(-5);
    query.page = 2;

    std::unique_ptr<NotificationPageReply> byQuery(m_client->fetchNotifications(query));
    QSignalSpy queryDone(byQuery.get(), &ApiReply::finished);
    QVERIFY(queryDone.wait());
    QVERIFY(!byQuery->hasError());
    QVERIFY(m_simulator->lastRequest().body.isEmpty());

    ApiEndpoint endpoint = m_client->endpoint();
    endpoint.filterEncoding = ApiEndpoint::FilterEncoding::JsonBody;
    m_client->setEndpoint(endpoint);
    std::unique_ptr<NotificationPageReply> byBody(m_client->fetchNotifications(query));
    QSignalSpy bodyDone(byBody.get(), &ApiReply::finished);
    QVERIFY(bodyDone.wait());
    QVERIFY(!byBody->hasError());

    const CallbackStoreSimulator::RecordedRequest request = m_simulator->lastRequest();
    QCOMPARE(request.method, QByteArray("GET"));
    QVERIFY(request.query.isEmpty());
    QVERIFY(request.body.contains("\"page\":2"));

    QCOMPARE(byBody->page().callbackCount, 40);
    QCOMPARE(byBody->page().messages.size(), byQuery->page().messages.size());
    for (qsizetype i = 0; i < byBody->page().messages.size(); ++i)
        QCOMPARE(byBody->page().messages.at(i).messageId, byQuery->page().messages.at(i).messageId);
}

void ApiClientTest::badRequest()
{
    // The client accepts a start time with no end time, but the server compares it
    // with its default end time, now, and rejects it.
    NotificationQuery query;
    query.startTime = ReferenceTime.addDays(30);

    std::unique_ptr<NotificationPageReply> reply(m_client->fetchNotifications(query));
    QSignalSpy done(reply.get(), &ApiReply::finished);
    QVERIFY(done.wait());
    QVERIFY(reply->hasError());
    QCOMPARE(reply->error()->kind, ApiError::Kind::Http);
    QCOMPARE(reply->error()->httpStatus, 400);
    QCOMPARE(reply->error()->serverMessage, QStringLiteral("Bad Request"));
    QVERIFY(reply->error()->serverDetails.contains(QStringLiteral("start_time")));
    QVERIFY(reply->error()->toUserText().contains(QStringLiteral("HTTP 400")));
    QCOMPARE(done.size(), 1);
}

void ApiClientTest::unauthorized_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<int>("region");

    QTest::newRow("wrong token") << "not-the-token" << int(ApiEndpoint::Region::Eu);
    QTest::newRow("wrong region") << Token << int(ApiEndpoint::Region::Us);
}

void ApiClientTest::unauthorized()
{
    QFETCH(QString, token);
    QFETCH(int, region);

    ApiEndpoint endpoint = m_client->endpoint();
    endpoint.token = token;
    endpoint.region = ApiEndpoint::Region(region);
    m_client->setEndpoint(endpoint);

    std::unique_ptr<NotificationPageReply> reply(m_client->fetchNotifications(NotificationQuery()));
    QSignalSpy done(reply.get(), &ApiReply::finished);
    QVERIFY(done.wait());
    QVERIFY(reply->hasError());
    QCOMPARE(reply->error()->httpStatus, 401);
    const QString text = reply->error()->toUserText();
    QVERIFY2(text.contains(QStringLiteral("token")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("other region")), qPrintable(text));
    QVERIFY2(text.contains(ApiEndpoint::regionName(ApiEndpoint::Region(region)) + QStringLiteral(" region")), qPrintable(text));
    QVERIFY(!text.contains(token));
}

void ApiClientTest::statusHistory()
{
    QString messageId;
    for (const QString &id : m_data.statusMessageIds()) {
        if (m_data.statusHistory(id)->callbacks.size() >= 3) {
            messageId = id;
            break;
        }
    }
    QVERIFY(!messageId.isEmpty());
    qsizetype expected = 0;
    const std::optional<SimulatedDataSet::StatusHistory> history = m_data.statusHistory(messageId);
    for (const QList<QJsonObject> &callback : history->callbacks)
        expected += callback.size();

    std::unique_ptr<StatusHistoryReply> reply(m_client->fetchStatusHistory(messageId));
    QSignalSpy done(reply.get(), &ApiReply::finished);
    QVERIFY(done.wait());
    QVERIFY2(!reply->hasError(), reply->hasError() ? qPrintable(reply->error()->toUserText()) : "");
    QCOMPARE(reply->reports().size(), expected);
    for (const DeliveryReport &report : reply->reports())
        QCOMPARE(report.messageId, messageId);
    QVERIFY(m_simulator->lastRequest().path.endsWith(QStringLiteral("/callbacks/status/") + messageId));
}

void ApiClientTest::unknownMessageHasEmptyHistory()
{
    std::unique_ptr<StatusHistoryReply> reply(m_client->fetchStatusHistory(QStringLiteral("no-such-message")));
    QSignalSpy done(reply.get(), &ApiReply::finished);
    QVERIFY(done.wait());
    QVERIFY(!reply->hasError());
    QVERIFY(reply->reports().isEmpty());
}

void ApiClientTest::cancelEndsOnce()
{
    m_simulator->setLatency(std::chrono::milliseconds(2000));
    std::unique_ptr<NotificationPageReply> reply(m_client->fetchNotifications(NotificationQuery()));
    QSignalSpy done(reply.get(), &ApiReply::finished);
    QTest::qWait(50);
    reply->cancel();
    QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 1000);
    QVERIFY(reply->hasError());
    QCOMPARE(reply->error()->kind, ApiError::Kind::Cancelled);

    reply->cancel();
    QTest::qWait(100);
    QCOMPARE(done.size(), 1);
}

void ApiClientTest::newerSearchWins()
{
    m_simulator->setLatency(std::chrono::milliseconds(300));
    const QList<SimulatedDataSet::InboundNotification> &all = m_data.notifications();
    const QString firstSender = all.constFirst().senderDigits;
    QString secondSender;
    for (const SimulatedDataSet::InboundNotification &notification : all) {
        if (!notification.senderDigits.isEmpty() && notification.senderDigits != firstSender) {
            secondSender = notification.senderDigits;
            break;
        }
    }
    QVERIFY(!secondSender.isEmpty());

    NotificationPager pager(m_client.get());
    QSignalSpy loaded(&pager, &NotificationPager::pageLoaded);
    QSignalSpy failed(&pager, &NotificationPager::loadFailed);

    NotificationQuery older;
    older.sender = firstSender;
    NotificationQuery newer;
    newer.sender = secondSender;
    pager.search(older);
    QTest::qWait(50);
    pager.search(newer);

    QVERIFY(loaded.wait(5000));
    QTest::qWait(500);
    QCOMPARE(loaded.size(), 1);
    QCOMPARE(failed.size(), 0);
    const auto messages = loaded.at(0).at(1).value<QList<InboundMessage>>();
    QVERIFY(!messages.isEmpty());
    for (const InboundMessage &message : messages)
        QCOMPARE(message.fromDigits, secondSender);
    QCOMPARE(pager.query().sender, secondSender);
}

void ApiClientTest::transferTimeout()
{
    m_simulator->setLatency(std::chrono::milliseconds(3000));
    m_client->setTransferTimeout(std::chrono::milliseconds(300));
    std::unique_ptr<NotificationPageReply> reply(m_client->fetchNotifications(NotificationQuery()));
    QSignalSpy done(reply.get(), &ApiReply::finished);
    QVERIFY(done.wait(2500));
    QVERIFY(reply->hasError());
    QCOMPARE(reply->error()->kind, ApiError::Kind::Timeout);
    QVERIFY(reply->error()->toUserText().contains(QStringLiteral("did not answer in time")));
}

void ApiClientTest::connectionRefused()
{
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 freePort = probe.serverPort();
    probe.close();

    ApiEndpoint endpoint = m_client->endpoint();
    endpoint.region = ApiEndpoint::Region::Custom;
    endpoint.customBaseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(freePort));
    m_client->setEndpoint(endpoint);

    std::unique_ptr<StatusHistoryReply> reply(m_client->fetchStatusHistory(QStringLiteral("m1")));
    QSignalSpy done(reply.get(), &ApiReply::finished);
    QVERIFY(done.wait());
    QVERIFY(reply->hasError());
    QCOMPARE(reply->error()->kind, ApiError::Kind::Network);
    QCOMPARE(reply->error()->networkError, QNetworkReply::ConnectionRefusedError);
    QVERIFY(reply->error()->toUserText().contains(QStringLiteral("Could not reach the server")));
}

void ApiClientTest::plainHttpToRemoteHostRejected()
{
    // The .invalid top-level domain never resolves; the request is rejected before any lookup.
    ApiEndpoint endpoint = m_client->endpoint();
    endpoint.region = ApiEndpoint::Region::Custom;
    endpoint.customBaseUrl = QUrl(QStringLiteral("http://callback-store.invalid"));
    m_client->setEndpoint(endpoint);

    const int requestsBefore = m_simulator->requestCount();
    std::unique_ptr<NotificationPageReply> reply(m_client->fetchNotifications(NotificationQuery()));
    QSignalSpy done(reply.get(), &ApiReply::finished);
    QVERIFY(done.wait());
    QCOMPARE(reply->error()->kind, ApiError::Kind::InvalidSettings);
    QVERIFY(reply->error()->toUserText().contains(QStringLiteral("https://")));
    QCOMPARE(m_simulator->requestCount(), requestsBefore);
}

void ApiClientTest::clientDestroyedBeforeReply()
{
    m_simulator->setLatency(std::chrono::milliseconds(1000));
    QObject owner;
    StatusHistoryReply *reply = m_client->fetchStatusHistory(QStringLiteral("m1"), &owner);
    QSignalSpy done(reply, &ApiReply::finished);
    QTest::qWait(50);

    m_client.reset();
    QVERIFY(reply->isFinished());
    QCOMPARE(reply->error()->kind, ApiError::Kind::Cancelled);
    QCOMPARE(done.size(), 0);
    delete reply;
    QTest::qWait(50);
}

QTEST_GUILESS_MAIN(ApiClientTest)
#include "apiclient_test.moc"
