#include "tokenvault.h"

#include "profilelogging.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QPointer>

#include <qt6keychain/keychain.h>

using Operation = TokenVaultError::Operation;
using Source = TokenVaultReply::Source;

namespace {

// The D-Bus name that a Secret Service provider such as GNOME Keyring owns while it runs.
const QString secretServiceName = QStringLiteral("org.freedesktop.secrets");

} // namespace

QString TokenVault::defaultServiceName()
{
    return QStringLiteral("callback-store-inspector");
}

TokenVault::TokenVault(QObject *parent)
    : TokenVault(defaultServiceName(), parent)
{
}

TokenVault::TokenVault(const QString &serviceName, QObject *parent)
    : QObject(parent), m_serviceName(serviceName)
{
}

void TokenVault::keepTokenForSession(const QString &profileName, const QString &token)
{
    qCInfo(lcProfiles) << "keeping the token of profile" << profileName << "in memory for this run only";
    m_sessionTokens.insert(profileName, token);
}

std::optional<TokenVaultError> TokenVault::checkRequest(Operation operation, const QString &profileName) const
{
    if (profileName.isEmpty())
        return TokenVaultError::invalidRequest(operation, profileName, tr("The profile name is empty."));

    // Without a session bus QtKeychain's libsecret backend would try to start one
    // through X11 and fail with a message that does not say "no keychain".
    if (!QDBusConnection::sessionBus().isConnected())
        return TokenVaultError::noKeychain(operation, profileName,
                                           tr("there is no D-Bus session bus, so no Secret Service can be reached"));
    return std::nullopt;
}

TokenVaultReply *TokenVault::readToken(const QString &profileName, QObject *parent)
{
    auto *reply = new TokenVaultReply(Operation::Read, profileName, QString(), parent);

    if (const std::optional<QString> sessionToken = m_sessionTokens.value(profileName)) {
        reply->finishLater(Source::Session, *sessionToken);
        return reply;
    }
    if (const std::optional<TokenVaultError> problem = checkRequest(Operation::Read, profileName)) {
        reply->failLater(*problem);
        return reply;
    }

    readFromKeychain(profileName, reply, Operation::Read, [reply, profileName](const std::optional<QString> &token) {
        if (!token) {
            TokenVaultError error;
            error.kind = TokenVaultError::Kind::NotFound;
            error.operation = Operation::Read;
            error.profileName = profileName;
            reply->finishWithError(error);
            return;
        }
        reply->finishWithSuccess(Source::Keychain, *token);
    });
    return reply;
}

TokenVaultReply *TokenVault::writeToken(const QString &profileName, const QString &token, QObject *parent)
{
    auto *reply = new TokenVaultReply(Operation::Write, profileName, QString(), parent);

    if (token.isEmpty()) {
        reply->failLater(TokenVaultError::invalidRequest(Operation::Write, profileName,
                                                         tr("The token is empty; enter the bearer token.")));
        return reply;
    }
    if (const std::optional<TokenVaultError> problem = checkRequest(Operation::Write, profileName)) {
        reply->failLater(*problem);
        return reply;
    }

    writeToKeychain(profileName, token, reply, Operation::Write,
                    [reply] { reply->finishWithSuccess(Source::Keychain); });
    return reply;
}

TokenVaultReply *TokenVault::deleteToken(const QString &profileName, QObject *parent)
{
    auto *reply = new TokenVaultReply(Operation::Delete, profileName, QString(), parent);

    m_sessionTokens.remove(profileName);
    if (const std::optional<TokenVaultError> problem = checkRequest(Operation::Delete, profileName)) {
        reply->failLater(*problem);
        return reply;
    }

    auto *job = new QKeychain::DeletePasswordJob(m_serviceName);
    job->setKey(profileName);
    qCDebug(lcProfiles) << "deleting the keychain token of profile" << profileName;
    runJob(job, reply, [this, reply, profileName](const JobResult &result) {
        // Deleting what is not there leaves the keychain as the caller wants it.
        if (result.error == QKeychain::NoError || result.error == QKeychain::EntryNotFound) {
            reply->finishWithSuccess(Source::None);
            return;
        }
        failFromJob(reply, Operation::Delete, profileName, result);
    });
    return reply;
}

TokenVaultReply *TokenVault::copyToken(const QString &fromProfile, const QString &toProfile, QObject *parent)
{
    auto *reply = new TokenVaultReply(Operation::Copy, fromProfile, toProfile, parent);

    if (toProfile.isEmpty()) {
        reply->failLater(TokenVaultError::invalidRequest(Operation::Copy, fromProfile,
                                                         tr("The name of the profile to copy to is empty.")));
        return reply;
    }
    if (const std::optional<QString> sessionToken = m_sessionTokens.value(fromProfile)) {
        m_sessionTokens.insert(toProfile, *sessionToken);
        reply->finishLater(Source::Session);
        return reply;
    }
    if (const std::optional<TokenVaultError> problem = checkRequest(Operation::Copy, fromProfile)) {
        reply->failLater(*problem);
        return reply;
    }

    readFromKeychain(fromProfile, reply, Operation::Copy,
                     [this, reply, toProfile](const std::optional<QString> &token) {
                         if (!token) {
                             reply->finishWithSuccess(Source::None);
                             return;
                         }
                         writeToKeychain(toProfile, *token, reply, Operation::Copy,
                                         [reply] { reply->finishWithSuccess(Source::Keychain); });
                     });
    return reply;
}

