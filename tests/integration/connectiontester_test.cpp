// ConnectionTester against the simulated Callback Store and small local servers
// that refuse, stall or answer without TLS. Every server listens on 127.0.0.1.

#include "callbackstoresimulator.h"
#include "connectiontester.h"
#include "simulateddataset.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimeZone>

#include <memory>

using namespace std::chrono_literals;
using Outcome = ConnectionTestResult::Outcome;
using Region = ApiEndpoint::Region;

namespace {

const QString EuBot = QStringLiteral("support-bot-eu");
const QString EuToken = QStringLiteral("token-of-the-eu-bot");
const QString UsBot = QStringLiteral("sales-bot-us");
const QString UsToken = QStringLiteral("token-of-the-us-bot");

// A TCP server that answers whatever arrives with plain text, so a TLS client
// fails its handshake. It keeps what it received for inspection.
class PlainTextServer : public QObject
{
public:
    bool listen()
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] {
                    m_received += socket->readAll();
                    socket->write("HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\nnot tls");
                });
            }
        });
        return m_server.listen(QHostAddress::LocalHost, 0);
    }
    quint16 port() const { return m_server.serverPort(); }
    const QByteArray &received() const { return m_received; }

private:
    QTcpServer m_server;
    QByteArray m_received;
};

// A TCP server that accepts connections and never answers.
class SilentServer : public QObject
{
public:
    bool listen()
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection())
                m_sockets.append(socket);
        });
        return m_server.listen(QHostAddress::LocalHost, 0);
    }
    quint16 port() const { return m_server.serverPort(); }

private:
    QTcpServer m_server;
    QList<QTcpSocket *> m_sockets;
};

quint16 freePort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    const quint16 port = probe.serverPort();
    probe.close();
    return port;
}

} // namespace

class ConnectionTesterTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();

    void ok();
    void probeIsSmall();
    void probeUsesJsonBody();
    void wrongToken();
    void foundInUsRegion();
    void foundInEuRegion();
    void customUrlGetsNoRegionRetry();
    void unknownPathIsNotFound();
    void connectionRefused();
    void tlsFailure();
    void timeout();
    void emptyTokenSendsNothing();
    void plainHttpToRemoteHostSendsNothing();
    void cancelEndsOnce();
    void restartCancelsRunningTest();

private:
    ApiEndpoint endpoint(Region region, const QString &botId, const QString &token) const;
    // Runs one test and returns its result, checking that finished() came exactly once.
    ConnectionTestResult runTest(const ApiEndpoint &endpoint);

    std::unique_ptr<CallbackStoreSimulator> m_simulator;
    std::unique_ptr<ConnectionTester> m_tester;
};

void ConnectionTesterTest::initTestCase()
{
    SimulatedDataSet::Options options;
    options.referenceTime = QDateTime(QDate(2026, 12, 1), QTime(0, 0), QTimeZone::utc());
    options.inboundCount = 20;

    m_simulator = std::make_unique<CallbackStoreSimulator>();
    QVERIFY(m_simulator->listen());
    options.botId = EuBot;
    QVERIFY(m_simulator->addBot(EuBot, QStringLiteral("eu"), EuToken, SimulatedDataSet::generate(options)));
    options.botId = UsBot;
    QVERIFY(m_simulator->addBot(UsBot, QStringLiteral("us"), UsToken, SimulatedDataSet::generate(options)));
}

void ConnectionTesterTest::init()
{
    m_simulator->setLatency(0ms);
    m_tester = std::make_unique<ConnectionTester>();
    m_tester->setTransferTimeout(10s);
}

ApiEndpoint ConnectionTesterTest::endpoint(Region region, const QString &botId, const QString &token) const
{
    ApiEndpoint endpoint;
    endpoint.region = region;
    endpoint.usBaseUrl = m_simulator->baseUrl(QStringLiteral("us"));
    endpoint.euBaseUrl = m_simulator->baseUrl(QStringLiteral("eu"));
    endpoint.botId = botId;
    endpoint.token = token;
    return endpoint;
}

ConnectionTestResult ConnectionTesterTest::runTest(const ApiEndpoint &endpoint)
{
    QSignalSpy finished(m_tester.get(), &ConnectionTester::finished);
    m_tester->start(endpoint);
    if (!m_tester->isRunning())
        qWarning("the tester is not running right after start()");
    if (!finished.wait(15000))
        qWarning("the connection test did not finish");
    QTest::qWait(50);
    if (finished.count() != 1) {
        qWarning("finished() came %d times", int(finished.count()));
        return ConnectionTestResult();
    }
    if (m_tester->isRunning())
        qWarning("the tester still runs after finished()");
    return qvariant_cast<ConnectionTestResult>(finished.at(0).at(0));
}

void ConnectionTesterTest::ok()
{
    const ConnectionTestResult result = runTest(endpoint(Region::Eu, EuBot, EuToken));
    QCOMPARE(result.outcome, Outcome::Ok);
    QVERIFY(result.isOk());
    QCOMPARE(result.testedRegion, Region::Eu);
    QCOMPARE(result.botId, EuBot);
    QVERIFY(!result.error);
    QVERIFY2(result.summary().startsWith(QStringLiteral("Connected: the EU server")), qPrintable(result.summary()));
    QCOMPARE(m_tester->lastResult().outcome, Outcome::Ok);
}

