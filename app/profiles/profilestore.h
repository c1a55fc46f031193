#pragma once

#include "connectionprofile.h"
#include "profileoperation.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QString>
#include <QStringList>

#include <optional>

class QSettings;
class TokenVault;

// The saved connection profiles and the last-used one, kept in QSettings under the
// "connections" group. Tokens never go into the settings: they live in the
// TokenVault, keyed by profile name, and rename, duplicate and delete carry the
// token along.
//
// Profile names are trimmed, must pass ConnectionProfile::checkName(), and are
// unique ignoring letter case. While a rename, duplicate or delete waits for the
// keychain, the names it involves are busy: other changes to them are rejected.
//
// NOTE: the store reads the settings once, when it is constructed, and rewrites the
// whole profile list on every change. Two programs sharing one settings file
// overwrite each other's changes.
class ProfileStore : public QObject
{
    Q_OBJECT

public:
    // Uses settings without taking ownership; they must outlive the store.
    ProfileStore(QSettings *settings, TokenVault *vault, QObject *parent = nullptr);
    // Opens or creates an INI file at settingsFilePath.
    ProfileStore(const QString &settingsFilePath, TokenVault *vault, QObject *parent = nullptr);

    TokenVault *tokenVault() const { return m_vault; }
    QSettings *settings() const { return m_settings; }

    // The profiles in the order they were created.
    const QList<ConnectionProfile> &profiles() const { return m_profiles; }
    QStringList profileNames() const;
    // Looks a profile up by its exact name.
    std::optional<ConnectionProfile> profile(const QString &name) const;
    bool contains(const QString &name) const { return indexOf(name) >= 0; }

    // Why `name` cannot be given to a new or renamed profile, or nothing when it can.
    // renamedProfile is the profile being renamed, which may keep its own name in
    // another letter case.
    std::optional<QString> checkNewName(const QString &name, const QString &renamedProfile = QString()) const;
    // Every reason the profile cannot be created, empty when it can.
    QList<ConnectionProfile::Problem> checkNewProfile(const ConnectionProfile &profile) const;

    // Stores a new profile, with its name trimmed. Returns why it was rejected, or
    // an empty list when it was stored. Its token is written with TokenVault::writeToken().
    QList<ConnectionProfile::Problem> createProfile(const ConnectionProfile &profile);
    // Replaces the stored profile of the same name. Returns why it was rejected, or
    // an empty list when it was stored.
    QList<ConnectionProfile::Problem> updateProfile(const ConnectionProfile &profile);

    // Renames a profile and moves its token to the new name.
    ProfileOperation *renameProfile(const QString &name, const QString &newName, QObject *parent = nullptr);
    // Stores a copy of a profile under copyName, with a copy of its token.
    ProfileOperation *duplicateProfile(const QString &name, const QString &copyName, QObject *parent = nullptr);
    // Deletes a profile and its token.
    ProfileOperation *removeProfile(const QString &name, QObject *parent = nullptr);

    // The profile that was in use when the program last ran, or empty if it no longer exists.
    QString lastUsedProfileName() const { return m_lastUsedName; }
    std::optional<ConnectionProfile> lastUsedProfile() const { return profile(m_lastUsedName); }
    // Remembers the profile in use; an empty name forgets it. Returns false, and
    // changes nothing, for a name that matches no profile.
    bool setLastUsedProfile(const QString &name);

Q_SIGNALS:
    void profileAdded(const QString &name);
    void profileUpdated(const QString &name);
    void profileRenamed(const QString &oldName, const QString &newName);
    void profileRemoved(const QString &name);
    void lastUsedProfileChanged(const QString &name);

private:
    qsizetype indexOf(const QString &name) const;
    qsizetype indexOfIgnoringCase(const QString &name) const;
    bool isBusy(const QString &name) const;
    void setBusy(const QStringList &names, bool busy);
    std::optional<ConnectionProfile::Problem> checkExisting(const QString &name) const;

    void load();
    // Writes the profiles and the last-used name. Returns why the file could not be
    // written, or nothing.
    std::optional<QString> save();
    // Saves, or restores the previous state and returns why saving failed.
    std::optional<QString> saveOrRestore(const QList<ConnectionProfile> &previousProfiles,
                                         const QString &previousLastUsed);

    // These apply a change to the settings once the keychain part is done, and end
    // the operation unless its owner deleted it.
    void finishRename(const QPointer<ProfileOperation> &operation, const QString &oldName, const QString &newName,
                      const QString &warningText, const std::optional<TokenVaultError> &vaultError);
    void finishDuplicate(const QPointer<ProfileOperation> &operation, const QString &sourceName,
                         const QString &copyName, const QString &warningText,
                         const std::optional<TokenVaultError> &vaultError);
    void finishRemove(const QPointer<ProfileOperation> &operation, const QString &name, const QString &warningText,
                      const std::optional<TokenVaultError> &vaultError);
    // Deletes a token that was copied for a change that then could not be saved.
    void discardCopiedToken(const QString &profileName);

    QSettings *m_settings;
    TokenVault *m_vault;
    QList<ConnectionProfile> m_profiles;
    QString m_lastUsedName;
    QSet<QString> m_busyNames; // case-folded
};
