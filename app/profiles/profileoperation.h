#pragma once

#include "connectionprofile.h"
#include "tokenvaulterror.h"

#include <QList>
#include <QObject>
#include <QString>

#include <optional>

// One rename, duplicate or delete of ProfileStore, which has to wait for the keychain.
//
// It ends exactly once with finished(), always from the event loop. With an error,
// nothing in the settings changed. Without one, the settings changed; warningText()
// then says what part of the token handling did not complete. The owner deletes
// the operation after finished(). Deleting it earlier drops the result, but the
// change itself still completes.
class ProfileOperation : public QObject
{
    Q_OBJECT

public:
    enum class Kind { Rename, Duplicate, Remove };

    Kind kind() const { return m_kind; }
    const QString &profileName() const { return m_profileName; }
    // The new name of a rename or the name of a duplicate; empty for a delete.
    const QString &newProfileName() const { return m_newProfileName; }

    bool isFinished() const { return m_finished; }
    bool hasError() const { return !m_errorText.isEmpty(); }
    // Why nothing was changed, in sentences for the window.
    const QString &errorText() const { return m_errorText; }
    // The rejected names or missing profiles behind errorText(), if that was the reason.
    const QList<ConnectionProfile::Problem> &problems() const { return m_problems; }
    // The keychain failure behind errorText() or warningText(), if there was one.
    const std::optional<TokenVaultError> &vaultError() const { return m_vaultError; }
    const QString &warningText() const { return m_warningText; }

Q_SIGNALS:
    void finished();

private:
    friend class ProfileStore;

    ProfileOperation(Kind kind, QString profileName, QString newProfileName, QObject *parent);

    void finishWithSuccess(const QString &warningText = QString(),
                           const std::optional<TokenVaultError> &vaultError = std::nullopt);
    void finishWithError(const QString &errorText, const std::optional<TokenVaultError> &vaultError = std::nullopt);
    // Ends the operation on the next event loop pass because the request was invalid.
    void rejectLater(const QList<ConnectionProfile::Problem> &problems);

    Kind m_kind;
    QString m_profileName;
    QString m_newProfileName;
    QString m_errorText;
    QString m_warningText;
    QList<ConnectionProfile::Problem> m_problems;
    std::optional<TokenVaultError> m_vaultError;
    bool m_finished = false;
};
