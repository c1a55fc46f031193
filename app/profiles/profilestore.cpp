#include "profilestore.h"

#include "profilelogging.h"
#include "tokenvault.h"

#include <QSettings>

#include <algorithm>

using Field = ConnectionProfile::Field;
using Problem = ConnectionProfile::Problem;

namespace {

const QString settingsGroup = QStringLiteral("connections");
const QString profilesArray = QStringLiteral("profiles");
const QString lastUsedKey = QStringLiteral("lastUsedProfile");

const QString nameKey = QStringLiteral("name");
const QString botIdKey = QStringLiteral("botId");
const QString regionKey = QStringLiteral("region");
const QString baseUrlKey = QStringLiteral("baseUrl");
const QString filterEncodingKey = QStringLiteral("filterEncoding");
const QString notesKey = QStringLiteral("notes");

QString foldCase(const QString &name)
{
    return name.toCaseFolded();
}

} // namespace

ProfileStore::ProfileStore(QSettings *settings, TokenVault *vault, QObject *parent)
    : QObject(parent), m_settings(settings), m_vault(vault)
{
    load();
}

ProfileStore::ProfileStore(const QString &settingsFilePath, TokenVault *vault, QObject *parent)
    : ProfileStore(new QSettings(settingsFilePath, QSettings::IniFormat), vault, parent)
{
    m_settings->setParent(this);
}

QStringList ProfileStore::profileNames() const
{
    QStringList names;
    names.reserve(m_profiles.size());
    for (const ConnectionProfile &profile : m_profiles)
        names.append(profile.name);
    return names;
}

std::optional<ConnectionProfile> ProfileStore::profile(const QString &name) const
{
    const qsizetype index = indexOf(name);
    if (index < 0)
        return std::nullopt;
    return m_profiles.at(index);
}

qsizetype ProfileStore::indexOf(const QString &name) const
{
    if (name.isEmpty())
        return -1;
    for (qsizetype i = 0; i < m_profiles.size(); ++i) {
        if (m_profiles.at(i).name == name)
            return i;
    }
    return -1;
}

qsizetype ProfileStore::indexOfIgnoringCase(const QString &name) const
{
    for (qsizetype i = 0; i < m_profiles.size(); ++i) {
        if (m_profiles.at(i).name.compare(name, Qt::CaseInsensitive) == 0)
            return i;
    }
    return -1;
}

bool ProfileStore::isBusy(const QString &name) const
{
    return m_busyNames.contains(foldCase(name));
}

void ProfileStore::setBusy(const QStringList &names, bool busy)
{
    for (const QString &name : names) {
        if (busy)
            m_busyNames.insert(foldCase(name));
        else
            m_busyNames.remove(foldCase(name));
    }
}

std::optional<QString> ProfileStore::checkNewName(const QString &name, const QString &renamedProfile) const
{
    const QString trimmed = name.trimmed();
    if (const std::optional<QString> problem = ConnectionProfile::checkName(trimmed))
        return problem;

    const bool sameProfile = !renamedProfile.isEmpty() && trimmed.compare(renamedProfile, Qt::CaseInsensitive) == 0;
    if (isBusy(trimmed) && !sameProfile)
        return tr("A profile named \"%1\" is being changed; wait until that finishes.").arg(trimmed);

    const qsizetype existing = indexOfIgnoringCase(trimmed);
    if (existing < 0 || sameProfile)
        return std::nullopt;
    const QString &existingName = m_profiles.at(existing).name;
    if (existingName == trimmed)
        return tr("A profile named \"%1\" already exists.").arg(trimmed);
    return tr("A profile named \"%1\" already exists; names that differ only in letter case count as the same.")
        .arg(existingName);
}

QList<Problem> ProfileStore::checkNewProfile(const ConnectionProfile &profile) const
{
    ConnectionProfile trimmed = profile;
    trimmed.name = profile.name.trimmed();
    QList<Problem> problems = trimmed.validate();
    const bool nameValid = std::none_of(problems.cbegin(), problems.cend(),
                                        [](const Problem &problem) { return problem.field == Field::Name; });
    if (nameValid) {
        if (const std::optional<QString> nameProblem = checkNewName(trimmed.name))
            problems.prepend({Field::Name, *nameProblem});
    }
    return problems;
}

