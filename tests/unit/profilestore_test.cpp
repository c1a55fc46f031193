// ProfileStore with its settings in a temporary folder and its tokens in a real
// Secret Service: the private GNOME Keyring that scripts/with-keyring.sh starts.

#include "privatekeyring.h"
#include "profilestore.h"
#include "tokenvault.h"

#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <memory>

using Field = ConnectionProfile::Field;
using Problems = QList<ConnectionProfile::Problem>;

namespace {

constexpr int KeychainTimeoutMs = 20000;

// Waits for a reply or operation that has not finished yet, and checks that its
// finished() came exactly once.
template<typename Reply>
bool finishesOnce(Reply *reply)
{
    if (reply->isFinished())
        return false;
    QSignalSpy spy(reply, &Reply::finished);
    if (!spy.wait(KeychainTimeoutMs))
        return false;
    QTest::qWait(50);
    return spy.count() == 1;
}

ConnectionProfile profileNamed(const QString &name, ApiEndpoint::Region region = ApiEndpoint::Region::Eu)
{
    ConnectionProfile profile;
    profile.name = name;
    profile.botId = QStringLiteral("support-bot");
    profile.region = region;
    profile.notes = QStringLiteral("Ticket queue of the support team");
    return profile;
}

// The reply's error text for a failure message, or nothing when it has no error.
QByteArray errorText(const TokenVaultReply &reply)
{
    return reply.hasError() ? reply.error()->toUserText().toUtf8() : QByteArray();
}

} // namespace

class ProfileStoreTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void createProfile();
    void createTrimsName();
    void invalidNamesRejected_data();
    void invalidNamesRejected();
    void invalidEndpointRejected_data();
    void invalidEndpointRejected();
    void customUrlAccepted();
    void updateProfile();
    void toEndpoint();
    void rename();
    void renameOnlyLetterCase();
    void renameRejected_data();
    void renameRejected();
    void renameMovesLastUsed();
    void renameMovesSessionToken();
    void busyNamesRejected();
    void duplicate();
    void removeDeletesSecret();
    void removeClearsLastUsed();
    void operationDeletedEarly();
    void restart();
    void lastUsedUnknownName();
    void brokenEntriesSkipped();
    void settingsFileHasNoToken();

private:
    QString newToken();
    void writeToken(const QString &profileName, const QString &token);
    QString readToken(const QString &profileName);
    void runOperation(ProfileOperation *operation);
    QString settingsPath() const { return m_dir->filePath(QStringLiteral("inspector.ini")); }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<TokenVault> m_vault;
    std::unique_ptr<ProfileStore> m_store;
    QStringList m_tokens;
};

void ProfileStoreTest::initTestCase()
{
    QCOMPARE(qgetenv("INSPECTOR_KEYRING_SESSION"), QByteArray(PrivateKeyring::WithSecretService));
    QStandardPaths::setTestModeEnabled(true);
}

void ProfileStoreTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_vault = std::make_unique<TokenVault>();
    m_store = std::make_unique<ProfileStore>(settingsPath(), m_vault.get());
}

void ProfileStoreTest::cleanup()
{
    // Leaves the keychain empty for the next test.
    const QStringList names = m_store->profileNames();
    for (const QString &name : names) {
        std::unique_ptr<TokenVaultReply> removal(m_vault->deleteToken(name));
        QVERIFY(finishesOnce(removal.get()));
    }
    m_store.reset();
    m_vault.reset();
    m_dir.reset();
}

QString ProfileStoreTest::newToken()
{
    m_tokens.append(QStringLiteral("profile-token-") + QUuid::createUuid().toString(QUuid::WithoutBraces));
    return m_tokens.constLast();
}

void ProfileStoreTest::writeToken(const QString &profileName, const QString &token)
{
    std::unique_ptr<TokenVaultReply> reply(m_vault->writeToken(profileName, token));
    QVERIFY(finishesOnce(reply.get()));
    QVERIFY2(!reply->hasError(), errorText(*reply).constData());
}

// Returns the token, or the error kind's number in brackets when reading failed.
QString ProfileStoreTest::readToken(const QString &profileName)
{
    std::unique_ptr<TokenVaultReply> reply(m_vault->readToken(profileName));
    if (!finishesOnce(reply.get()))
        return QStringLiteral("(no single result)");
    if (reply->hasError())
        return QStringLiteral("(error %1)").arg(int(reply->error()->kind));
    return reply->token();
}

