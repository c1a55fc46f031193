#include "callbackstoresimulator.h"
#include "profilestore.h"
#include "readcommand.h"
#include "simulateddataset.h"
#include "tokenvault.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace {

const QString BotId = QStringLiteral("cli-bot");
const QString Token = QStringLiteral("token-for-cli-bot");

// The quirks of real traffic that the reading must survive, all at once.
const QString RealTrafficQuirks = QStringLiteral(
    "out-of-order,duplicates,repeat-last-page,epoch-times,offset-times,missing-times,messy-numbers,partial-data");

struct RunResult
{
    int exitStatus = -1;
    QByteArray output;
    QByteArray errors;
};

} // namespace

class ReadCommandTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void messagesJsonWithQuirks();
    void messagesTable();
    void historyJsonWithQuirks();
    void historyTable();
    void usageErrors_data();
    void usageErrors();
    void missingToken();
    void unauthorizedGoesToStandardError();
    void tokenNeverPrinted();
    void profileMessagesWithTokenFromEnvironment();
    void profileHistoryWithTokenFromVault();
    void profileFilterEncoding();
    void profileWithoutTokenAnywhere();
    void unknownProfileListsNames();
    void profileExcludesServerOptions_data();
    void profileExcludesServerOptions();

private:
    RunResult run(const QStringList &arguments);
    QStringList serverArguments() const;
    QString historyMessageId() const;

    std::unique_ptr<CallbackStoreSimulator> m_simulator;
    SimulatedDataSet m_data;
    std::unique_ptr<QTemporaryDir> m_directory;
    std::unique_ptr<TokenVault> m_vault;
    // The saved profiles that --profile reads, in m_directory.
    std::unique_ptr<ProfileStore> m_profiles;
};

void ReadCommandTest::initTestCase()
{
    SimulatedDataSet::Options options;
    options.seed = 11;
    options.referenceTime = QDateTime(QDate(2026, 12, 1), QTime(0, 0), Qt::UTC);
    options.botId = BotId;
    options.inboundCount = 120;
    m_data = SimulatedDataSet::generate(options);

    m_simulator = std::make_unique<CallbackStoreSimulator>();
    QVERIFY(m_simulator->listen());
    QVERIFY(m_simulator->addBot(BotId, QStringLiteral("us"), Token, m_data));
    m_simulator->setCurrentTime(options.referenceTime);

    // No test here may reach a keychain: without a session bus, every keychain
    // request fails with "no keychain" at once. The bus address, the display that
    // libdbus could start a bus through, and the folder of the systemd user bus go.
    qunsetenv("DBUS_SESSION_BUS_ADDRESS");
    qunsetenv("DISPLAY");
    qunsetenv("WAYLAND_DISPLAY");
    qunsetenv("XDG_RUNTIME_DIR");
    m_vault = std::make_unique<TokenVault>(QStringLiteral("callback-store-inspector-readcommand-test"));
}

void ReadCommandTest::init()
{
    m_directory = std::make_unique<QTemporaryDir>();
    QVERIFY(m_directory->isValid());
    qputenv(ReadCommand::TokenVariable, Token.toUtf8());
    QStringList unknown;
    m_simulator->setQuirks(CallbackStoreSimulator::parseQuirks(RealTrafficQuirks, &unknown));
    QVERIFY(unknown.isEmpty());

    m_profiles = std::make_unique<ProfileStore>(m_directory->filePath(QStringLiteral("profiles.ini")), m_vault.get());
    ConnectionProfile us;
    us.name = QStringLiteral("CLI US");
    us.botId = BotId;
    us.region = ApiEndpoint::Region::Us;
    QCOMPARE(m_profiles->createProfile(us), QList<ConnectionProfile::Problem>());
    ConnectionProfile json = us;
    json.name = QStringLiteral("CLI JSON body");
    json.region = ApiEndpoint::Region::Custom;
    json.customBaseUrl = m_simulator->baseUrl(QStringLiteral("us"));
    json.filterEncoding = ApiEndpoint::FilterEncoding::JsonBody;
    QCOMPARE(m_profiles->createProfile(json), QList<ConnectionProfile::Problem>());
}

