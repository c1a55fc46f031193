#include "allpagesloader.h"
#include "apiclient.h"
#include "callbackstoresimulator.h"
#include "simulateddataset.h"

#include <QSet>
#include <QSignalSpy>
#include <QTest>

#include <memory>

namespace {

const QString BotId = QStringLiteral("load-all-bot");
const QString Token = QStringLiteral("token-for-load-all-bot");
const QDateTime ReferenceTime(QDate(2026, 12, 1), QTime(0, 0), Qt::UTC);
constexpr int MessageCount = 1200;
constexpr int WaitMilliseconds = 20000;

} // namespace

class AllPagesLoaderTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void loadsEveryPageInOrder();
    void oneRequestAtATime();
    void requestsCappedAtSix();
    void repeatedLastPageEnds();
    void exactMultipleEndsOnEmptyPage();
    void failureKeepsDeliveredPages();
    void cancelStopsDelivery();
    void rateLimitRetriesAndCompletes();

private:
    NotificationQuery query(int pageSize) const;
    // Runs a load to its end and returns the delivered messages' ids in order.
    QStringList runLoad(int pageSize);

    std::unique_ptr<CallbackStoreSimulator> m_simulator;
    SimulatedDataSet m_data;
    QStringList m_expectedIds;
    int m_callbackCount = 0;
    std::unique_ptr<ApiClient> m_client;
    std::unique_ptr<AllPagesLoader> m_loader;
};

void AllPagesLoaderTest::initTestCase()
{
    SimulatedDataSet::Options options;
    options.seed = 11;
    options.referenceTime = ReferenceTime;
    options.botId = BotId;
    options.inboundCount = MessageCount;
    m_data = SimulatedDataSet::generate(options);
    QCOMPARE(m_data.notifications().size(), MessageCount);

    int previousId = -1;
    for (const SimulatedDataSet::InboundNotification &notification : m_data.notifications()) {
        m_expectedIds.append(notification.json.value(QStringLiteral("message_id")).toString());
        m_callbackCount += notification.callbackId != previousId ? 1 : 0;
        previousId = notification.callbackId;
    }

    m_simulator = std::make_unique<CallbackStoreSimulator>();
    QVERIFY(m_simulator->listen());
    QVERIFY(m_simulator->addBot(BotId, QStringLiteral("eu"), Token, m_data));
    m_simulator->setCurrentTime(ReferenceTime);
}

void AllPagesLoaderTest::init()
{
    m_simulator->setLatency(std::chrono::milliseconds(0));
    m_simulator->setQuirks({});
    m_simulator->setFault(SimulatorFault::none());

    ApiEndpoint endpoint;
    endpoint.region = ApiEndpoint::Region::Eu;
    endpoint.usBaseUrl = m_simulator->baseUrl(QStringLiteral("us"));
    endpoint.euBaseUrl = m_simulator->baseUrl(QStringLiteral("eu"));
    endpoint.botId = BotId;
    endpoint.token = Token;
    m_client = std::make_unique<ApiClient>();
    m_client->setEndpoint(endpoint);
    m_client->setTransferTimeout(std::chrono::seconds(10));
    m_loader = std::make_unique<AllPagesLoader>(m_client.get());
}

void AllPagesLoaderTest::cleanup()
{
    m_loader.reset();
    m_client.reset();
}

NotificationQuery AllPagesLoaderTest::query(int pageSize) const
{
    NotificationQuery result;
    result.pageSize = pageSize;
    return result;
}

