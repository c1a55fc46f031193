// TokenVault and ProfileStore on a system without a keychain. Built twice:
//   NO_KEYCHAIN_NO_BUS: no D-Bus session bus at all (main() removes it from the environment);
//   otherwise: a session bus on which no Secret Service can start (with-keyring.sh --without-secret-service).
// Either way every keychain operation must fail with Kind::NoKeychain and no token
// may reach a file.

#include "privatekeyring.h"
#include "profilestore.h"
#include "tokenvault.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <cstdlib>
#include <memory>

namespace {

using Kind = TokenVaultError::Kind;

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

ConnectionProfile euProfile(const QString &name)
{
    ConnectionProfile profile;
    profile.name = name;
    profile.botId = QStringLiteral("support-bot-eu");
    profile.region = ApiEndpoint::Region::Eu;
    return profile;
}

} // namespace

class TokenVaultNoKeychainTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void writeFails();
    void readFails();
    void deleteFails();
    void copyFails();
    void sessionTokenFallback();
    void renameWithoutKeychain();
    void duplicateWithoutKeychain();
    void removeWithoutKeychain();
    // Runs last: checks the files that the tests above could have written.
    void nothingWrittenToFiles();

private:
    QString newToken();
    void checkNoKeychainError(const TokenVaultReply &reply);

    std::unique_ptr<TokenVault> m_vault;
    QTemporaryDir m_settingsDir;
    QStringList m_tokens;
};

void TokenVaultNoKeychainTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_settingsDir.isValid());

    // The file scan at the end reads the whole home folder, so it must be a private one.
    QVERIFY2(QDir::homePath().startsWith(QDir::tempPath()), qPrintable(QDir::homePath()));

#ifdef NO_KEYCHAIN_NO_BUS
    QVERIFY(!QDBusConnection::sessionBus().isConnected());
#else
    QVERIFY(QDBusConnection::sessionBus().isConnected());
    QVERIFY(!QDBusConnection::sessionBus().interface()->isServiceRegistered(QStringLiteral("org.freedesktop.secrets")));
#endif
    m_vault = std::make_unique<TokenVault>();
}

QString TokenVaultNoKeychainTest::newToken()
{
    m_tokens.append(QStringLiteral("no-keychain-token-") + QUuid::createUuid().toString(QUuid::WithoutBraces));
    return m_tokens.constLast();
}

void TokenVaultNoKeychainTest::checkNoKeychainError(const TokenVaultReply &reply)
{
    QVERIFY(reply.hasError());
    const TokenVaultError &error = *reply.error();
    QCOMPARE(error.kind, Kind::NoKeychain);
#ifdef NO_KEYCHAIN_NO_BUS
    QVERIFY2(error.reason.contains(QStringLiteral("no D-Bus session bus")), qPrintable(error.reason));
#else
    QCOMPARE(error.reason, QStringLiteral("the Secret Service is not running"));
#endif
    const QString text = error.toUserText();
    QVERIFY2(text.startsWith(QStringLiteral("No keychain is available: ")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("keep the token for this run only")), qPrintable(text));
}

void TokenVaultNoKeychainTest::writeFails()
{
    const QString token = newToken();
    std::unique_ptr<TokenVaultReply> reply(m_vault->writeToken(QStringLiteral("EU support"), token));
    QVERIFY(finishesOnce(reply.get()));
    checkNoKeychainError(*reply);
    QVERIFY(!reply->error()->toUserText().contains(token));
    QVERIFY(!m_vault->sessionTokens().contains(QStringLiteral("EU support")));
}

void TokenVaultNoKeychainTest::readFails()
{
    std::unique_ptr<TokenVaultReply> reply(m_vault->readToken(QStringLiteral("EU support")));
    QVERIFY(finishesOnce(reply.get()));
    // Not NotFound: without a keychain nobody can tell whether a token exists.
    checkNoKeychainError(*reply);
}

void TokenVaultNoKeychainTest::deleteFails()
{
    std::unique_ptr<TokenVaultReply> reply(m_vault->deleteToken(QStringLiteral("EU support")));
    QVERIFY(finishesOnce(reply.get()));
    checkNoKeychainError(*reply);
}

void TokenVaultNoKeychainTest::copyFails()
{
    std::unique_ptr<TokenVaultReply> reply(m_vault->copyToken(QStringLiteral("EU support"), QStringLiteral("EU copy")));
    QVERIFY(finishesOnce(reply.get()));
    checkNoKeychainError(*reply);
}

void TokenVaultNoKeychainTest::sessionTokenFallback()
{
    const QString token = newToken();
    m_vault->keepTokenForSession(QStringLiteral("run only"), token);

    std::unique_ptr<TokenVaultReply> reply(m_vault->readToken(QStringLiteral("run only")));
    QVERIFY(finishesOnce(reply.get()));
    QVERIFY(!reply->hasError());
    QCOMPARE(reply->token(), token);
    QCOMPARE(reply->source(), TokenVaultReply::Source::Session);
}