void ProfileStoreTest::runOperation(ProfileOperation *operation)
{
    QVERIFY(finishesOnce(operation));
    QVERIFY2(!operation->hasError(), qPrintable(operation->errorText()));
    QVERIFY2(operation->warningText().isEmpty(), qPrintable(operation->warningText()));
}

void ProfileStoreTest::createProfile()
{
    QSignalSpy added(m_store.get(), &ProfileStore::profileAdded);
    ConnectionProfile profile = profileNamed(QStringLiteral("EU support"));
    profile.filterEncoding = ApiEndpoint::FilterEncoding::JsonBody;

    QCOMPARE(m_store->createProfile(profile), Problems());
    QCOMPARE(added.count(), 1);
    QCOMPARE(added.at(0).at(0).toString(), QStringLiteral("EU support"));
    QCOMPARE(m_store->profileNames(), QStringList{QStringLiteral("EU support")});
    QCOMPARE(m_store->profile(QStringLiteral("EU support")), std::optional<ConnectionProfile>(profile));
    QVERIFY(!m_store->profile(QStringLiteral("eu support")));

    QSettings settings(settingsPath(), QSettings::IniFormat);
    QCOMPARE(settings.value(QStringLiteral("connections/profiles/1/name")).toString(), QStringLiteral("EU support"));
    QCOMPARE(settings.value(QStringLiteral("connections/profiles/1/region")).toString(), QStringLiteral("eu"));
    QCOMPARE(settings.value(QStringLiteral("connections/profiles/1/filterEncoding")).toString(), QStringLiteral("json"));
}

void ProfileStoreTest::createTrimsName()
{
    QCOMPARE(m_store->createProfile(profileNamed(QStringLiteral("  US sales \t"))), Problems());
    QCOMPARE(m_store->profileNames(), QStringList{QStringLiteral("US sales")});
}

void ProfileStoreTest::invalidNamesRejected_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("expectedMessage");

    QTest::newRow("empty") << QString() << QStringLiteral("Enter a profile name.");
    QTest::newRow("spaces only") << QStringLiteral("   ") << QStringLiteral("Enter a profile name.");
    QTest::newRow("line break") << QStringLiteral("EU\nsupport") << QStringLiteral("line break, tab or other control character");
    QTest::newRow("tab inside") << QStringLiteral("EU\tsupport") << QStringLiteral("line break, tab or other control character");
    QTest::newRow("too long") << QString(ConnectionProfile::MaxNameLength + 1, QLatin1Char('x'))
                              << QStringLiteral("is 81 characters long; the maximum is 80");
    QTest::newRow("taken") << QStringLiteral("Existing") << QStringLiteral("A profile named \"Existing\" already exists.");
    QTest::newRow("taken ignoring case") << QStringLiteral("EXISTING")
                                         << QStringLiteral("names that differ only in letter case count as the same");
    QTest::newRow("taken after trimming") << QStringLiteral(" Existing ") << QStringLiteral("already exists");
}

void ProfileStoreTest::invalidNamesRejected()
{
    QFETCH(QString, name);
    QFETCH(QString, expectedMessage);
    QCOMPARE(m_store->createProfile(profileNamed(QStringLiteral("Existing"))), Problems());
    QSignalSpy added(m_store.get(), &ProfileStore::profileAdded);

    const Problems problems = m_store->createProfile(profileNamed(name));
    QCOMPARE(problems.size(), 1);
    QCOMPARE(problems.at(0).field, Field::Name);
    QVERIFY2(problems.at(0).message.contains(expectedMessage), qPrintable(problems.at(0).message));
    QCOMPARE(added.count(), 0);
    QCOMPARE(m_store->profileNames(), QStringList{QStringLiteral("Existing")});
    QCOMPARE(m_store->checkNewName(name), std::optional<QString>(problems.at(0).message));
}