std::optional<Problem> ProfileStore::checkExisting(const QString &name) const
{
    if (!contains(name))
        return Problem{Field::Name, tr("There is no profile named \"%1\".").arg(name)};
    if (isBusy(name))
        return Problem{Field::Name, tr("Profile \"%1\" is being changed; wait until that finishes.").arg(name)};
    return std::nullopt;
}

QList<Problem> ProfileStore::createProfile(const ConnectionProfile &profile)
{
    const QList<Problem> problems = checkNewProfile(profile);
    if (!problems.isEmpty())
        return problems;

    ConnectionProfile stored = profile;
    stored.name = profile.name.trimmed();
    const QList<ConnectionProfile> previous = m_profiles;
    m_profiles.append(stored);
    if (const std::optional<QString> saveProblem = saveOrRestore(previous, m_lastUsedName))
        return {{Field::SettingsFile, *saveProblem}};

    qCInfo(lcProfiles) << "created profile" << stored.name;
    Q_EMIT profileAdded(stored.name);
    return {};
}

QList<Problem> ProfileStore::updateProfile(const ConnectionProfile &profile)
{
    if (const std::optional<Problem> problem = checkExisting(profile.name))
        return {*problem};
    const QList<Problem> problems = profile.validate();
    if (!problems.isEmpty())
        return problems;

    const qsizetype index = indexOf(profile.name);
    if (m_profiles.at(index) == profile)
        return {};
    const QList<ConnectionProfile> previous = m_profiles;
    m_profiles[index] = profile;
    if (const std::optional<QString> saveProblem = saveOrRestore(previous, m_lastUsedName))
        return {{Field::SettingsFile, *saveProblem}};

    qCInfo(lcProfiles) << "updated profile" << profile.name;
    Q_EMIT profileUpdated(profile.name);
    return {};
}

bool ProfileStore::setLastUsedProfile(const QString &name)
{
    if (!name.isEmpty() && !contains(name))
        return false;
    if (name == m_lastUsedName)
        return true;

    const QString previous = m_lastUsedName;
    m_lastUsedName = name;
    if (const std::optional<QString> saveProblem = saveOrRestore(m_profiles, previous)) {
        qCWarning(lcProfiles) << "could not remember the last-used profile:" << *saveProblem;
        return false;
    }
    Q_EMIT lastUsedProfileChanged(name);
    return true;
}

ProfileOperation *ProfileStore::renameProfile(const QString &name, const QString &newName, QObject *parent)
{
    const QString trimmed = newName.trimmed();
    auto *operation = new ProfileOperation(ProfileOperation::Kind::Rename, name, trimmed, parent);

    QList<Problem> problems;
    if (const std::optional<Problem> problem = checkExisting(name))
        problems.append(*problem);
    else if (const std::optional<QString> nameProblem = checkNewName(trimmed, name))
        problems.append({Field::Name, *nameProblem});
    if (!problems.isEmpty()) {
        operation->rejectLater(problems);
        return operation;
    }
    if (trimmed == name) {
        QMetaObject::invokeMethod(operation, [operation] { operation->finishWithSuccess(); }, Qt::QueuedConnection);
        return operation;
    }

    setBusy({name, trimmed}, true);
    TokenVaultReply *copy = m_vault->copyToken(name, trimmed, this);
    const QPointer<ProfileOperation> guard(operation);
    connect(copy, &TokenVaultReply::finished, this, [this, guard, copy, name, trimmed] {
        copy->deleteLater();
        if (!copy->hasError()) {
            finishRename(guard, name, trimmed, QString(), std::nullopt);
            return;
        }

        const TokenVaultError &error = *copy->error();
        if (error.kind == TokenVaultError::Kind::NoKeychain) {
            // Without a keychain, only a session token can have been stored, and
            // copyToken() already moved that one. Renaming must not depend on a
            // keychain that the user may never have.
            finishRename(guard, name, trimmed,
                         tr("%1 A token saved there earlier under \"%2\" stays there.").arg(error.summary(), name),
                         error);
            return;
        }
        setBusy({name, trimmed}, false);
        if (guard) {
            guard->finishWithError(tr("Profile \"%1\" was not renamed because its token could not be moved. %2")
                                       .arg(name, error.toUserText()),
                                   error);
        }
    });
    return operation;
}

