// Checks that no bearer token reaches a log message or an error text. Every
// logging category is switched to debug (QT_LOGGING_RULES="*.debug=true", Qt's own
// network categories included) while ApiClient, ConnectionTester and TokenVault's
// session tokens go through success, 401, 400, refused and TLS failures.

#include "apiclient.h"
#include "callbackstoresimulator.h"
#include "connectiontester.h"
#include "notificationpagereply.h"
#include "simulateddataset.h"
#include "statushistoryreply.h"
#include "tokenvault.h"

#include <QMutex>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <memory>

using namespace std::chrono_literals;

namespace {

const QString BotId = QStringLiteral("leak-check-bot");
const QString Token = QStringLiteral("leak-check-token-3f9a1c7e");
const QString WrongToken = QStringLiteral("leak-check-wrong-token-b42d");

QMutex capturedMutex;
QStringList capturedMessages;

// Keeps every message, from any thread, with its category.
void captureMessage(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        const QMutexLocker locker(&capturedMutex);
        capturedMessages.append(QStringLiteral("%1: %2").arg(QLatin1String(context.category ? context.category : "default"),
                                                            message));
    }
    if (type == QtFatalMsg)
        std::abort();
}

// A TCP server that answers anything with plain text, so a TLS client fails its handshake.
class PlainTextServer : public QObject
{
public:
    bool listen()
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, socket, [socket] {
                    socket->readAll();
                    socket->write("HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\nnot tls");
                });
            }
        });
        return m_server.listen(QHostAddress::LocalHost, 0);
    }
    quint16 port() const { return m_server.serverPort(); }

private:
    QTcpServer m_server;
};

} // namespace

class CredentialLeakTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void successfulRequests();
    void rejectedToken();
    void badRequest();
    void connectionRefused();
    void tlsFailure();
    void connectionTests();
    void sessionTokens();
    // Runs last: searches everything the tests above collected.
    void tokenAppearsNowhere();

private:
    ApiEndpoint endpoint(const QString &token) const;
    // Waits for the reply and keeps the texts of its error.
    void collect(ApiReply *reply);
    void collect(const ConnectionTestResult &result);

    std::unique_ptr<CallbackStoreSimulator> m_simulator;
    QtMessageHandler m_previousHandler = nullptr;
    QStringList m_userTexts;
};

void CredentialLeakTest::initTestCase()
{
    SimulatedDataSet::Options options;
    options.botId = BotId;
    options.inboundCount = 20;
    m_simulator = std::make_unique<CallbackStoreSimulator>();
    QVERIFY(m_simulator->listen());
    QVERIFY(m_simulator->addBot(BotId, QStringLiteral("eu"), Token, SimulatedDataSet::generate(options)));

    m_previousHandler = qInstallMessageHandler(captureMessage);
}

void CredentialLeakTest::cleanupTestCase()
{
    qInstallMessageHandler(m_previousHandler);
}

ApiEndpoint CredentialLeakTest::endpoint(const QString &token) const
{
    ApiEndpoint endpoint;
    endpoint.region = ApiEndpoint::Region::Eu;
    endpoint.usBaseUrl = m_simulator->baseUrl(QStringLiteral("us"));
    endpoint.euBaseUrl = m_simulator->baseUrl(QStringLiteral("eu"));
    endpoint.botId = BotId;
    endpoint.token = token;
    return endpoint;
}

void CredentialLeakTest::collect(ApiReply *reply)
{
    QSignalSpy finished(reply, &ApiReply::finished);
    QVERIFY(reply->isFinished() || finished.wait(15000));
    if (!reply->hasError())
        return;
    const ApiError &error = *reply->error();
    m_userTexts << error.toUserText() << error.summary() << error.networkErrorText << error.serverMessage
                << error.serverDetails << QString::fromUtf8(error.rawBody) << error.settingsProblem;
}

void CredentialLeakTest::collect(const ConnectionTestResult &result)
{
    m_userTexts << result.toUserText() << result.summary();
    if (result.error)
        m_userTexts << result.error->toUserText() << result.error->networkErrorText;
    if (result.otherRegionError)
        m_userTexts << result.otherRegionError->toUserText();
}

void CredentialLeakTest::successfulRequests()
{
    ApiClient client;
    client.setEndpoint(endpoint(Token));
    std::unique_ptr<NotificationPageReply> page(client.fetchNotifications(NotificationQuery()));
    collect(page.get());
    QVERIFY(!page->hasError());

    std::unique_ptr<StatusHistoryReply> history(client.fetchStatusHistory(QStringLiteral("made-up-message-id")));
    collect(history.get());
    QVERIFY(!history->hasError());
}

void CredentialLeakTest::rejectedToken()
{
    ApiClient client;
    client.setEndpoint(endpoint(WrongToken));
    std::unique_ptr<NotificationPageReply> page(client.fetchNotifications(NotificationQuery()));
    collect(page.get());
    QVERIFY(page->hasError());
    QCOMPARE(page->error()->httpStatus, 401);
}