QStringList AllPagesLoaderTest::runLoad(int pageSize)
{
    QStringList ids;
    QList<int> pages;
    connect(m_loader.get(), &AllPagesLoader::pageLoaded, this, [&](int page, const QList<InboundMessage> &messages, int) {
        pages.append(page);
        for (const InboundMessage &message : messages)
            ids.append(message.messageId);
    });
    QSignalSpy completed(m_loader.get(), &AllPagesLoader::completed);
    m_loader->start(query(pageSize));
    if (!QTest::qWaitFor([&] { return !m_loader->isRunning(); }, WaitMilliseconds))
        return {};
    m_loader->disconnect(this);

    // Pages arrive in any order but are delivered in page order.
    for (qsizetype i = 0; i < pages.size(); ++i) {
        if (pages.at(i) != int(i) + 1)
            return {QStringLiteral("page %1 delivered in place %2").arg(pages.at(i)).arg(i + 1)};
    }
    if (completed.size() != 1)
        return {QStringLiteral("completed() emitted %1 times").arg(completed.size())};
    return ids;
}

void AllPagesLoaderTest::loadsEveryPageInOrder()
{
    const QStringList ids = runLoad(40);

    QCOMPARE(ids.size(), MessageCount);
    QCOMPARE(ids, m_expectedIds);
    QCOMPARE(QSet<QString>(ids.cbegin(), ids.cend()).size(), MessageCount);
    QCOMPARE(m_loader->messagesDelivered(), qint64(MessageCount));
    QCOMPARE(m_loader->pagesDelivered(), (m_callbackCount + 39) / 40);
    QVERIFY(m_loader->messagesPerSecond() > 0);
}

void AllPagesLoaderTest::oneRequestAtATime()
{
    m_loader->setRequestsInFlight(1);
    QCOMPARE(runLoad(100), m_expectedIds);
    QCOMPARE(m_loader->peakRequestsInFlight(), 1);
}

void AllPagesLoaderTest::requestsCappedAtSix()
{
    m_loader->setRequestsInFlight(20);
    QCOMPARE(m_loader->requestsInFlight(), AllPagesLoader::MaxRequestsInFlight);

    m_simulator->setLatency(std::chrono::milliseconds(20));
    QCOMPARE(runLoad(30), m_expectedIds);
    QCOMPARE(m_loader->peakRequestsInFlight(), 6);
}

void AllPagesLoaderTest::repeatedLastPageEnds()
{
    // With a page size that divides the callbacks exactly the last page is full,
    // so only the repeat that follows it shows the end. The main data set's callback
    // count may be prime, so a small bot whose count has a divisor serves this test.
    SimulatedDataSet data;
    int callbackCount = 0;
    int pageSize = 0;
    QStringList expectedIds;
    for (quint32 seed = 1; seed < 50 && pageSize == 0; ++seed) {
        SimulatedDataSet::Options options;
        options.seed = seed;
        options.referenceTime = ReferenceTime;
        options.botId = QStringLiteral("repeat-bot");
        options.inboundCount = 200;
        data = SimulatedDataSet::generate(options);
        callbackCount = 0;
        int previousId = -1;
        expectedIds.clear();
        for (const SimulatedDataSet::InboundNotification &notification : data.notifications()) {
            expectedIds.append(notification.json.value(QStringLiteral("message_id")).toString());
            callbackCount += notification.callbackId != previousId ? 1 : 0;
            previousId = notification.callbackId;
        }
        for (int candidate = 10; candidate <= 40 && pageSize == 0; ++candidate) {
            if (callbackCount % candidate == 0)
                pageSize = candidate;
        }
    }
    QVERIFY2(pageSize > 0, "no seed from 1 to 49 gives a callback count with a divisor from 10 to 40");
    QVERIFY(m_simulator->addBot(QStringLiteral("repeat-bot"), QStringLiteral("eu"), Token, data));
    ApiEndpoint endpoint = m_client->endpoint();
    endpoint.botId = QStringLiteral("repeat-bot");
    m_client->setEndpoint(endpoint);
    m_simulator->setQuirks(CallbackStoreSimulator::Quirk::RepeatLastPage);

    QSignalSpy completed(m_loader.get(), &AllPagesLoader::completed);
    QCOMPARE(runLoad(pageSize), expectedIds);

    QCOMPARE(completed.size(), 1);
    QCOMPARE(completed.at(0).at(0).toInt(), callbackCount / pageSize);
    QVERIFY2(completed.at(0).at(1).toString().contains(QStringLiteral("again")),
             qPrintable(completed.at(0).at(1).toString()));
}