void ProfileStoreTest::invalidEndpointRejected_data()
{
    QTest::addColumn<QString>("botId");
    QTest::addColumn<QString>("customUrl");
    QTest::addColumn<Field>("field");
    QTest::addColumn<QString>("expectedMessage");

    QTest::newRow("no bot id") << QString() << QString() << Field::BotId << QStringLiteral("Enter the bot id.");
    QTest::newRow("slash in bot id") << QStringLiteral("a/b") << QString() << Field::BotId
                                     << QStringLiteral("contains a slash or spaces");
    QTest::newRow("no custom url") << QStringLiteral("bot") << QStringLiteral("") << Field::BaseUrl
                                   << QStringLiteral("is not a valid URL");
    QTest::newRow("plain http to remote host") << QStringLiteral("bot") << QStringLiteral("http://proxy.example")
                                               << Field::BaseUrl << QStringLiteral("Plain http:// is refused");
    QTest::newRow("ftp") << QStringLiteral("bot") << QStringLiteral("ftp://proxy.example") << Field::BaseUrl
                         << QStringLiteral("must start with https://");
    QTest::newRow("credentials in url") << QStringLiteral("bot") << QStringLiteral("https://user:pw@proxy.example")
                                        << Field::BaseUrl << QStringLiteral("must not contain a user name or password");
}

void ProfileStoreTest::invalidEndpointRejected()
{
    QFETCH(QString, botId);
    QFETCH(QString, customUrl);
    QFETCH(Field, field);
    QFETCH(QString, expectedMessage);

    ConnectionProfile profile = profileNamed(QStringLiteral("Broken"));
    profile.botId = botId;
    if (field == Field::BaseUrl) {
        profile.region = ApiEndpoint::Region::Custom;
        profile.customBaseUrl = QUrl(customUrl);
    }

    const Problems problems = m_store->createProfile(profile);
    QCOMPARE(problems.size(), 1);
    QCOMPARE(problems.at(0).field, field);
    QVERIFY2(problems.at(0).message.contains(expectedMessage), qPrintable(problems.at(0).message));
    QVERIFY(m_store->profiles().isEmpty());
}

void ProfileStoreTest::customUrlAccepted()
{
    ConnectionProfile viaProxy = profileNamed(QStringLiteral("Via proxy"), ApiEndpoint::Region::Custom);
    viaProxy.customBaseUrl = QUrl(QStringLiteral("https://proxy.example/callback-store"));
    ConnectionProfile local = profileNamed(QStringLiteral("Local simulator"), ApiEndpoint::Region::Custom);
    local.customBaseUrl = QUrl(QStringLiteral("http://127.0.0.1:8080/eu"));

    QCOMPARE(m_store->createProfile(viaProxy), Problems());
    QCOMPARE(m_store->createProfile(local), Problems());
    QCOMPARE(m_store->profile(QStringLiteral("Via proxy"))->customBaseUrl, viaProxy.customBaseUrl);
}

void ProfileStoreTest::updateProfile()
{
    QCOMPARE(m_store->createProfile(profileNamed(QStringLiteral("Changing"))), Problems());
    QSignalSpy updated(m_store.get(), &ProfileStore::profileUpdated);

    ConnectionProfile changed = profileNamed(QStringLiteral("Changing"), ApiEndpoint::Region::Us);
    changed.botId = QStringLiteral("other-bot");
    QCOMPARE(m_store->updateProfile(changed), Problems());
    QCOMPARE(updated.count(), 1);
    QCOMPARE(m_store->profile(QStringLiteral("Changing")), std::optional<ConnectionProfile>(changed));

    ConnectionProfile missing = profileNamed(QStringLiteral("Missing"));
    const Problems problems = m_store->updateProfile(missing);
    QCOMPARE(problems.size(), 1);
    QVERIFY(problems.at(0).message.contains(QStringLiteral("There is no profile named \"Missing\"")));

    changed.botId.clear();
    QCOMPARE(m_store->updateProfile(changed).size(), 1);
    QCOMPARE(m_store->profile(QStringLiteral("Changing"))->botId, QStringLiteral("other-bot"));
}