void CredentialLeakTest::badRequest()
{
    // A start time in the future with no end time passes the client's checks, but the
    // server's end time defaults to now, so the server answers 400.
    NotificationQuery query;
    query.startTime = QDateTime::currentDateTimeUtc().addDays(2);

    ApiClient client;
    client.setEndpoint(endpoint(Token));
    std::unique_ptr<NotificationPageReply> page(client.fetchNotifications(query));
    collect(page.get());
    QVERIFY(page->hasError());
    QCOMPARE(page->error()->httpStatus, 400);
}

void CredentialLeakTest::connectionRefused()
{
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
    const quint16 port = probe.serverPort();
    probe.close();

    ApiEndpoint refused = endpoint(Token);
    refused.region = ApiEndpoint::Region::Custom;
    refused.customBaseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port));
    ApiClient client;
    client.setEndpoint(refused);
    std::unique_ptr<NotificationPageReply> page(client.fetchNotifications(NotificationQuery()));
    collect(page.get());
    QVERIFY(page->hasError());
    QCOMPARE(page->error()->kind, ApiError::Kind::Network);
}

void CredentialLeakTest::tlsFailure()
{
    PlainTextServer server;
    QVERIFY(server.listen());
    ApiEndpoint tls = endpoint(Token);
    tls.region = ApiEndpoint::Region::Custom;
    tls.customBaseUrl = QUrl(QStringLiteral("https://127.0.0.1:%1").arg(server.port()));
    ApiClient client;
    client.setEndpoint(tls);
    std::unique_ptr<NotificationPageReply> page(client.fetchNotifications(NotificationQuery()));
    collect(page.get());
    QVERIFY(page->hasError());
    QCOMPARE(page->error()->kind, ApiError::Kind::Tls);
}

void CredentialLeakTest::connectionTests()
{
    ConnectionTester tester;
    QSignalSpy finished(&tester, &ConnectionTester::finished);

    ApiEndpoint wrongRegion = endpoint(Token);
    wrongRegion.region = ApiEndpoint::Region::Us;
    tester.start(wrongRegion);
    QVERIFY(finished.wait(15000));
    const ConnectionTestResult found = qvariant_cast<ConnectionTestResult>(finished.takeFirst().at(0));
    QCOMPARE(found.outcome, ConnectionTestResult::Outcome::FoundInOtherRegion);
    collect(found);

    tester.start(endpoint(WrongToken));
    QVERIFY(finished.wait(15000));
    const ConnectionTestResult rejected = qvariant_cast<ConnectionTestResult>(finished.takeFirst().at(0));
    QCOMPARE(rejected.outcome, ConnectionTestResult::Outcome::TokenRejected);
    collect(rejected);
}

void CredentialLeakTest::sessionTokens()
{
    TokenVault vault(QStringLiteral("callback-store-inspector-leak-test"));
    vault.keepTokenForSession(QStringLiteral("leak check"), Token);
    std::unique_ptr<TokenVaultReply> reply(vault.readToken(QStringLiteral("leak check")));
    QSignalSpy finished(reply.get(), &TokenVaultReply::finished);
    QVERIFY(finished.wait(5000));
    QCOMPARE(reply->token(), Token);
}

void CredentialLeakTest::tokenAppearsNowhere()
{
    qInstallMessageHandler(m_previousHandler);
    QStringList messages;
    {
        const QMutexLocker locker(&capturedMutex);
        messages = capturedMessages;
    }

    // The capture must have seen the client's debug output, or it proves nothing.
    const auto fromCategory = [&messages](const QString &category) {
        return std::count_if(messages.cbegin(), messages.cend(),
                             [&category](const QString &message) { return message.startsWith(category); });
    };
    QVERIFY2(fromCategory(QStringLiteral("inspector.net:")) >= 5, qPrintable(messages.join(QLatin1Char('\n'))));
    QVERIFY(fromCategory(QStringLiteral("inspector.profiles:")) >= 1);
    QVERIFY(m_userTexts.size() >= 20);

    for (const QString &secret : {Token, WrongToken}) {
        const QStringList forms{secret, QString::fromLatin1(secret.toUtf8().toBase64()),
                                QString::fromLatin1(QUrl::toPercentEncoding(secret))};
        for (const QString &form : forms) {
            for (const QString &message : std::as_const(messages)) {
                QVERIFY2(!message.contains(form), qPrintable(QStringLiteral("token in a log message: ") + message));
            }
            for (const QString &text : std::as_const(m_userTexts))
                QVERIFY2(!text.contains(form), qPrintable(QStringLiteral("token in an error text: ") + text));
        }
    }
}

// Switches on every debug category before Qt reads the logging rules.
int main(int argc, char **argv)
{
    qputenv("QT_LOGGING_RULES", "*.debug=true");
    QCoreApplication app(argc, argv);
    CredentialLeakTest test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "credentialleak_test.moc"
