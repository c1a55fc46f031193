// TokenVault against a real Secret Service: a private GNOME Keyring that
// scripts/with-keyring.sh starts for this test.

#include "privatekeyring.h"
#include "tokenvault.h"

#include <QPointer>
#include <QSignalSpy>
#include <QTest>
#include <QUuid>

#include <memory>

namespace {

using Kind = TokenVaultError::Kind;
using Source = TokenVaultReply::Source;

constexpr int KeychainTimeoutMs = 20000;

// A token that no other test uses, so that a find proves where it came from.
QString uniqueToken(const char *label)
{
    return QStringLiteral("%1-%2").arg(QLatin1String(label), QUuid::createUuid().toString(QUuid::WithoutBraces));
}

// Waits for a reply that has not finished yet, and checks that its finished()
// came exactly once.
bool finishesOnce(TokenVaultReply *reply)
{
    if (reply->isFinished())
        return false;
    QSignalSpy spy(reply, &TokenVaultReply::finished);
    if (!spy.wait(KeychainTimeoutMs))
        return false;
    QTest::qWait(50);
    return spy.count() == 1;
}

// The reply's error text for a failure message, or nothing when it has no error.
QByteArray errorText(const TokenVaultReply &reply)
{
    return reply.hasError() ? reply.error()->toUserText().toUtf8() : QByteArray();
}

} // namespace

class TokenVaultTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();

    void serviceName();
    void writeThenRead();
    void writeStoresInSecretService();
    void writeReplacesToken();
    void readMissingIsNotFound();
    void deleteRemovesFromSecretService();
    void deleteMissingSucceeds();
    void copyToAnotherProfile();
    void copyWithoutTokenCopiesNothing();
    void nonAsciiToken();
    void emptyTokenRejected();
    void emptyProfileNameRejected();
    void sessionTokenReadFirst();
    void writeDropsSessionToken();
    void deleteDropsSessionToken();
    void copySessionToken();
    void otherServiceIsSeparate();
    void replyDeletedEarly();

private:
    std::unique_ptr<TokenVaultReply> write(const QString &profileName, const QString &token);
    std::unique_ptr<TokenVaultReply> read(const QString &profileName);

    std::unique_ptr<TokenVault> m_vault;
    QStringList m_profilesUsed;
};

void TokenVaultTest::initTestCase()
{
    QCOMPARE(qgetenv("INSPECTOR_KEYRING_SESSION"), QByteArray(PrivateKeyring::WithSecretService));
    m_vault = std::make_unique<TokenVault>();
}

void TokenVaultTest::cleanup()
{
    for (const QString &profileName : std::as_const(m_profilesUsed)) {
        std::unique_ptr<TokenVaultReply> removal(m_vault->deleteToken(profileName));
        QVERIFY(finishesOnce(removal.get()));
    }
    m_profilesUsed.clear();
    m_vault->sessionTokens().clear();
}

std::unique_ptr<TokenVaultReply> TokenVaultTest::write(const QString &profileName, const QString &token)
{
    m_profilesUsed.append(profileName);
    std::unique_ptr<TokenVaultReply> reply(m_vault->writeToken(profileName, token));
    if (!finishesOnce(reply.get()))
        qWarning("writing the token of %s did not finish once", qPrintable(profileName));
    return reply;
}

std::unique_ptr<TokenVaultReply> TokenVaultTest::read(const QString &profileName)
{
    std::unique_ptr<TokenVaultReply> reply(m_vault->readToken(profileName));
    if (!finishesOnce(reply.get()))
        qWarning("reading the token of %s did not finish once", qPrintable(profileName));
    return reply;
}

void TokenVaultTest::serviceName()
{
    QCOMPARE(TokenVault::defaultServiceName(), QStringLiteral("callback-store-inspector"));
    QCOMPARE(m_vault->serviceName(), QStringLiteral("callback-store-inspector"));
}

void TokenVaultTest::writeThenRead()
{
    const QString token = uniqueToken("write-read");
    const auto written = write(QStringLiteral("EU support bot"), token);
    QVERIFY(written->isFinished());
    QVERIFY2(!written->hasError(), errorText(*written).constData());
    QCOMPARE(written->operation(), TokenVaultError::Operation::Write);
    QCOMPARE(written->token(), QString());

    const auto readBack = read(QStringLiteral("EU support bot"));
    QVERIFY(readBack->isFinished());
    QVERIFY2(!readBack->hasError(), errorText(*readBack).constData());
    QCOMPARE(readBack->token(), token);
    QCOMPARE(readBack->source(), Source::Keychain);
}