void ReadCommandTest::cleanup()
{
    qunsetenv(ReadCommand::TokenVariable);
    m_vault->sessionTokens().clear();
    m_profiles.reset();
}

QStringList ReadCommandTest::serverArguments() const
{
    return {QStringLiteral("--base-url"), m_simulator->baseUrl(QStringLiteral("us")).toString(), QStringLiteral("--bot"), BotId};
}

QString ReadCommandTest::historyMessageId() const
{
    for (const QString &id : m_data.statusMessageIds()) {
        if (m_data.statusHistory(id)->callbacks.size() >= 4)
            return id;
    }
    return QString();
}

RunResult ReadCommandTest::run(const QStringList &arguments)
{
    QFile output(m_directory->filePath(QStringLiteral("output")));
    QFile errors(m_directory->filePath(QStringLiteral("errors")));
    if (!output.open(QIODevice::WriteOnly | QIODevice::Truncate) || !errors.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot open output files");

    RunResult result;
    ReadCommand command(&output, &errors);
    command.setProfileStore(m_profiles.get());
    command.setRegionBaseUrls(m_simulator->baseUrl(QStringLiteral("us")), m_simulator->baseUrl(QStringLiteral("eu")));
    QSignalSpy finished(&command, &ReadCommand::finished);
    const std::optional<int> immediate = command.start(QStringList{QStringLiteral("callback-inspector")} + arguments);
    if (immediate) {
        result.exitStatus = *immediate;
    } else if (finished.wait(30000)) {
        result.exitStatus = finished.at(0).at(0).toInt();
    }
    output.close();
    errors.close();

    output.open(QIODevice::ReadOnly);
    errors.open(QIODevice::ReadOnly);
    result.output = output.readAll();
    result.errors = errors.readAll();
    return result;
}

void ReadCommandTest::messagesJsonWithQuirks()
{
    // The pages must all be full for the server's repeat of the last page to be
    // requested, so the page size divides the number of callbacks.
    int callbackCount = 0;
    int previousId = -1;
    for (const SimulatedDataSet::InboundNotification &notification : m_data.notifications()) {
        callbackCount += notification.callbackId != previousId ? 1 : 0;
        previousId = notification.callbackId;
    }
    int pageSize = 10;
    while (callbackCount % pageSize != 0)
        ++pageSize;

    const RunResult result = run(QStringList{QStringLiteral("messages"), QStringLiteral("--all-pages"), QStringLiteral("--page-size"),
                                             QString::number(pageSize), QStringLiteral("--format"), QStringLiteral("json")}
                                 + serverArguments());
    QCOMPARE(result.exitStatus, 0);

    const QList<QByteArray> lines = result.output.trimmed().split('\n');
    QCOMPARE(lines.size(), m_data.notifications().size());

    static const QRegularExpression isoUtc(QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z$"));
    QSet<QString> ids;
    int withoutId = 0;
    int withProblems = 0;
    int withoutTime = 0;
    for (const QByteArray &line : lines) {
        QJsonParseError error;
        const QJsonObject object = QJsonDocument::fromJson(line, &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        for (const char *key : {"message_id", "from", "from_normalized", "name", "time", "raw_time", "type", "preview",
                                "reply_to", "problems"})
            QVERIFY2(object.contains(QLatin1String(key)), key);

        const QString id = object.value(QLatin1String("message_id")).toString();
        if (id.isEmpty())
            ++withoutId;
        else
            ids.insert(id);
        const QString digits = object.value(QLatin1String("from_normalized")).toString();
        for (const QChar c : digits)
            QVERIFY2(c.isDigit(), qPrintable(digits));

        const QJsonValue time = object.value(QLatin1String("time"));
        if (time.isNull())
            ++withoutTime;
        else
            QVERIFY2(isoUtc.match(time.toString()).hasMatch(), qPrintable(time.toString()));
        withProblems += object.value(QLatin1String("problems")).toArray().isEmpty() ? 0 : 1;
    }
    QCOMPARE(ids.size() + withoutId, lines.size());
    QVERIFY(withProblems > 0);
    QVERIFY(withoutTime > 0);

    // The server repeats its last page past the end; the reading stops there and says so.
    QVERIFY2(result.errors.contains("again as page"), result.errors.constData());
    QVERIFY(result.errors.contains("unreadable parts"));
}

void ReadCommandTest::messagesTable()
{
    m_simulator->setQuirks({});
    const RunResult result = run(QStringList{QStringLiteral("messages"), QStringLiteral("--page-size"), QStringLiteral("5")}
                                 + serverArguments());
    QCOMPARE(result.exitStatus, 0);
    const QList<QByteArray> lines = result.output.trimmed().split('\n');
    QVERIFY(lines.at(0).startsWith("TIME"));
    QVERIFY(lines.at(0).contains("MESSAGE ID"));
    QVERIFY(lines.size() >= 6);
    QVERIFY(result.errors.isEmpty());
}

void ReadCommandTest::historyJsonWithQuirks()
{
    const QString messageId = historyMessageId();
    QVERIFY(!messageId.isEmpty());

    const RunResult result = run(QStringList{QStringLiteral("history"), messageId, QStringLiteral("--format"),
                                             QStringLiteral("json")}
                                 + serverArguments());
    QCOMPARE(result.exitStatus, 0);

    const QJsonObject object = QJsonDocument::fromJson(result.output).object();
    QCOMPARE(object.value(QLatin1String("message_id")).toString(), messageId);
    QVERIFY(!object.value(QLatin1String("current_state")).toString().isEmpty());

    const QJsonArray updates = object.value(QLatin1String("updates")).toArray();
    QVERIFY(updates.size() >= 3);
    bool sawDuplicate = false;
    for (const QJsonValue &value : updates) {
        const QJsonObject update = value.toObject();
        for (const char *key : {"state", "status", "time", "raw_time", "arrival", "count", "details", "flags"})
            QVERIFY2(update.contains(QLatin1String(key)), key);
        QVERIFY(update.value(QLatin1String("count")).toInt() >= 1);
        const QJsonArray flags = update.value(QLatin1String("flags")).toArray();
        if (update.value(QLatin1String("count")).toInt() > 1) {
            sawDuplicate = true;
            QVERIFY(flags.contains(QJsonValue(QStringLiteral("duplicate"))));
        }
        if (update.value(QLatin1String("time")).isNull())
            QVERIFY(flags.contains(QJsonValue(QStringLiteral("no_time"))));
    }
    QVERIFY(sawDuplicate);
}

void ReadCommandTest::historyTable()
{
    m_simulator->setQuirks({});
    const RunResult result = run(QStringList{QStringLiteral("history"), historyMessageId()} + serverArguments());
    QCOMPARE(result.exitStatus, 0);
    QVERIFY(result.output.startsWith("Message " + historyMessageId().toUtf8()));
    QVERIFY(result.output.contains("STATE"));
}

void ReadCommandTest::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");

    const QString url = QStringLiteral("http://127.0.0.1:9");
    QTest::newRow("no server") << QStringList{QStringLiteral("messages"), QStringLiteral("--bot"), BotId} << "--region";
    QTest::newRow("both servers") << QStringList{QStringLiteral("messages"), QStringLiteral("--bot"), BotId,
                                                 QStringLiteral("--region"), QStringLiteral("eu"), QStringLiteral("--base-url"), url}
                                  << "not both";
    QTest::newRow("bad region") << QStringList{QStringLiteral("messages"), QStringLiteral("--bot"), BotId, QStringLiteral("--region"),
                                               QStringLiteral("asia")}
                                << "use us or eu";
    QTest::newRow("no bot") << QStringList{QStringLiteral("messages"), QStringLiteral("--base-url"), url} << "--bot";
    QTest::newRow("bad format") << QStringList{QStringLiteral("messages"), QStringLiteral("--format"), QStringLiteral("xml")} << "table or json";
    QTest::newRow("bad start") << QStringList{QStringLiteral("messages"), QStringLiteral("--base-url"), url, QStringLiteral("--bot"),
                                              BotId, QStringLiteral("--start"), QStringLiteral("tomorrow")}
                               << "Invalid --start";
    QTest::newRow("bad page size") << QStringList{QStringLiteral("messages"), QStringLiteral("--base-url"), url, QStringLiteral("--bot"),
                                                  BotId, QStringLiteral("--page-size"), QStringLiteral("0")}
                                   << "page size";
    QTest::newRow("bad sender") << QStringList{QStringLiteral("messages"), QStringLiteral("--base-url"), url, QStringLiteral("--bot"),
                                               BotId, QStringLiteral("--from"), QStringLiteral("alice")}
                                << "sender";
    QTest::newRow("history without id") << QStringList{QStringLiteral("history"), QStringLiteral("--base-url"), url,
                                                       QStringLiteral("--bot"), BotId}
                                        << "Missing message id";
    QTest::newRow("page size not a number")
        << QStringList{QStringLiteral("messages"), QStringLiteral("--base-url"), url, QStringLiteral("--bot"),
                       BotId, QStringLiteral("--page-size"), QStringLiteral("abc")}
        << "Invalid --page-size \"abc\": it must be a whole number.";
    QTest::newRow("page size too large")
        << QStringList{QStringLiteral("messages"), QStringLiteral("--base-url"), QStringLiteral("http://127.0.0.1:9"),
                       QStringLiteral("--bot"), BotId, QStringLiteral("--page-size"), QStringLiteral("99999999999")}
        << "The page size must be between 1 and 1000.";
    QTest::newRow("history with two ids") << QStringList{QStringLiteral("history"), QStringLiteral("a"), QStringLiteral("b"),
                                                         QStringLiteral("--base-url"), url, QStringLiteral("--bot"), BotId}
                                          << "Unexpected argument \"b\"";
    QTest::newRow("remote http") << QStringList{QStringLiteral("messages"), QStringLiteral("--base-url"),
                                                QStringLiteral("http://callback-store.invalid"), QStringLiteral("--bot"), BotId}
                                 << "https://";
    QTest::newRow("unknown option") << QStringList{QStringLiteral("messages"), QStringLiteral("--token"), QStringLiteral("x")}
                                    << "Unknown option";
}

void ReadCommandTest::usageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);

    const RunResult result = run(arguments);
    QCOMPARE(result.exitStatus, 2);
    QVERIFY(result.output.isEmpty());
    QVERIFY2(result.errors.contains(message.toUtf8()), result.errors.constData());
}