void ProfileStoreTest::toEndpoint()
{
    ConnectionProfile profile = profileNamed(QStringLiteral("Endpoint"), ApiEndpoint::Region::Us);
    profile.filterEncoding = ApiEndpoint::FilterEncoding::JsonBody;
    const QUrl localUs(QStringLiteral("http://127.0.0.1:9000/us"));
    const QUrl localEu(QStringLiteral("http://127.0.0.1:9000/eu"));

    const ApiEndpoint endpoint = profile.toEndpoint(QStringLiteral("some-token"), localUs, localEu);
    QCOMPARE(endpoint.region, ApiEndpoint::Region::Us);
    QCOMPARE(endpoint.botId, QStringLiteral("support-bot"));
    QCOMPARE(endpoint.token, QStringLiteral("some-token"));
    QCOMPARE(endpoint.filterEncoding, ApiEndpoint::FilterEncoding::JsonBody);
    QCOMPARE(endpoint.baseUrl(), localUs);
    QCOMPARE(endpoint.validate(), std::nullopt);

    const ApiEndpoint production = profile.toEndpoint(QStringLiteral("some-token"));
    QCOMPARE(production.baseUrl(), ApiEndpoint::productionBaseUrl(ApiEndpoint::Region::Us));
}

void ProfileStoreTest::rename()
{
    QCOMPARE(m_store->createProfile(profileNamed(QStringLiteral("Old name"))), Problems());
    const QString token = newToken();
    writeToken(QStringLiteral("Old name"), token);
    QSignalSpy renamed(m_store.get(), &ProfileStore::profileRenamed);

    std::unique_ptr<ProfileOperation> operation(
        m_store->renameProfile(QStringLiteral("Old name"), QStringLiteral("  New name ")));
    QCOMPARE(operation->newProfileName(), QStringLiteral("New name"));
    runOperation(operation.get());

    QCOMPARE(renamed.count(), 1);
    QCOMPARE(renamed.at(0).at(0).toString(), QStringLiteral("Old name"));
    QCOMPARE(renamed.at(0).at(1).toString(), QStringLiteral("New name"));
    QCOMPARE(m_store->profileNames(), QStringList{QStringLiteral("New name")});
    QCOMPARE(m_store->profile(QStringLiteral("New name"))->botId, QStringLiteral("support-bot"));

    QCOMPARE(readToken(QStringLiteral("New name")), token);
    QCOMPARE(readToken(QStringLiteral("Old name")), QStringLiteral("(error %1)").arg(int(TokenVaultError::Kind::NotFound)));
    QCOMPARE(PrivateKeyring::lookUpSecret(m_vault->serviceName(), QStringLiteral("Old name")), QString());
    QCOMPARE(PrivateKeyring::lookUpSecret(m_vault->serviceName(), QStringLiteral("New name")), token);
}

void ProfileStoreTest::renameOnlyLetterCase()
{
    QCOMPARE(m_store->createProfile(profileNamed(QStringLiteral("eu support"))), Problems());
    const QString token = newToken();
    writeToken(QStringLiteral("eu support"), token);

    std::unique_ptr<ProfileOperation> operation(
        m_store->renameProfile(QStringLiteral("eu support"), QStringLiteral("EU Support")));
    runOperation(operation.get());
    QCOMPARE(m_store->profileNames(), QStringList{QStringLiteral("EU Support")});
    QCOMPARE(readToken(QStringLiteral("EU Support")), token);
    QCOMPARE(PrivateKeyring::lookUpSecret(m_vault->serviceName(), QStringLiteral("eu support")), QString());
}

void ProfileStoreTest::renameRejected_data()
{
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<QString>("expectedMessage");

    QTest::newRow("missing profile") << QStringLiteral("Nobody") << QStringLiteral("Somebody")
                                     << QStringLiteral("There is no profile named \"Nobody\".");
    QTest::newRow("taken name") << QStringLiteral("First") << QStringLiteral("second")
                                << QStringLiteral("A profile named \"Second\" already exists");
    QTest::newRow("empty name") << QStringLiteral("First") << QStringLiteral(" ") << QStringLiteral("Enter a profile name.");
}

void ProfileStoreTest::renameRejected()
{
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(QString, expectedMessage);
    QCOMPARE(m_store->createProfile(profileNamed(QStringLiteral("First"))), Problems());
    QCOMPARE(m_store->createProfile(profileNamed(QStringLiteral("Second"))), Problems());
    QSignalSpy renamed(m_store.get(), &ProfileStore::profileRenamed);

    std::unique_ptr<ProfileOperation> operation(m_store->renameProfile(from, to));
    QVERIFY(finishesOnce(operation.get()));
    QVERIFY(operation->hasError());
    QVERIFY2(operation->errorText().contains(expectedMessage), qPrintable(operation->errorText()));
    QCOMPARE(operation->problems().size(), 1);
    QCOMPARE(operation->problems().at(0).field, Field::Name);
    QCOMPARE(renamed.count(), 0);
    QCOMPARE(m_store->profileNames(), (QStringList{QStringLiteral("First"), QStringLiteral("Second")}));
}