void TokenVaultTest::writeStoresInSecretService()
{
    const QString token = uniqueToken("secret-service");
    const auto written = write(QStringLiteral("US sales bot"), token);
    QVERIFY(!written->hasError());

    QCOMPARE(PrivateKeyring::lookUpSecret(TokenVault::defaultServiceName(), QStringLiteral("US sales bot")), token);
}

void TokenVaultTest::writeReplacesToken()
{
    const QString first = uniqueToken("first");
    const QString second = uniqueToken("second");
    QVERIFY(!write(QStringLiteral("replaced"), first)->hasError());
    QVERIFY(!write(QStringLiteral("replaced"), second)->hasError());

    const auto readBack = read(QStringLiteral("replaced"));
    QVERIFY(!readBack->hasError());
    QCOMPARE(readBack->token(), second);
}

void TokenVaultTest::readMissingIsNotFound()
{
    const auto readBack = read(QStringLiteral("never written"));
    QVERIFY(readBack->hasError());
    QCOMPARE(readBack->error()->kind, Kind::NotFound);
    QCOMPARE(readBack->error()->profileName, QStringLiteral("never written"));
    QVERIFY(readBack->error()->toUserText().contains(QStringLiteral("No token is stored for profile \"never written\"")));
    QCOMPARE(readBack->token(), QString());
}

void TokenVaultTest::deleteRemovesFromSecretService()
{
    const QString token = uniqueToken("delete");
    QVERIFY(!write(QStringLiteral("to delete"), token)->hasError());
    QCOMPARE(PrivateKeyring::lookUpSecret(TokenVault::defaultServiceName(), QStringLiteral("to delete")), token);

    std::unique_ptr<TokenVaultReply> removal(m_vault->deleteToken(QStringLiteral("to delete")));
    QVERIFY(finishesOnce(removal.get()));
    QVERIFY2(!removal->hasError(), errorText(*removal).constData());

    QCOMPARE(PrivateKeyring::lookUpSecret(TokenVault::defaultServiceName(), QStringLiteral("to delete")), QString());
    const auto readBack = read(QStringLiteral("to delete"));
    QVERIFY(readBack->hasError());
    QCOMPARE(readBack->error()->kind, Kind::NotFound);
}

void TokenVaultTest::deleteMissingSucceeds()
{
    std::unique_ptr<TokenVaultReply> removal(m_vault->deleteToken(QStringLiteral("never written")));
    QVERIFY(finishesOnce(removal.get()));
    QVERIFY(!removal->hasError());
}

void TokenVaultTest::copyToAnotherProfile()
{
    const QString token = uniqueToken("copy");
    QVERIFY(!write(QStringLiteral("original"), token)->hasError());
    m_profilesUsed.append(QStringLiteral("copy of original"));

    std::unique_ptr<TokenVaultReply> copy(m_vault->copyToken(QStringLiteral("original"), QStringLiteral("copy of original")));
    QVERIFY(finishesOnce(copy.get()));
    QVERIFY2(!copy->hasError(), errorText(*copy).constData());
    QCOMPARE(copy->source(), Source::Keychain);
    QCOMPARE(copy->targetProfileName(), QStringLiteral("copy of original"));

    QCOMPARE(read(QStringLiteral("copy of original"))->token(), token);
    QCOMPARE(read(QStringLiteral("original"))->token(), token);
}

void TokenVaultTest::copyWithoutTokenCopiesNothing()
{
    std::unique_ptr<TokenVaultReply> copy(m_vault->copyToken(QStringLiteral("never written"), QStringLiteral("copy target")));
    QVERIFY(finishesOnce(copy.get()));
    QVERIFY(!copy->hasError());
    QCOMPARE(copy->source(), Source::None);

    const auto readBack = read(QStringLiteral("copy target"));
    QVERIFY(readBack->hasError());
    QCOMPARE(readBack->error()->kind, Kind::NotFound);
}

void TokenVaultTest::nonAsciiToken()
{
    const QString token = QStringLiteral("tøken-Ω-€-") + uniqueToken("utf8");
    QVERIFY(!write(QStringLiteral("Büro Zürich"), token)->hasError());
    QCOMPARE(read(QStringLiteral("Büro Zürich"))->token(), token);
}