void ReadCommandTest::missingToken()
{
    qunsetenv(ReadCommand::TokenVariable);
    const RunResult result = run(QStringList{QStringLiteral("messages")} + serverArguments());
    QCOMPARE(result.exitStatus, 2);
    QVERIFY(result.errors.contains("CALLBACK_INSPECTOR_TOKEN"));
}

void ReadCommandTest::unauthorizedGoesToStandardError()
{
    qputenv(ReadCommand::TokenVariable, "wrong-token");
    const RunResult result = run(QStringList{QStringLiteral("messages")} + serverArguments());
    QCOMPARE(result.exitStatus, 1);
    QVERIFY(result.output.isEmpty());
    QVERIFY2(result.errors.contains("HTTP 401"), result.errors.constData());
    QVERIFY(!result.errors.contains("wrong-token"));
}

void ReadCommandTest::tokenNeverPrinted()
{
    const RunResult messages = run(QStringList{QStringLiteral("messages"), QStringLiteral("--all-pages"), QStringLiteral("--format"),
                                               QStringLiteral("json")}
                                   + serverArguments());
    const RunResult history = run(QStringList{QStringLiteral("history"), historyMessageId()} + serverArguments());
    for (const RunResult &result : {messages, history}) {
        QVERIFY(!result.output.contains(Token.toUtf8()));
        QVERIFY(!result.errors.contains(Token.toUtf8()));
    }
}