void ProfileStoreTest::renameMovesLastUsed()
{
    QCOMPARE(m_store->createProfile(profileNamed(QStringLiteral("Daily"))), Problems());
    QVERIFY(m_store->setLastUsedProfile(QStringLiteral("Daily")));
    QSignalSpy lastUsedChanged(m_store.get(), &ProfileStore::lastUsedProfileChanged);

    std::unique_ptr<ProfileOperation> operation(m_store->renameProfile(QStringLiteral("Daily"), QStringLiteral("Every day")));
    runOperation(operation.get());
    QCOMPARE(m_store->lastUsedProfileName(), QStringLiteral("Every day"));
    QCOMPARE(lastUsedChanged.count(), 1);
    QCOMPARE(lastUsedChanged.at(0).at(0).toString(), QStringLiteral("Every day"));
}

void ProfileStoreTest::renameMovesSessionToken()
{
    QCOMPARE(m_store->createProfile(profileNamed(QStringLiteral("Run only"))), Problems());
    const QString token = newToken();
    m_vault->keepTokenForSession(QStringLiteral("Run only"), token);

    std::unique_ptr<ProfileOperation> operation(m_store->renameProfile(QStringLiteral("Run only"), QStringLiteral("Still run only")));
    runOperation(operation.get());
    QCOMPARE(m_vault->sessionTokens().value(QStringLiteral("Still run only")), std::optional<QString>(token));
    QVERIFY(!m_vault->sessionTokens().contains(QStringLiteral("Run only")));
    QCOMPARE(PrivateKeyring::lookUpSecret(m_vault->serviceName(), QStringLiteral("Still run only")), QString());
}

void ProfileStoreTest::busyNamesRejected()
{
    QCOMPARE(m_store->createProfile(profileNamed(QStringLiteral("Moving"))), Problems());
    std::unique_ptr<ProfileOperation> rename(m_store->renameProfile(QStringLiteral("Moving"), QStringLiteral("Moved")));
    QSignalSpy renameFinished(rename.get(), &ProfileOperation::finished);

    // While the keychain works, both names are taken.
    const Problems createProblems = m_store->createProfile(profileNamed(QStringLiteral("moved")));
    QCOMPARE(createProblems.size(), 1);
    QVERIFY2(createProblems.at(0).message.contains(QStringLiteral("is being changed")), qPrintable(createProblems.at(0).message));
    std::unique_ptr<ProfileOperation> removal(m_store->removeProfile(QStringLiteral("Moving")));
    QVERIFY(finishesOnce(removal.get()));
    QVERIFY(removal->hasError());
    QVERIFY2(removal->errorText().contains(QStringLiteral("is being changed")), qPrintable(removal->errorText()));

    QVERIFY(renameFinished.count() == 1 || renameFinished.wait(KeychainTimeoutMs));
    QVERIFY2(!rename->hasError(), qPrintable(rename->errorText()));
    QTest::qWait(50);
    QCOMPARE(renameFinished.count(), 1);
    QCOMPARE(m_store->createProfile(profileNamed(QStringLiteral("Moving"))), Problems());
}

void ProfileStoreTest::duplicate()
{
    ConnectionProfile original = profileNamed(QStringLiteral("Original"), ApiEndpoint::Region::Custom);
    original.customBaseUrl = QUrl(QStringLiteral("https://proxy.example"));
    QCOMPARE(m_store->createProfile(original), Problems());
    const QString token = newToken();
    writeToken(QStringLiteral("Original"), token);
    QSignalSpy added(m_store.get(), &ProfileStore::profileAdded);

    std::unique_ptr<ProfileOperation> operation(m_store->duplicateProfile(QStringLiteral("Original"), QStringLiteral("Copy")));
    runOperation(operation.get());

    QCOMPARE(added.count(), 1);
    QCOMPARE(m_store->profileNames(), (QStringList{QStringLiteral("Original"), QStringLiteral("Copy")}));
    ConnectionProfile expectedCopy = original;
    expectedCopy.name = QStringLiteral("Copy");
    QCOMPARE(m_store->profile(QStringLiteral("Copy")), std::optional<ConnectionProfile>(expectedCopy));
    QCOMPARE(readToken(QStringLiteral("Copy")), token);
    QCOMPARE(readToken(QStringLiteral("Original")), token);

    std::unique_ptr<ProfileOperation> taken(m_store->duplicateProfile(QStringLiteral("Original"), QStringLiteral("copy")));
    QVERIFY(finishesOnce(taken.get()));
    QVERIFY(taken->hasError());
    QVERIFY(taken->errorText().contains(QStringLiteral("already exists")));
}

