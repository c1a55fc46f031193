#pragma once

#include "sessiontokens.h"
#include "tokenvaulterror.h"
#include "tokenvaultreply.h"

#include <QObject>
#include <QString>

#include <functional>

namespace QKeychain {
class Job;
}

// Stores each profile's bearer token in the system keychain through QtKeychain,
// under the service name "callback-store-inspector" and the profile name as key.
//
// Every operation returns a TokenVaultReply that the caller owns and that ends with
// exactly one result. The vault never writes a token to a file itself, and
// QtKeychain's plain-text fallback stays disabled. When no keychain is available,
// the operation fails with TokenVaultError::Kind::NoKeychain, and the window may
// then, if the user agrees, keep the token for this run only with keepTokenForSession().
class TokenVault : public QObject
{
    Q_OBJECT

public:
    static QString defaultServiceName();

    explicit TokenVault(QObject *parent = nullptr);
    // A vault under another service name, so tests never touch the program's entries.
    explicit TokenVault(const QString &serviceName, QObject *parent = nullptr);

    const QString &serviceName() const { return m_serviceName; }

    // Reads the token of a profile: from the session tokens if the user chose to keep
    // it for this run only, otherwise from the keychain. A profile without a token
    // ends with a NotFound error.
    TokenVaultReply *readToken(const QString &profileName, QObject *parent = nullptr);
    // Saves the token in the keychain, replacing an earlier one. Once saved, a session
    // token of the same profile is dropped.
    TokenVaultReply *writeToken(const QString &profileName, const QString &token, QObject *parent = nullptr);
    // Deletes the token of a profile from the session tokens and the keychain.
    // Deleting a token that does not exist succeeds.
    TokenVaultReply *deleteToken(const QString &profileName, QObject *parent = nullptr);
    // Copies the token of one profile to another, where it replaces any token.
    // A session token is copied as a session token. A profile without a token
    // copies nothing and succeeds with source() None.
    TokenVaultReply *copyToken(const QString &fromProfile, const QString &toProfile, QObject *parent = nullptr);

    // Keeps a token in memory until the program ends, for when no keychain is available.
    void keepTokenForSession(const QString &profileName, const QString &token);
    SessionTokens &sessionTokens() { return m_sessionTokens; }
    const SessionTokens &sessionTokens() const { return m_sessionTokens; }

private:
    struct JobResult
    {
        int error = 0; // QKeychain::Error
        QString message;
        QString text;
    };
    using JobHandler = std::function<void(const JobResult &result)>;

    // Starts a keychain job and calls handler with its result, unless reply is
    // deleted first.
    void runJob(QKeychain::Job *job, TokenVaultReply *reply, JobHandler handler);
    // Turns a failed job into an error, finding out first whether the failure
    // means that no keychain is available. Ends reply with it.
    void failFromJob(TokenVaultReply *reply, TokenVaultError::Operation operation, const QString &profileName,
                     const JobResult &result);
    std::optional<TokenVaultError> checkRequest(TokenVaultError::Operation operation, const QString &profileName) const;

    // Reads a token and calls done with it, or with nothing when the keychain has no
    // token for the profile. Other failures end reply with an error.
    void readFromKeychain(const QString &profileName, TokenVaultReply *reply, TokenVaultError::Operation operation,
                          std::function<void(const std::optional<QString> &token)> done);
    // Writes a token and calls written on success. Failures end reply with an error.
    void writeToKeychain(const QString &profileName, const QString &token, TokenVaultReply *reply,
                         TokenVaultError::Operation operation, std::function<void()> written);

    QString m_serviceName;
    SessionTokens m_sessionTokens;
};
