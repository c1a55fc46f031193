#pragma once

#include "tokenvaulterror.h"

#include <QObject>
#include <QString>

#include <optional>

// One keychain operation of TokenVault, from start to its single result.
//
// A reply ends exactly once: finished() is emitted, always from the event loop and
// never from inside the TokenVault call that created it, with either success or
// error(). The owner deletes the reply after finished(). Deleting it earlier only
// drops the result: the keychain operation itself cannot be stopped.
class TokenVaultReply : public QObject
{
    Q_OBJECT

public:
    using Operation = TokenVaultError::Operation;

    // The origin of the token that a read returned or a copy copied.
    enum class Source {
        None,     // nothing was found (copy of a profile without a token) or nothing was read
        Keychain,
        Session,  // SessionTokens: kept for this run only
    };

    Operation operation() const { return m_operation; }
    const QString &profileName() const { return m_profileName; }
    // The profile a copy writes to; empty for other operations.
    const QString &targetProfileName() const { return m_targetProfileName; }

    bool isFinished() const { return m_finished; }
    bool hasError() const { return m_error.has_value(); }
    const std::optional<TokenVaultError> &error() const { return m_error; }

    // The token of a successful read; empty otherwise.
    const QString &token() const { return m_token; }
    Source source() const { return m_source; }

Q_SIGNALS:
    void finished();

private:
    friend class TokenVault;

    TokenVaultReply(Operation operation, QString profileName, QString targetProfileName, QObject *parent);

    void finishWithSuccess(Source source, const QString &token = QString());
    void finishWithError(const TokenVaultError &error);
    // Ends the reply on the next event loop pass, for results known at once.
    void finishLater(Source source, const QString &token = QString());
    void failLater(const TokenVaultError &error);

    Operation m_operation;
    QString m_profileName;
    QString m_targetProfileName;
    QString m_token;
    Source m_source = Source::None;
    std::optional<TokenVaultError> m_error;
    bool m_finished = false;
};