void ProfileStoreTest::removeDeletesSecret()
{
    QCOMPARE(m_store->createProfile(profileNamed(QStringLiteral("Short-lived"))), Problems());
    const QString token = newToken();
    writeToken(QStringLiteral("Short-lived"), token);
    QCOMPARE(PrivateKeyring::lookUpSecret(m_vault->serviceName(), QStringLiteral("Short-lived")), token);
    QSignalSpy removed(m_store.get(), &ProfileStore::profileRemoved);

    std::unique_ptr<ProfileOperation> operation(m_store->removeProfile(QStringLiteral("Short-lived")));
    runOperation(operation.get());

    QCOMPARE(removed.count(), 1);
    QVERIFY(m_store->profiles().isEmpty());
    QCOMPARE(PrivateKeyring::lookUpSecret(m_vault->serviceName(), QStringLiteral("Short-lived")), QString());
    QCOMPARE(readToken(QStringLiteral("Short-lived")), QStringLiteral("(error %1)").arg(int(TokenVaultError::Kind::NotFound)));
}

void ProfileStoreTest::removeClearsLastUsed()
{
    QCOMPARE(m_store->createProfile(profileNamed(QStringLiteral("Current"))), Problems());
    QVERIFY(m_store->setLastUsedProfile(QStringLiteral("Current")));

    std::unique_ptr<ProfileOperation> operation(m_store->removeProfile(QStringLiteral("Current")));
    runOperation(operation.get());
    QCOMPARE(m_store->lastUsedProfileName(), QString());
    QVERIFY(!m_store->lastUsedProfile());
}

void ProfileStoreTest::operationDeletedEarly()
{
    QCOMPARE(m_store->createProfile(profileNamed(QStringLiteral("Unwatched"))), Problems());
    const QString token = newToken();
    writeToken(QStringLiteral("Unwatched"), token);
    QSignalSpy renamed(m_store.get(), &ProfileStore::profileRenamed);

    delete m_store->renameProfile(QStringLiteral("Unwatched"), QStringLiteral("Renamed anyway"));
    QVERIFY(renamed.wait(KeychainTimeoutMs));
    QCOMPARE(m_store->profileNames(), QStringList{QStringLiteral("Renamed anyway")});
    QCOMPARE(readToken(QStringLiteral("Renamed anyway")), token);

    // The names are free again once the keychain has finished.
    QVERIFY(QTest::qWaitFor([this] { return m_store->checkNewName(QStringLiteral("Unwatched")) == std::nullopt; },
                            KeychainTimeoutMs));
}

void ProfileStoreTest::restart()
{
    ConnectionProfile profile = profileNamed(QStringLiteral("Kept"), ApiEndpoint::Region::Us);
    profile.filterEncoding = ApiEndpoint::FilterEncoding::JsonBody;
    QCOMPARE(m_store->createProfile(profile), Problems());
    QCOMPARE(m_store->createProfile(profileNamed(QStringLiteral("Second"))), Problems());
    const QString token = newToken();
    writeToken(QStringLiteral("Kept"), token);
    QVERIFY(m_store->setLastUsedProfile(QStringLiteral("Kept")));

    m_store.reset();
    m_vault.reset();
    m_vault = std::make_unique<TokenVault>();
    m_store = std::make_unique<ProfileStore>(settingsPath(), m_vault.get());

    QCOMPARE(m_store->profileNames(), (QStringList{QStringLiteral("Kept"), QStringLiteral("Second")}));
    QCOMPARE(m_store->profile(QStringLiteral("Kept")), std::optional<ConnectionProfile>(profile));
    QCOMPARE(m_store->lastUsedProfileName(), QStringLiteral("Kept"));
    QCOMPARE(m_store->lastUsedProfile(), std::optional<ConnectionProfile>(profile));
    QCOMPARE(readToken(QStringLiteral("Kept")), token);
}