void TokenVault::readFromKeychain(const QString &profileName, TokenVaultReply *reply, Operation operation,
                                  std::function<void(const std::optional<QString> &token)> done)
{
    auto *job = new QKeychain::ReadPasswordJob(m_serviceName);
    job->setKey(profileName);
    qCDebug(lcProfiles) << "reading the keychain token of profile" << profileName;
    runJob(job, reply, [this, reply, operation, profileName, done = std::move(done)](const JobResult &result) {
        if (result.error == QKeychain::NoError) {
            done(result.text);
            return;
        }
        if (result.error == QKeychain::EntryNotFound) {
            done(std::nullopt);
            return;
        }
        failFromJob(reply, operation, profileName, result);
    });
}

void TokenVault::writeToKeychain(const QString &profileName, const QString &token, TokenVaultReply *reply,
                                 Operation operation, std::function<void()> written)
{
    auto *job = new QKeychain::WritePasswordJob(m_serviceName);
    job->setKey(profileName);
    job->setTextData(token);
    qCDebug(lcProfiles) << "writing the keychain token of profile" << profileName;
    runJob(job, reply, [this, reply, operation, profileName, written = std::move(written)](const JobResult &result) {
        if (result.error != QKeychain::NoError) {
            failFromJob(reply, operation, profileName, result);
            return;
        }
        // The keychain stores the token now, so a copy kept for this run is no longer needed.
        m_sessionTokens.remove(profileName);
        written();
    });
}

void TokenVault::runJob(QKeychain::Job *job, TokenVaultReply *reply, JobHandler handler)
{
    // The job deletes itself after finished(). It has no parent because deleting a
    // job while its libsecret call is pending would leave that call with a dangling
    // pointer.
    job->setAutoDelete(true);
    // Never store the token in plain text when no keychain is available.
    job->setInsecureFallback(false);

    QPointer<TokenVault> vault(this);
    connect(job, &QKeychain::Job::finished, reply, [vault, reply, handler = std::move(handler)](QKeychain::Job *finishedJob) {
        JobResult result;
        result.error = finishedJob->error();
        result.message = finishedJob->errorString();
        if (auto *readJob = qobject_cast<QKeychain::ReadPasswordJob *>(finishedJob))
            result.text = readJob->textData();

        if (!vault) {
            TokenVaultError error;
            error.operation = reply->operation();
            error.profileName = reply->profileName();
            error.keychainMessage = tr("The token vault was closed before the keychain answered.");
            reply->finishWithError(error);
            return;
        }
        handler(result);
    });
    job->start();
}

void TokenVault::failFromJob(TokenVaultReply *reply, Operation operation, const QString &profileName,
                             const JobResult &result)
{
    TokenVaultError error;
    error.operation = operation;
    error.profileName = profileName;
    error.keychainMessage = result.message;
    qCWarning(lcProfiles) << "keychain operation for profile" << profileName << "failed with QKeychain error"
                          << result.error << result.message;

    switch (result.error) {
    case QKeychain::EntryNotFound:
        error.kind = TokenVaultError::Kind::NotFound;
        reply->finishWithError(error);
        return;
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        error.kind = TokenVaultError::Kind::AccessDenied;
        reply->finishWithError(error);
        return;
    case QKeychain::NoBackendAvailable:
        error.kind = TokenVaultError::Kind::NoKeychain;
        error.reason = tr("no keychain service such as GNOME Keyring or KWallet was found");
        reply->finishWithError(error);
        return;
    case QKeychain::NotImplemented:
        error.kind = TokenVaultError::Kind::NoKeychain;
        error.reason = tr("QtKeychain does not support a keychain on this system");
        reply->finishWithError(error);
        return;
    default:
        break;
    }

    // libsecret reports a missing Secret Service as a generic D-Bus error, so ask the
    // bus whether anyone provides the Secret Service before calling it a keychain failure.
    QDBusMessage call = QDBusMessage::createMethodCall(QStringLiteral("org.freedesktop.DBus"),
                                                       QStringLiteral("/org/freedesktop/DBus"),
                                                       QStringLiteral("org.freedesktop.DBus"),
                                                       QStringLiteral("NameHasOwner"));
    call << secretServiceName;
    auto *watcher = new QDBusPendingCallWatcher(QDBusConnection::sessionBus().asyncCall(call), reply);
    connect(watcher, &QDBusPendingCallWatcher::finished, reply, [reply, error](QDBusPendingCallWatcher *finished) mutable {
        finished->deleteLater();
        const QDBusPendingReply<bool> hasOwner = *finished;
        if (hasOwner.isError() || !hasOwner.value()) {
            error.kind = TokenVaultError::Kind::NoKeychain;
            error.reason = tr("the Secret Service is not running");
        } else {
            error.kind = TokenVaultError::Kind::Failed;
        }
        reply->finishWithError(error);
    });
}