void ConnectionTesterTest::probeIsSmall()
{
    QCOMPARE(runTest(endpoint(Region::Eu, EuBot, EuToken)).outcome, Outcome::Ok);

    const CallbackStoreSimulator::RecordedRequest request = m_simulator->lastRequest();
    QCOMPARE(request.path, QStringLiteral("/eu/whatsapp/v1/%1/callbacks/notifications").arg(EuBot));
    QCOMPARE(request.query.queryItemValue(QStringLiteral("page_size")), QStringLiteral("1"));
    const QDateTime start = QDateTime::fromString(request.query.queryItemValue(QStringLiteral("start_time")), Qt::ISODateWithMs);
    const QDateTime end = QDateTime::fromString(request.query.queryItemValue(QStringLiteral("end_time")), Qt::ISODateWithMs);
    QVERIFY(start.isValid());
    QVERIFY(end.isValid());
    QCOMPARE(start.secsTo(end), 60);
}

void ConnectionTesterTest::probeUsesJsonBody()
{
    ApiEndpoint jsonEndpoint = endpoint(Region::Eu, EuBot, EuToken);
    jsonEndpoint.filterEncoding = ApiEndpoint::FilterEncoding::JsonBody;
    QCOMPARE(runTest(jsonEndpoint).outcome, Outcome::Ok);

    const CallbackStoreSimulator::RecordedRequest request = m_simulator->lastRequest();
    QVERIFY(request.query.isEmpty());
    QVERIFY2(request.body.contains("\"page_size\":1"), request.body.constData());
}

void ConnectionTesterTest::wrongToken()
{
    const int requestsBefore = m_simulator->requestCount();
    const ConnectionTestResult result = runTest(endpoint(Region::Eu, EuBot, QStringLiteral("not-the-token")));

    QCOMPARE(result.outcome, Outcome::TokenRejected);
    QCOMPARE(m_simulator->requestCount() - requestsBefore, 2);
    QVERIFY(result.error);
    QCOMPARE(result.error->httpStatus, 401);
    QVERIFY(result.otherRegionError);
    QCOMPARE(result.otherRegionError->httpStatus, 401);
    QVERIFY(!result.foundInRegion);
    QVERIFY2(result.summary().contains(QStringLiteral("rejected for bot \"support-bot-eu\" in both the US and the EU region")),
             qPrintable(result.summary()));
    QVERIFY2(result.toUserText().contains(QStringLiteral("Check the token and the bot id")), qPrintable(result.toUserText()));
}

void ConnectionTesterTest::foundInUsRegion()
{
    const ConnectionTestResult result = runTest(endpoint(Region::Eu, UsBot, UsToken));
    QCOMPARE(result.outcome, Outcome::FoundInOtherRegion);
    QCOMPARE(result.testedRegion, Region::Eu);
    QCOMPARE(result.foundInRegion, std::optional<Region>(Region::Us));
    QCOMPARE(m_simulator->lastRequest().path, QStringLiteral("/us/whatsapp/v1/%1/callbacks/notifications").arg(UsBot));
    QVERIFY2(result.summary().contains(QStringLiteral("was found in the US region, not in the EU region")),
             qPrintable(result.summary()));
    QVERIFY2(result.toUserText().contains(QStringLiteral("Switch the profile's region to US.")), qPrintable(result.toUserText()));
}

void ConnectionTesterTest::foundInEuRegion()
{
    const ConnectionTestResult result = runTest(endpoint(Region::Us, EuBot, EuToken));
    QCOMPARE(result.outcome, Outcome::FoundInOtherRegion);
    QCOMPARE(result.foundInRegion, std::optional<Region>(Region::Eu));
    QVERIFY2(result.summary().contains(QStringLiteral("found in the EU region")), qPrintable(result.summary()));
}

void ConnectionTesterTest::customUrlGetsNoRegionRetry()
{
    ApiEndpoint custom = endpoint(Region::Custom, UsBot, UsToken);
    custom.customBaseUrl = m_simulator->baseUrl(QStringLiteral("eu"));
    const int requestsBefore = m_simulator->requestCount();

    const ConnectionTestResult result = runTest(custom);
    QCOMPARE(result.outcome, Outcome::TokenRejected);
    QCOMPARE(m_simulator->requestCount() - requestsBefore, 1);
    QVERIFY(!result.otherRegionError);
    QVERIFY2(result.summary().startsWith(QStringLiteral("The server at 127.0.0.1:%1 rejected").arg(m_simulator->port())),
             qPrintable(result.summary()));
    QVERIFY2(result.toUserText().contains(QStringLiteral("check that this server serves bot \"sales-bot-us\"")),
             qPrintable(result.toUserText()));
}