void ProfileStore::finishRename(const QPointer<ProfileOperation> &operation, const QString &oldName,
                                const QString &newName, const QString &warningText,
                                const std::optional<TokenVaultError> &vaultError)
{
    const QList<ConnectionProfile> previousProfiles = m_profiles;
    const QString previousLastUsed = m_lastUsedName;
    m_profiles[indexOf(oldName)].name = newName;
    const bool wasLastUsed = m_lastUsedName == oldName;
    if (wasLastUsed)
        m_lastUsedName = newName;

    if (const std::optional<QString> saveProblem = saveOrRestore(previousProfiles, previousLastUsed)) {
        discardCopiedToken(newName);
        setBusy({oldName, newName}, false);
        if (operation)
            operation->finishWithError(tr("Profile \"%1\" was not renamed. %2").arg(oldName, *saveProblem));
        return;
    }
    qCInfo(lcProfiles) << "renamed profile" << oldName << "to" << newName;
    Q_EMIT profileRenamed(oldName, newName);
    if (wasLastUsed)
        Q_EMIT lastUsedProfileChanged(newName);

    if (vaultError) {
        setBusy({oldName, newName}, false);
        if (operation)
            operation->finishWithSuccess(warningText, vaultError);
        return;
    }

    // The token now exists under both names. The old entry is deleted last, so a
    // failure at any earlier step leaves the profile with a token.
    TokenVaultReply *removal = m_vault->deleteToken(oldName, this);
    connect(removal, &TokenVaultReply::finished, this, [this, operation, removal, oldName, newName] {
        removal->deleteLater();
        setBusy({oldName, newName}, false);
        if (!operation)
            return;
        if (!removal->hasError()) {
            operation->finishWithSuccess();
            return;
        }
        operation->finishWithSuccess(
            tr("The token under the old name \"%1\" could not be deleted from the keychain, so it is stored "
               "under both names. %2")
                .arg(oldName, removal->error()->toUserText()),
            removal->error());
    });
}

ProfileOperation *ProfileStore::duplicateProfile(const QString &name, const QString &copyName, QObject *parent)
{
    const QString trimmed = copyName.trimmed();
    auto *operation = new ProfileOperation(ProfileOperation::Kind::Duplicate, name, trimmed, parent);

    QList<Problem> problems;
    if (const std::optional<Problem> problem = checkExisting(name))
        problems.append(*problem);
    else if (const std::optional<QString> nameProblem = checkNewName(trimmed))
        problems.append({Field::Name, *nameProblem});
    if (!problems.isEmpty()) {
        operation->rejectLater(problems);
        return operation;
    }

    setBusy({name, trimmed}, true);
    TokenVaultReply *copy = m_vault->copyToken(name, trimmed, this);
    const QPointer<ProfileOperation> guard(operation);
    connect(copy, &TokenVaultReply::finished, this, [this, guard, copy, name, trimmed] {
        copy->deleteLater();
        if (!copy->hasError()) {
            finishDuplicate(guard, name, trimmed, QString(), std::nullopt);
            return;
        }

        const TokenVaultError &error = *copy->error();
        if (error.kind == TokenVaultError::Kind::NoKeychain) {
            finishDuplicate(guard, name, trimmed,
                            tr("%1 The token was not copied; enter it for profile \"%2\".").arg(error.summary(), trimmed),
                            error);
            return;
        }
        setBusy({name, trimmed}, false);
        if (guard) {
            guard->finishWithError(tr("Profile \"%1\" was not duplicated because its token could not be copied. %2")
                                       .arg(name, error.toUserText()),
                                   error);
        }
    });
    return operation;
}