void TokenVaultTest::emptyTokenRejected()
{
    std::unique_ptr<TokenVaultReply> reply(m_vault->writeToken(QStringLiteral("empty"), QString()));
    QVERIFY(!reply->isFinished());
    QVERIFY(finishesOnce(reply.get()));
    QVERIFY(reply->hasError());
    QCOMPARE(reply->error()->kind, Kind::InvalidRequest);
    QVERIFY(reply->error()->toUserText().contains(QStringLiteral("token is empty")));
}

void TokenVaultTest::emptyProfileNameRejected()
{
    std::unique_ptr<TokenVaultReply> reply(m_vault->writeToken(QString(), uniqueToken("nameless")));
    QVERIFY(finishesOnce(reply.get()));
    QVERIFY(reply->hasError());
    QCOMPARE(reply->error()->kind, Kind::InvalidRequest);
    QVERIFY(reply->error()->toUserText().contains(QStringLiteral("profile name is empty")));
}

void TokenVaultTest::sessionTokenReadFirst()
{
    const QString token = uniqueToken("session");
    m_vault->keepTokenForSession(QStringLiteral("session only"), token);

    const auto readBack = read(QStringLiteral("session only"));
    QVERIFY(!readBack->hasError());
    QCOMPARE(readBack->token(), token);
    QCOMPARE(readBack->source(), Source::Session);
    QCOMPARE(PrivateKeyring::lookUpSecret(TokenVault::defaultServiceName(), QStringLiteral("session only")), QString());
}

void TokenVaultTest::writeDropsSessionToken()
{
    m_vault->keepTokenForSession(QStringLiteral("moved to keychain"), uniqueToken("session"));
    const QString token = uniqueToken("keychain");
    QVERIFY(!write(QStringLiteral("moved to keychain"), token)->hasError());

    QVERIFY(!m_vault->sessionTokens().contains(QStringLiteral("moved to keychain")));
    const auto readBack = read(QStringLiteral("moved to keychain"));
    QCOMPARE(readBack->token(), token);
    QCOMPARE(readBack->source(), Source::Keychain);
}

void TokenVaultTest::deleteDropsSessionToken()
{
    m_vault->keepTokenForSession(QStringLiteral("forgotten"), uniqueToken("session"));
    std::unique_ptr<TokenVaultReply> removal(m_vault->deleteToken(QStringLiteral("forgotten")));
    QVERIFY(!m_vault->sessionTokens().contains(QStringLiteral("forgotten")));
    QVERIFY(finishesOnce(removal.get()));
    QVERIFY(!removal->hasError());
}

void TokenVaultTest::copySessionToken()
{
    const QString token = uniqueToken("session-copy");
    m_vault->keepTokenForSession(QStringLiteral("session source"), token);

    std::unique_ptr<TokenVaultReply> copy(m_vault->copyToken(QStringLiteral("session source"), QStringLiteral("session copy")));
    QVERIFY(finishesOnce(copy.get()));
    QVERIFY(!copy->hasError());
    QCOMPARE(copy->source(), Source::Session);
    QCOMPARE(m_vault->sessionTokens().value(QStringLiteral("session copy")), std::optional<QString>(token));
    QCOMPARE(PrivateKeyring::lookUpSecret(TokenVault::defaultServiceName(), QStringLiteral("session copy")), QString());
}

void TokenVaultTest::otherServiceIsSeparate()
{
    QVERIFY(!write(QStringLiteral("shared name"), uniqueToken("default-service"))->hasError());

    TokenVault otherVault(QStringLiteral("callback-store-inspector-other"));
    std::unique_ptr<TokenVaultReply> readBack(otherVault.readToken(QStringLiteral("shared name")));
    QVERIFY(finishesOnce(readBack.get()));
    QVERIFY(readBack->hasError());
    QCOMPARE(readBack->error()->kind, Kind::NotFound);
}

void TokenVaultTest::replyDeletedEarly()
{
    const QString token = uniqueToken("deleted-reply");
    m_profilesUsed.append(QStringLiteral("unobserved"));
    QPointer<TokenVaultReply> reply = m_vault->writeToken(QStringLiteral("unobserved"), token);
    delete reply;

    // The keychain job runs on without the reply; the read queues behind it.
    const auto readBack = read(QStringLiteral("unobserved"));
    QVERIFY(!readBack->hasError());
    QCOMPARE(readBack->token(), token);
}

PRIVATE_KEYRING_TEST_MAIN(TokenVaultTest, PrivateKeyring::WithSecretService)

#include "tokenvault_test.moc"