void ConnectionTesterTest::unknownPathIsNotFound()
{
    ApiEndpoint custom = endpoint(Region::Custom, EuBot, EuToken);
    custom.customBaseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1/nowhere").arg(m_simulator->port()));

    const ConnectionTestResult result = runTest(custom);
    QCOMPARE(result.outcome, Outcome::NotFound);
    QVERIFY2(result.toUserText().contains(QStringLiteral("Check the base URL and the bot id")), qPrintable(result.toUserText()));
}

void ConnectionTesterTest::connectionRefused()
{
    const quint16 port = freePort();
    QVERIFY(port != 0);
    ApiEndpoint custom = endpoint(Region::Custom, EuBot, EuToken);
    custom.customBaseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));

    const ConnectionTestResult result = runTest(custom);
    QCOMPARE(result.outcome, Outcome::ConnectionRefused);
    QVERIFY2(result.summary().contains(QStringLiteral("was refused")), qPrintable(result.summary()));
    QVERIFY2(result.toUserText().contains(QStringLiteral("Nothing is listening there")), qPrintable(result.toUserText()));
}

void ConnectionTesterTest::tlsFailure()
{
    PlainTextServer server;
    QVERIFY(server.listen());
    ApiEndpoint custom = endpoint(Region::Custom, EuBot, EuToken);
    custom.customBaseUrl = QUrl(QStringLiteral("https://127.0.0.1:%1").arg(server.port()));

    const ConnectionTestResult result = runTest(custom);
    QCOMPARE(result.outcome, Outcome::TlsFailed);
    QVERIFY2(result.toUserText().contains(QStringLiteral("The token was not sent")), qPrintable(result.toUserText()));
    // The server saw the TLS handshake only, never the request with its header.
    QVERIFY(!server.received().isEmpty());
    QVERIFY(!server.received().contains(EuToken.toUtf8()));
    QVERIFY(!server.received().contains("Authorization"));
}

void ConnectionTesterTest::timeout()
{
    SilentServer server;
    QVERIFY(server.listen());
    ApiEndpoint custom = endpoint(Region::Custom, EuBot, EuToken);
    custom.customBaseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(server.port()));
    m_tester->setTransferTimeout(300ms);

    const ConnectionTestResult result = runTest(custom);
    QCOMPARE(result.outcome, Outcome::TimedOut);
    QVERIFY2(result.summary().contains(QStringLiteral("timed out")), qPrintable(result.summary()));
}

void ConnectionTesterTest::emptyTokenSendsNothing()
{
    const int requestsBefore = m_simulator->requestCount();
    const ConnectionTestResult result = runTest(endpoint(Region::Eu, EuBot, QString()));
    QCOMPARE(result.outcome, Outcome::InvalidSettings);
    QCOMPARE(result.summary(), QStringLiteral("Enter the bearer token."));
    QCOMPARE(m_simulator->requestCount(), requestsBefore);
}

void ConnectionTesterTest::plainHttpToRemoteHostSendsNothing()
{
    // The .invalid top-level domain never resolves, and validation rejects the URL
    // before any lookup.
    ApiEndpoint custom = endpoint(Region::Custom, EuBot, EuToken);
    custom.customBaseUrl = QUrl(QStringLiteral("http://callback-store.invalid"));

    const ConnectionTestResult result = runTest(custom);
    QCOMPARE(result.outcome, Outcome::InvalidSettings);
    QVERIFY2(result.summary().contains(QStringLiteral("Plain http:// is refused")), qPrintable(result.summary()));
}

void ConnectionTesterTest::cancelEndsOnce()
{
    m_simulator->setLatency(2s);
    QSignalSpy finished(m_tester.get(), &ConnectionTester::finished);
    m_tester->start(endpoint(Region::Eu, EuBot, EuToken));
    QVERIFY(m_tester->isRunning());

    m_tester->cancel();
    QCOMPARE(finished.count(), 1);
    QVERIFY(!m_tester->isRunning());
    QCOMPARE(qvariant_cast<ConnectionTestResult>(finished.at(0).at(0)).outcome, Outcome::Cancelled);

    m_tester->cancel();
    QTest::qWait(2500);
    QCOMPARE(finished.count(), 1);
}

void ConnectionTesterTest::restartCancelsRunningTest()
{
    m_simulator->setLatency(500ms);
    QSignalSpy finished(m_tester.get(), &ConnectionTester::finished);
    m_tester->start(endpoint(Region::Eu, EuBot, QStringLiteral("first attempt")));
    m_tester->start(endpoint(Region::Eu, EuBot, EuToken));

    QVERIFY(QTest::qWaitFor([&] { return finished.count() == 2; }, 10000));
    QCOMPARE(qvariant_cast<ConnectionTestResult>(finished.at(0).at(0)).outcome, Outcome::Cancelled);
    QCOMPARE(qvariant_cast<ConnectionTestResult>(finished.at(1).at(0)).outcome, Outcome::Ok);
    QTest::qWait(1500);
    QCOMPARE(finished.count(), 2);
}

QTEST_GUILESS_MAIN(ConnectionTesterTest)

#include "connectiontester_test.moc"