void ReadCommandTest::profileMessagesWithTokenFromEnvironment()
{
    m_simulator->setQuirks({});
    const RunResult result = run({QStringLiteral("messages"), QStringLiteral("--profile"), QStringLiteral("CLI US"),
                                  QStringLiteral("--page-size"), QStringLiteral("5")});
    QCOMPARE(result.exitStatus, 0);
    QVERIFY2(result.errors.isEmpty(), result.errors.constData());
    const QList<QByteArray> lines = result.output.trimmed().split('\n');
    QVERIFY(lines.at(0).startsWith("TIME"));
    QVERIFY(lines.size() >= 6);
    QCOMPARE(m_simulator->lastRequest().path, QStringLiteral("/us/whatsapp/v1/cli-bot/callbacks/notifications"));
}

void ReadCommandTest::profileHistoryWithTokenFromVault()
{
    // Without the variable the token comes from the vault, which here keeps it for
    // this run only because the test has no keychain.
    qunsetenv(ReadCommand::TokenVariable);
    m_vault->keepTokenForSession(QStringLiteral("CLI US"), Token);
    m_simulator->setQuirks({});

    const RunResult result =
        run({QStringLiteral("history"), historyMessageId(), QStringLiteral("--profile"), QStringLiteral("CLI US")});
    QCOMPARE(result.exitStatus, 0);
    QVERIFY2(result.errors.isEmpty(), result.errors.constData());
    QVERIFY(result.output.startsWith("Message " + historyMessageId().toUtf8()));
    QVERIFY(!result.output.contains(Token.toUtf8()));
}