void ProfileStoreTest::lastUsedUnknownName()
{
    QCOMPARE(m_store->createProfile(profileNamed(QStringLiteral("Known"))), Problems());
    QSignalSpy lastUsedChanged(m_store.get(), &ProfileStore::lastUsedProfileChanged);
    QVERIFY(!m_store->setLastUsedProfile(QStringLiteral("Unknown")));
    QCOMPARE(m_store->lastUsedProfileName(), QString());
    QVERIFY(m_store->setLastUsedProfile(QStringLiteral("Known")));
    QVERIFY(m_store->setLastUsedProfile(QString()));
    QCOMPARE(lastUsedChanged.count(), 2);
}

void ProfileStoreTest::brokenEntriesSkipped()
{
    m_store.reset();
    {
        QSettings settings(settingsPath(), QSettings::IniFormat);
        settings.beginGroup(QStringLiteral("connections"));
        settings.beginWriteArray(QStringLiteral("profiles"), 4);
        const QList<QPair<QString, QString>> entries{{QStringLiteral("Good"), QStringLiteral("us")},
                                                     {QStringLiteral("Bad region"), QStringLiteral("asia")},
                                                     {QStringLiteral("good"), QStringLiteral("eu")},
                                                     {QString(), QStringLiteral("eu")}};
        for (int i = 0; i < entries.size(); ++i) {
            settings.setArrayIndex(i);
            settings.setValue(QStringLiteral("name"), entries.at(i).first);
            settings.setValue(QStringLiteral("botId"), QStringLiteral("bot"));
            settings.setValue(QStringLiteral("region"), entries.at(i).second);
            settings.setValue(QStringLiteral("filterEncoding"), QStringLiteral("xml"));
        }
        settings.endArray();
        settings.setValue(QStringLiteral("lastUsedProfile"), QStringLiteral("Bad region"));
        settings.endGroup();
    }

    m_store = std::make_unique<ProfileStore>(settingsPath(), m_vault.get());
    QCOMPARE(m_store->profileNames(), QStringList{QStringLiteral("Good")});
    QCOMPARE(m_store->profile(QStringLiteral("Good"))->region, ApiEndpoint::Region::Us);
    QCOMPARE(m_store->profile(QStringLiteral("Good"))->filterEncoding, ApiEndpoint::FilterEncoding::QueryString);
    QCOMPARE(m_store->lastUsedProfileName(), QString());
}

void ProfileStoreTest::settingsFileHasNoToken()
{
    const QString token = newToken();
    QCOMPARE(m_store->createProfile(profileNamed(QStringLiteral("Secretive"))), Problems());
    writeToken(QStringLiteral("Secretive"), token);
    QVERIFY(m_store->setLastUsedProfile(QStringLiteral("Secretive")));

    std::unique_ptr<ProfileOperation> duplicate(m_store->duplicateProfile(QStringLiteral("Secretive"), QStringLiteral("Secretive copy")));
    runOperation(duplicate.get());
    std::unique_ptr<ProfileOperation> rename(m_store->renameProfile(QStringLiteral("Secretive"), QStringLiteral("Renamed")));
    runOperation(rename.get());
    ConnectionProfile changed = *m_store->profile(QStringLiteral("Renamed"));
    changed.notes = QStringLiteral("changed after the token was saved");
    QCOMPARE(m_store->updateProfile(changed), Problems());
    QCOMPARE(readToken(QStringLiteral("Renamed")), token);
    m_store->settings()->sync();

    QFile file(settingsPath());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray contents = file.readAll();
    QVERIFY(contents.contains("Renamed"));
    for (const QString &anyToken : std::as_const(m_tokens))
        QVERIFY2(!contents.contains(anyToken.toUtf8()), contents.constData());

    // Nothing else in the settings folder or the test's standard locations has it either.
    const QStringList folders{m_dir->path(), QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation),
                              QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)};
    for (const QString &folder : folders)
        QCOMPARE(PrivateKeyring::filesContaining(folder, token.toUtf8()), QStringList());
}

PRIVATE_KEYRING_TEST_MAIN(ProfileStoreTest, PrivateKeyring::WithSecretService)

#include "profilestore_test.moc"