void ProfileStore::finishDuplicate(const QPointer<ProfileOperation> &operation, const QString &sourceName,
                                   const QString &copyName, const QString &warningText,
                                   const std::optional<TokenVaultError> &vaultError)
{
    setBusy({sourceName, copyName}, false);

    ConnectionProfile copy = m_profiles.at(indexOf(sourceName));
    copy.name = copyName;
    const QList<ConnectionProfile> previous = m_profiles;
    m_profiles.append(copy);
    if (const std::optional<QString> saveProblem = saveOrRestore(previous, m_lastUsedName)) {
        discardCopiedToken(copyName);
        if (operation)
            operation->finishWithError(tr("Profile \"%1\" was not duplicated. %2").arg(sourceName, *saveProblem));
        return;
    }
    qCInfo(lcProfiles) << "duplicated profile" << sourceName << "as" << copyName;
    Q_EMIT profileAdded(copyName);
    if (operation)
        operation->finishWithSuccess(warningText, vaultError);
}

ProfileOperation *ProfileStore::removeProfile(const QString &name, QObject *parent)
{
    auto *operation = new ProfileOperation(ProfileOperation::Kind::Remove, name, QString(), parent);
    if (const std::optional<Problem> problem = checkExisting(name)) {
        operation->rejectLater({*problem});
        return operation;
    }

    setBusy({name}, true);
    TokenVaultReply *removal = m_vault->deleteToken(name, this);
    const QPointer<ProfileOperation> guard(operation);
    connect(removal, &TokenVaultReply::finished, this, [this, guard, removal, name] {
        removal->deleteLater();
        if (!removal->hasError()) {
            finishRemove(guard, name, QString(), std::nullopt);
            return;
        }

        const TokenVaultError &error = *removal->error();
        if (error.kind == TokenVaultError::Kind::NoKeychain) {
            finishRemove(guard, name, tr("%1 A token saved there earlier for \"%2\" stays there.").arg(error.summary(), name),
                         error);
            return;
        }
        // Keeping the profile lets the user delete it again once the keychain is
        // unlocked. Removing it would leave a token behind that a new profile of the
        // same name would pick up.
        setBusy({name}, false);
        if (guard) {
            guard->finishWithError(tr("Profile \"%1\" was not deleted because its token could not be deleted. %2")
                                       .arg(name, error.toUserText()),
                                   error);
        }
    });
    return operation;
}

void ProfileStore::finishRemove(const QPointer<ProfileOperation> &operation, const QString &name,
                                const QString &warningText, const std::optional<TokenVaultError> &vaultError)
{
    setBusy({name}, false);

    const QList<ConnectionProfile> previousProfiles = m_profiles;
    const QString previousLastUsed = m_lastUsedName;
    m_profiles.removeAt(indexOf(name));
    const bool wasLastUsed = m_lastUsedName == name;
    if (wasLastUsed)
        m_lastUsedName.clear();

    if (const std::optional<QString> saveProblem = saveOrRestore(previousProfiles, previousLastUsed)) {
        // NOTE: the token is already gone from the keychain at this point, so the
        // profile stays but has to be given its token again.
        if (operation)
            operation->finishWithError(tr("Profile \"%1\" was not deleted, but its token was. %2").arg(name, *saveProblem));
        return;
    }
    qCInfo(lcProfiles) << "deleted profile" << name;
    Q_EMIT profileRemoved(name);
    if (wasLastUsed)
        Q_EMIT lastUsedProfileChanged(QString());
    if (operation)
        operation->finishWithSuccess(warningText, vaultError);
}

void ProfileStore::discardCopiedToken(const QString &profileName)
{
    TokenVaultReply *removal = m_vault->deleteToken(profileName, this);
    connect(removal, &TokenVaultReply::finished, removal, &QObject::deleteLater);
}

