#pragma once

#include <QCoreApplication>
#include <QString>

// The failure of one keychain operation. toUserText() turns it into sentences
// for a support person; it never contains the token.
class TokenVaultError
{
    Q_DECLARE_TR_FUNCTIONS(TokenVaultError)

public:
    enum class Kind {
        // No keychain to talk to: no D-Bus session bus, no Secret Service running,
        // or QtKeychain found no backend. The window can then offer to keep the
        // token for this run only (SessionTokens) or not at all.
        NoKeychain,
        NotFound,       // reading: no token is stored for the profile
        AccessDenied,   // the keychain is locked, or the user refused access
        InvalidRequest, // nothing was asked of the keychain: empty profile name or token
        Failed,         // the keychain reported another error
    };

    enum class Operation { Read, Write, Delete, Copy };

    Kind kind = Kind::Failed;
    Operation operation = Operation::Read;
    QString profileName;
    // For NoKeychain: why no keychain is available, as a clause that completes
    // "No keychain is available: ...". For InvalidRequest: the problem.
    QString reason;
    // The keychain's own message, shown as detail.
    QString keychainMessage;

    // The first sentence alone, for a status bar.
    QString summary() const;
    // Sentences that say what failed and what to do next.
    QString toUserText() const;

    static TokenVaultError noKeychain(Operation operation, const QString &profileName, const QString &reason);
    static TokenVaultError invalidRequest(Operation operation, const QString &profileName, const QString &problem);
};