void ReadCommandTest::profileFilterEncoding()
{
    m_simulator->setQuirks({});
    const RunResult result = run({QStringLiteral("messages"), QStringLiteral("--profile"), QStringLiteral("CLI JSON body"),
                                  QStringLiteral("--from"), QStringLiteral("+46 70 000 01 01")});
    QCOMPARE(result.exitStatus, 0);
    const CallbackStoreSimulator::RecordedRequest request = m_simulator->lastRequest();
    QVERIFY2(request.body.contains("46700000101"), request.body.constData());
    QVERIFY(!request.query.hasQueryItem(QStringLiteral("from")));
}

void ReadCommandTest::profileWithoutTokenAnywhere()
{
    qunsetenv(ReadCommand::TokenVariable);
    const RunResult result = run({QStringLiteral("messages"), QStringLiteral("--profile"), QStringLiteral("CLI US")});
    QCOMPARE(result.exitStatus, 2);
    QVERIFY(result.output.isEmpty());
    QVERIFY2(result.errors.contains("No keychain is available"), result.errors.constData());
    QVERIFY2(result.errors.contains("CALLBACK_INSPECTOR_TOKEN"), result.errors.constData());
}

void ReadCommandTest::unknownProfileListsNames()
{
    const int requestsBefore = m_simulator->requestCount();
    const RunResult result = run({QStringLiteral("messages"), QStringLiteral("--profile"), QStringLiteral("CLI EU")});
    QCOMPARE(result.exitStatus, 2);
    QVERIFY(result.output.isEmpty());
    QVERIFY2(result.errors.startsWith("There is no saved profile named \"CLI EU\"."), result.errors.constData());
    QVERIFY2(result.errors.contains("\"CLI US\", \"CLI JSON body\""), result.errors.constData());
    QCOMPARE(m_simulator->requestCount(), requestsBefore);

    QCOMPARE(ReadCommand::unknownProfileMessage(QStringLiteral("x"), {}),
             QStringLiteral("There is no saved profile named \"x\", and no profile is saved yet; create one in the "
                            "window."));
}

void ReadCommandTest::profileExcludesServerOptions_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::newRow("--bot") << QStringList{QStringLiteral("--bot"), BotId};
    QTest::newRow("--region") << QStringList{QStringLiteral("--region"), QStringLiteral("eu")};
    QTest::newRow("--base-url") << QStringList{QStringLiteral("--base-url"), QStringLiteral("http://127.0.0.1:9")};
}

void ReadCommandTest::profileExcludesServerOptions()
{
    QFETCH(QStringList, options);
    const RunResult result =
        run(QStringList{QStringLiteral("messages"), QStringLiteral("--profile"), QStringLiteral("CLI US")} + options);
    QCOMPARE(result.exitStatus, 2);
    QVERIFY2(result.errors.contains("cannot be combined with --base-url, --region or --bot"), result.errors.constData());
}

QTEST_GUILESS_MAIN(ReadCommandTest)
#include "readcommand_test.moc"