void AllPagesLoaderTest::exactMultipleEndsOnEmptyPage()
{
    QSignalSpy completed(m_loader.get(), &AllPagesLoader::completed);
    const QStringList ids = runLoad(m_callbackCount);

    QCOMPARE(ids, m_expectedIds);
    QCOMPARE(completed.size(), 1);
    QCOMPARE(completed.at(0).at(0).toInt(), 1);
    QVERIFY2(completed.at(0).at(1).toString().contains(QStringLiteral("empty")),
             qPrintable(completed.at(0).at(1).toString()));
}

void AllPagesLoaderTest::failureKeepsDeliveredPages()
{
    // Requests wait in the simulator, so the fault set after the first delivery
    // reaches only the pages requested after it.
    m_simulator->setLatency(std::chrono::milliseconds(30));
    QSignalSpy failed(m_loader.get(), &AllPagesLoader::failed);
    QSignalSpy completed(m_loader.get(), &AllPagesLoader::completed);
    QStringList ids;
    connect(m_loader.get(), &AllPagesLoader::pageLoaded, this, [&](int, const QList<InboundMessage> &messages, int) {
        for (const InboundMessage &message : messages)
            ids.append(message.messageId);
        m_simulator->setFault(SimulatorFault::status(401));
    });

    m_loader->start(query(20));
    QTRY_VERIFY_WITH_TIMEOUT(!m_loader->isRunning(), WaitMilliseconds);

    QCOMPARE(completed.size(), 0);
    QCOMPARE(failed.size(), 1);
    const int failedPage = failed.at(0).at(0).toInt();
    QVERIFY2(failedPage > 1, qPrintable(QString::number(failedPage)));
    const ApiError error = failed.at(0).at(1).value<ApiError>();
    QCOMPARE(error.httpStatus, 401);
    QCOMPARE(m_loader->pagesDelivered(), failedPage - 1);
    QCOMPARE(ids, m_expectedIds.mid(0, ids.size()));
    QCOMPARE(qint64(ids.size()), m_loader->messagesDelivered());
}

void AllPagesLoaderTest::cancelStopsDelivery()
{
    m_simulator->setLatency(std::chrono::milliseconds(30));
    QSignalSpy cancelled(m_loader.get(), &AllPagesLoader::cancelled);
    QSignalSpy completed(m_loader.get(), &AllPagesLoader::completed);
    QSignalSpy loaded(m_loader.get(), &AllPagesLoader::pageLoaded);

    m_loader->start(query(20));
    QTRY_VERIFY_WITH_TIMEOUT(loaded.size() >= 2, WaitMilliseconds);
    m_loader->cancel();
    const qsizetype deliveredAtCancel = loaded.size();
    QTest::qWait(200);

    QCOMPARE(cancelled.size(), 1);
    QCOMPARE(completed.size(), 0);
    QVERIFY(!m_loader->isRunning());
    QCOMPARE(loaded.size(), deliveredAtCancel);
    QCOMPARE(m_loader->pagesDelivered(), int(deliveredAtCancel));

    m_loader->cancel();
    QCOMPARE(cancelled.size(), 1);
}

void AllPagesLoaderTest::rateLimitRetriesAndCompletes()
{
    m_simulator->setQuirks(CallbackStoreSimulator::Quirk::RateLimited);
    QSignalSpy retries(m_loader.get(), &AllPagesLoader::retryScheduled);

    QCOMPARE(runLoad(200), m_expectedIds);
    QVERIFY(!retries.isEmpty());
    QCOMPARE(retries.at(0).at(1).toInt(), 429);
    QCOMPARE(retries.at(0).at(2).toInt(), 1);
}

QTEST_MAIN(AllPagesLoaderTest)
#include "allpagesloader_test.moc"
