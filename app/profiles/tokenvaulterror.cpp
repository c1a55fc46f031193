#include "tokenvaulterror.h"

#include <QStringList>

TokenVaultError TokenVaultError::noKeychain(Operation operation, const QString &profileName, const QString &reason)
{
    TokenVaultError error;
    error.kind = Kind::NoKeychain;
    error.operation = operation;
    error.profileName = profileName;
    error.reason = reason;
    return error;
}

TokenVaultError TokenVaultError::invalidRequest(Operation operation, const QString &profileName,
                                                const QString &problem)
{
    TokenVaultError error;
    error.kind = Kind::InvalidRequest;
    error.operation = operation;
    error.profileName = profileName;
    error.reason = problem;
    return error;
}

QString TokenVaultError::summary() const
{
    switch (kind) {
    case Kind::NoKeychain:
        return tr("No keychain is available: %1.").arg(reason);
    case Kind::NotFound:
        return tr("No token is stored for profile \"%1\".").arg(profileName);
    case Kind::AccessDenied:
        return tr("The keychain denied access to the token of profile \"%1\".").arg(profileName);
    case Kind::InvalidRequest:
        return reason;
    case Kind::Failed:
        break;
    }

    switch (operation) {
    case Operation::Read:
        return tr("The token of profile \"%1\" could not be read from the keychain.").arg(profileName);
    case Operation::Write:
        return tr("The token of profile \"%1\" could not be saved in the keychain.").arg(profileName);
    case Operation::Delete:
        return tr("The token of profile \"%1\" could not be deleted from the keychain.").arg(profileName);
    case Operation::Copy:
        break;
    }
    return tr("The token of profile \"%1\" could not be copied in the keychain.").arg(profileName);
}

QString TokenVaultError::toUserText() const
{
    QStringList sentences{summary()};

    switch (kind) {
    case Kind::NoKeychain:
        sentences.append(tr("Start a keychain service such as GNOME Keyring or KWallet and try again, "
                            "or keep the token for this run only."));
        break;
    case Kind::NotFound:
        sentences.append(tr("Enter the bearer token for this profile."));
        break;
    case Kind::AccessDenied:
        sentences.append(tr("Unlock the keychain, or allow this program to use it, and try again."));
        break;
    case Kind::InvalidRequest:
        break;
    case Kind::Failed:
        sentences.append(tr("Check that the keychain is unlocked and try again."));
        break;
    }

    if (!keychainMessage.isEmpty())
        sentences.append(tr("The keychain reported: %1").arg(keychainMessage));
    return sentences.join(QLatin1Char(' '));
}