void ProfileStore::load()
{
    m_settings->beginGroup(settingsGroup);
    const int count = m_settings->beginReadArray(profilesArray);
    for (int i = 0; i < count; ++i) {
        m_settings->setArrayIndex(i);
        ConnectionProfile profile;
        profile.name = m_settings->value(nameKey).toString().trimmed();
        profile.botId = m_settings->value(botIdKey).toString();
        profile.customBaseUrl = QUrl(m_settings->value(baseUrlKey).toString());
        profile.notes = m_settings->value(notesKey).toString();

        const QString storedRegion = m_settings->value(regionKey).toString();
        const std::optional<ApiEndpoint::Region> region = ApiEndpoint::regionFromKey(storedRegion);
        const std::optional<QString> nameProblem = ConnectionProfile::checkName(profile.name);
        if (nameProblem || !region || indexOfIgnoringCase(profile.name) >= 0) {
            qCWarning(lcProfiles) << "skipping profile entry" << i + 1 << "in" << m_settings->fileName()
                                  << "with name" << profile.name << "and region" << storedRegion
                                  << "because the name is invalid or repeated or the region is unknown;"
                                  << "the next change to the profiles drops it from the file";
            continue;
        }
        profile.region = *region;

        const QString storedEncoding = m_settings->value(filterEncodingKey).toString();
        if (const std::optional<ApiEndpoint::FilterEncoding> encoding =
                ConnectionProfile::filterEncodingFromKey(storedEncoding)) {
            profile.filterEncoding = *encoding;
        } else {
            qCWarning(lcProfiles) << "profile" << profile.name << "has the unknown filter encoding" << storedEncoding
                                  << "and uses query parameters instead";
        }
        m_profiles.append(profile);
    }
    m_settings->endArray();

    const QString lastUsed = m_settings->value(lastUsedKey).toString();
    m_settings->endGroup();
    if (contains(lastUsed))
        m_lastUsedName = lastUsed;
    qCDebug(lcProfiles) << "loaded" << m_profiles.size() << "profiles from" << m_settings->fileName();
}

std::optional<QString> ProfileStore::save()
{
    m_settings->beginGroup(settingsGroup);
    m_settings->remove(profilesArray);
    m_settings->beginWriteArray(profilesArray, int(m_profiles.size()));
    for (int i = 0; i < m_profiles.size(); ++i) {
        const ConnectionProfile &profile = m_profiles.at(i);
        m_settings->setArrayIndex(i);
        m_settings->setValue(nameKey, profile.name);
        m_settings->setValue(botIdKey, profile.botId);
        m_settings->setValue(regionKey, ApiEndpoint::regionKey(profile.region));
        m_settings->setValue(baseUrlKey, profile.customBaseUrl.toString());
        m_settings->setValue(filterEncodingKey, ConnectionProfile::filterEncodingKey(profile.filterEncoding));
        m_settings->setValue(notesKey, profile.notes);
    }
    m_settings->endArray();
    if (m_lastUsedName.isEmpty())
        m_settings->remove(lastUsedKey);
    else
        m_settings->setValue(lastUsedKey, m_lastUsedName);
    m_settings->endGroup();

    m_settings->sync();
    switch (m_settings->status()) {
    case QSettings::NoError:
        return std::nullopt;
    case QSettings::AccessError:
        return tr("The settings file %1 could not be written; check its permissions and the free disk space.")
            .arg(m_settings->fileName());
    case QSettings::FormatError:
        break;
    }
    return tr("The settings file %1 is damaged and could not be updated; move it aside and restart the program.")
        .arg(m_settings->fileName());
}

std::optional<QString> ProfileStore::saveOrRestore(const QList<ConnectionProfile> &previousProfiles,
                                                   const QString &previousLastUsed)
{
    const std::optional<QString> problem = save();
    if (!problem)
        return std::nullopt;
    qCWarning(lcProfiles) << "saving the profiles failed:" << *problem;
    m_profiles = previousProfiles;
    m_lastUsedName = previousLastUsed;
    return problem;
}