void TokenVaultNoKeychainTest::renameWithoutKeychain()
{
    ProfileStore store(m_settingsDir.filePath(QStringLiteral("rename.ini")), m_vault.get());
    QCOMPARE(store.createProfile(euProfile(QStringLiteral("before"))), QList<ConnectionProfile::Problem>());
    const QString token = newToken();
    m_vault->keepTokenForSession(QStringLiteral("before"), token);

    std::unique_ptr<ProfileOperation> operation(store.renameProfile(QStringLiteral("before"), QStringLiteral("after")));
    QVERIFY(finishesOnce(operation.get()));
    QVERIFY2(!operation->hasError(), qPrintable(operation->errorText()));
    QVERIFY(store.contains(QStringLiteral("after")));
    QVERIFY(!store.contains(QStringLiteral("before")));
    QVERIFY(!operation->warningText().isEmpty());
    QVERIFY(operation->vaultError().has_value());
    QCOMPARE(operation->vaultError()->kind, Kind::NoKeychain);

    // The session token follows the profile to its new name.
    QCOMPARE(m_vault->sessionTokens().value(QStringLiteral("after")), std::optional<QString>(token));
    QVERIFY(!m_vault->sessionTokens().contains(QStringLiteral("before")));
}

void TokenVaultNoKeychainTest::duplicateWithoutKeychain()
{
    ProfileStore store(m_settingsDir.filePath(QStringLiteral("duplicate.ini")), m_vault.get());
    QCOMPARE(store.createProfile(euProfile(QStringLiteral("source"))), QList<ConnectionProfile::Problem>());

    std::unique_ptr<ProfileOperation> operation(store.duplicateProfile(QStringLiteral("source"), QStringLiteral("copy")));
    QVERIFY(finishesOnce(operation.get()));
    QVERIFY2(!operation->hasError(), qPrintable(operation->errorText()));
    QVERIFY(store.contains(QStringLiteral("copy")));
    QVERIFY2(operation->warningText().contains(QStringLiteral("The token was not copied")),
             qPrintable(operation->warningText()));
}

void TokenVaultNoKeychainTest::removeWithoutKeychain()
{
    ProfileStore store(m_settingsDir.filePath(QStringLiteral("remove.ini")), m_vault.get());
    QCOMPARE(store.createProfile(euProfile(QStringLiteral("doomed"))), QList<ConnectionProfile::Problem>());
    m_vault->keepTokenForSession(QStringLiteral("doomed"), newToken());

    std::unique_ptr<ProfileOperation> operation(store.removeProfile(QStringLiteral("doomed")));
    QVERIFY(finishesOnce(operation.get()));
    QVERIFY2(!operation->hasError(), qPrintable(operation->errorText()));
    QVERIFY(!store.contains(QStringLiteral("doomed")));
    QVERIFY(!operation->warningText().isEmpty());
    QVERIFY(!m_vault->sessionTokens().contains(QStringLiteral("doomed")));
}

void TokenVaultNoKeychainTest::nothingWrittenToFiles()
{
    QVERIFY(!m_tokens.isEmpty());
    const QStringList folders{QDir::homePath(), m_settingsDir.path()};
    for (const QString &token : std::as_const(m_tokens)) {
        for (const QString &folder : folders) {
            const QStringList found = PrivateKeyring::filesContaining(folder, token.toUtf8());
            QVERIFY2(found.isEmpty(), qPrintable(QStringLiteral("token found in %1").arg(found.join(QStringLiteral(", ")))));
        }
    }
}

#ifdef NO_KEYCHAIN_NO_BUS

// Takes away every way to a session bus before Qt starts: the bus address, the
// X11 display that libdbus could start a bus through, and the runtime folder
// where systemd puts the user bus. HOME and the XDG folders move to a temporary
// folder, so the test can search everything written there.
int main(int argc, char **argv)
{
    QTemporaryDir home;
    if (!home.isValid())
        return 1;
    const QByteArray path = QFile::encodeName(home.path());
    qunsetenv("DBUS_SESSION_BUS_ADDRESS");
    qunsetenv("DISPLAY");
    qunsetenv("WAYLAND_DISPLAY");
    qputenv("HOME", path);
    qputenv("XDG_RUNTIME_DIR", path);
    qputenv("XDG_CONFIG_HOME", path + "/config");
    qputenv("XDG_DATA_HOME", path + "/data");
    qputenv("XDG_CACHE_HOME", path + "/cache");

    QCoreApplication app(argc, argv);
    TokenVaultNoKeychainTest test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#else

PRIVATE_KEYRING_TEST_MAIN(TokenVaultNoKeychainTest, PrivateKeyring::WithoutSecretService)

#endif

#include "tokenvault_nokeychain_test.moc"
