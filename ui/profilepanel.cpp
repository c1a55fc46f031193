#include "profilepanel.h"

#include "connectiontestbar.h"
#include "endpointeditor.h"
#include "fieldstyle.h"
#include "keychainchoicebar.h"
#include "logcategories.h"
#include "profileoperation.h"
#include "profilestore.h"
#include "tokenvault.h"
#include "tokenvaultreply.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QShortcut>
#include <QToolButton>
#include <QVBoxLayout>

namespace {

// The item data of the profile selector.
constexpr int NameRole = Qt::UserRole + 1;
constexpr int KindRole = Qt::UserRole + 2;

} // namespace

QString ProfilePanel::demoProfileName()
{
    return tr("Demo (simulator)");
}

ProfilePanel::ProfilePanel(QWidget *parent)
    : QWidget(parent),
      m_prompts(ProfilePrompts::dialogs(this)),
      m_editor(new EndpointEditor(this)),
      m_testButton(new QPushButton(tr("Test &connection"), this)),
      m_messageLabel(new QLabel(this)),
      m_keychainBar(new KeychainChoiceBar(this)),
      m_testBar(new ConnectionTestBar(this))
{
    m_editor->setObjectName(QStringLiteral("endpointEditor"));
    m_testButton->setObjectName(QStringLiteral("testConnectionButton"));
    m_testButton->setToolTip(tr("Send one small request with these settings and say whether they work"));

    m_messageLabel->setObjectName(QStringLiteral("profileMessageLabel"));
    m_messageLabel->setWordWrap(true);
    m_messageLabel->setTextFormat(Qt::PlainText);
    m_messageLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_messageLabel->hide();

    auto *fieldsRow = new QHBoxLayout;
    fieldsRow->addWidget(m_editor, 1);
    fieldsRow->addWidget(m_testButton, 0, Qt::AlignTop);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(createProfileRow());
    layout->addLayout(fieldsRow);
    layout->addWidget(m_messageLabel);
    layout->addWidget(m_keychainBar);
    layout->addWidget(m_testBar);

    // Without a store there are no profiles to choose from.
    m_profileRow->hide();
    connectSignals();

    const QList<QWidget *> chain = focusChain();
    for (qsizetype i = 1; i < chain.size(); ++i)
        setTabOrder(chain.at(i - 1), chain.at(i));
    m_savedProfile = profileFromFields();
    updateState();
}

QWidget *ProfilePanel::createProfileRow()
{
    m_profileRow = new QWidget(this);
    m_profileCombo = new QComboBox(m_profileRow);
    m_profileCombo->setObjectName(QStringLiteral("profileCombo"));
    m_profileCombo->setMinimumContentsLength(18);
    m_profileCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_profileCombo->setPlaceholderText(tr("No saved profile"));
    m_profileCombo->setToolTip(tr("The saved connection profiles; opening one reads its token from the keychain"));

    const auto makeButton = [this](const QString &text, const char *name, const QString &toolTip) {
        auto *button = new QPushButton(text, m_profileRow);
        button->setObjectName(QLatin1String(name));
        button->setToolTip(toolTip);
        button->setAutoDefault(false);
        return button;
    };
    m_newButton = makeButton(tr("Ne&w\u2026"), "newProfileButton", tr("Start a new profile with empty fields"));
    m_renameButton = makeButton(tr("Rena&me\u2026"), "renameProfileButton",
                                tr("Rename this profile; its token moves along"));
    m_duplicateButton = makeButton(tr("Dup&licate\u2026"), "duplicateProfileButton",
                                   tr("Save a copy of this profile, with a copy of its token"));
    m_deleteButton = makeButton(tr("&Delete"), "deleteProfileButton",
                                tr("Delete this profile and its token from the keychain"));
    m_saveButton = makeButton(tr("S&ave"), "saveProfileButton",
                              tr("Save the fields in the profile and the token in the keychain (Ctrl+S)"));

    m_modifiedLabel = new QLabel(m_profileRow);
    m_modifiedLabel->setObjectName(QStringLiteral("profileModifiedLabel"));
    setTextColor(m_modifiedLabel, WarningTextColor);
    QFont modifiedFont = m_modifiedLabel->font();
    modifiedFont.setItalic(true);
    m_modifiedLabel->setFont(modifiedFont);

    m_notesEdit = new QLineEdit(m_profileRow);
    m_notesEdit->setObjectName(QStringLiteral("notesEdit"));
    m_notesEdit->setPlaceholderText(tr("notes on this bot, for example who to ask about it"));
    m_notesEdit->setToolTip(tr("Saved with the profile; never sent to the server"));

    auto *profileLabel = new QLabel(tr("Pr&ofile:"), m_profileRow);
    profileLabel->setBuddy(m_profileCombo);
    auto *notesLabel = new QLabel(tr("Notes:"), m_profileRow);
    notesLabel->setBuddy(m_notesEdit);

    auto *row = new QHBoxLayout(m_profileRow);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(profileLabel);
    row->addWidget(m_profileCombo);
    for (QPushButton *button : {m_newButton, m_renameButton, m_duplicateButton, m_deleteButton, m_saveButton})
        row->addWidget(button);
    row->addWidget(m_modifiedLabel);
    row->addSpacing(12);
    row->addWidget(notesLabel);
    row->addWidget(m_notesEdit, 1);
    return m_profileRow;
}

void ProfilePanel::connectSignals()
{
    connect(m_editor, &EndpointEditor::endpointChanged, this, [this] {
        updateState();
        Q_EMIT endpointChanged();
    });
    connect(m_editor, &EndpointEditor::validityChanged, this, &ProfilePanel::validityChanged);
    connect(m_editor, &EndpointEditor::submitted, this, &ProfilePanel::submitted);
    connect(m_notesEdit, &QLineEdit::textChanged, this, &ProfilePanel::updateState);

    connect(m_profileCombo, &QComboBox::activated, this, &ProfilePanel::handleProfileActivated);
    connect(m_newButton, &QPushButton::clicked, this, &ProfilePanel::createProfile);
    connect(m_renameButton, &QPushButton::clicked, this, &ProfilePanel::renameProfile);
    connect(m_duplicateButton, &QPushButton::clicked, this, &ProfilePanel::duplicateProfile);
    connect(m_deleteButton, &QPushButton::clicked, this, &ProfilePanel::deleteProfile);
    connect(m_saveButton, &QPushButton::clicked, this, &ProfilePanel::save);
    auto *saveShortcut = new QShortcut(QKeySequence::Save, this);
    saveShortcut->setContext(Qt::WindowShortcut);
    connect(saveShortcut, &QShortcut::activated, this, &ProfilePanel::save);

    connect(m_testButton, &QPushButton::clicked, this, &ProfilePanel::testConnection);
    connect(m_testBar, &ConnectionTestBar::runningChanged, this, &ProfilePanel::handleTestRunning);
    connect(m_testBar, &ConnectionTestBar::switchRegionRequested, this, &ProfilePanel::handleSwitchRegion);
    connect(m_keychainBar, &KeychainChoiceBar::chosen, this,
            [this](KeychainChoiceBar::Choice choice) { handleKeychainChoice(int(choice)); });
}

QList<QWidget *> ProfilePanel::focusChain() const
{
    return {m_profileCombo,
            m_newButton,
            m_renameButton,
            m_duplicateButton,
            m_deleteButton,
            m_saveButton,
            m_notesEdit,
            m_editor->botIdEdit(),
            m_editor->regionCombo(),
            m_editor->baseUrlEdit(),
            m_editor->tokenEdit(),
            m_editor->showTokenButton(),
            m_editor->encodingCombo(),
            m_testButton,
            m_keychainBar->keepButton(),
            m_keychainBar->dontKeepButton(),
            m_keychainBar->tryAgainButton(),
            m_testBar->switchRegionButton()};
}

QLineEdit *ProfilePanel::botIdEdit() const { return m_editor->botIdEdit(); }
QComboBox *ProfilePanel::regionCombo() const { return m_editor->regionCombo(); }
QLineEdit *ProfilePanel::baseUrlEdit() const { return m_editor->baseUrlEdit(); }
QLineEdit *ProfilePanel::tokenEdit() const { return m_editor->tokenEdit(); }
QToolButton *ProfilePanel::showTokenButton() const { return m_editor->showTokenButton(); }
QComboBox *ProfilePanel::encodingCombo() const { return m_editor->encodingCombo(); }
QLabel *ProfilePanel::problemLabel() const { return m_editor->problemLabel(); }

ApiEndpoint ProfilePanel::endpoint() const
{
    return m_editor->endpoint();
}

void ProfilePanel::setEndpoint(const ApiEndpoint &endpoint)
{
    m_editor->setEndpoint(endpoint);
    updateState();
}

std::optional<QString> ProfilePanel::problem() const
{
    return m_editor->problem();
}

void ProfilePanel::setProfileStore(ProfileStore *store, const QString &profileToOpen)
{
    m_store = store;
    m_profileRow->show();
    connect(store, &ProfileStore::profileAdded, this, &ProfilePanel::rebuildSelector);
    connect(store, &ProfileStore::profileRenamed, this, &ProfilePanel::rebuildSelector);
    connect(store, &ProfileStore::profileRemoved, this, &ProfilePanel::rebuildSelector);

    if (m_kind == EntryKind::Temporary) {
        rebuildSelector();
        updateState();
        return;
    }
    const QString name = profileToOpen.isEmpty() ? store->lastUsedProfileName() : profileToOpen;
    if (store->contains(name))
        openEntry(EntryKind::Saved, name);
    else
        openFirstProfileOrNone();
}

void ProfilePanel::setRegionBaseUrls(const QUrl &usBaseUrl, const QUrl &euBaseUrl)
{
    m_usBaseUrl = usBaseUrl;
    m_euBaseUrl = euBaseUrl;
    if (m_kind != EntryKind::Temporary)
        m_editor->setRegionBaseUrls(usBaseUrl, euBaseUrl);
}

bool ProfilePanel::openProfile(const QString &name)
{
    if (!m_store || !m_store->contains(name))
        return false;
    if (m_kind == EntryKind::Saved && m_name == name)
        return true;
    if (!confirmLeave([this, name] { openProfile(name); }))
        return false;
    openEntry(EntryKind::Saved, name);
    return true;
}

void ProfilePanel::showTemporaryProfile(const QString &name, const ApiEndpoint &endpoint)
{
    m_temporaryName = name;
    m_temporaryEndpoint = endpoint;
    m_temporaryNotes = tr("Runs against the simulator inside this program; nothing of it is saved.");
    openEntry(EntryKind::Temporary, name);
}

bool ProfilePanel::isModified() const
{
    switch (m_kind) {
    case EntryKind::Temporary:
        return false;
    case EntryKind::New:
        return true;
    case EntryKind::None:
    case EntryKind::Saved:
        break;
    }
    // Without a store there is nowhere to save, so nothing counts as unsaved.
    if (!m_store)
        return false;
    return profileFromFields() != m_savedProfile || m_editor->tokenEdit()->text() != m_savedToken;
}

bool ProfilePanel::confirmLeave(std::function<void()> next)
{
    if (!isModified())
        return true;

    switch (m_prompts.askUnsavedChanges(m_name)) {
    case ProfilePrompts::UnsavedChoice::Discard:
        discardChanges();
        return true;
    case ProfilePrompts::UnsavedChoice::Save:
        saveWith(std::move(next));
        return false;
    case ProfilePrompts::UnsavedChoice::Cancel:
        break;
    }
    return false;
}

void ProfilePanel::handleProfileActivated(int index)
{
    const QString name = m_profileCombo->itemData(index, NameRole).toString();
    const auto kind = EntryKind(m_profileCombo->itemData(index, KindRole).toInt());
    if (kind == m_kind && name == m_name)
        return;

    // The selector shows the current profile until the new one opens, so that it
    // stays correct when the user cancels or the save fails.
    selectCurrentEntry();
    if (!confirmLeave([this, kind, name] { openEntry(kind, name); }))
        return;
    openEntry(kind, name);
}

void ProfilePanel::openEntry(EntryKind kind, const QString &name)
{
    if (m_kind == EntryKind::Temporary) {
        m_temporaryEndpoint = m_editor->endpoint();
        m_temporaryNotes = m_notesEdit->text();
    }
    stopPendingWork();
    clearMessage();

    m_kind = kind;
    m_name = name;
    m_notesEdit->setReadOnly(kind == EntryKind::Temporary);
    switch (kind) {
    case EntryKind::Saved: {
        const std::optional<ConnectionProfile> profile = m_store ? m_store->profile(name) : std::nullopt;
        if (!profile) {
            openFirstProfileOrNone();
            return;
        }
        loadFields(*profile, QString());
        m_store->setLastUsedProfile(name);
        readToken();
        break;
    }
    case EntryKind::Temporary:
        m_editor->setEndpoint(m_temporaryEndpoint);
        m_notesEdit->setText(m_temporaryNotes);
        m_savedProfile = profileFromFields();
        m_savedToken = m_temporaryEndpoint.token;
        break;
    case EntryKind::New:
    case EntryKind::None: {
        ConnectionProfile empty;
        empty.name = name;
        loadFields(empty, QString());
        break;
    }
    }
    qCDebug(lcUi) << "showing profile" << name;
    rebuildSelector();
    updateState();
}

void ProfilePanel::openFirstProfileOrNone()
{
    if (m_store && !m_store->profiles().isEmpty())
        openEntry(EntryKind::Saved, m_store->profiles().constFirst().name);
    else
        openEntry(EntryKind::None, QString());
}

void ProfilePanel::stopPendingWork()
{
    // Deleting a reply drops its result; the keychain finishes the call by itself.
    delete m_tokenRead;
    m_editor->setTokenLoading(false);
    m_keychainBar->dismiss();
    m_pendingToken.clear();
    m_afterSave = nullptr;
    m_testBar->clear();
}

void ProfilePanel::loadFields(const ConnectionProfile &profile, const QString &token)
{
    m_editor->setEndpoint(profile.toEndpoint(token, m_usBaseUrl, m_euBaseUrl));
    {
        const QSignalBlocker blocker(m_notesEdit);
        m_notesEdit->setText(profile.notes);
    }
    m_savedProfile = profileFromFields();
    m_savedToken = token;
}

ConnectionProfile ProfilePanel::profileFromFields() const
{
    const ApiEndpoint endpoint = m_editor->endpoint();
    ConnectionProfile profile;
    profile.name = m_name;
    profile.botId = endpoint.botId;
    profile.region = endpoint.region;
    profile.customBaseUrl = endpoint.customBaseUrl;
    profile.filterEncoding = endpoint.filterEncoding;
    profile.notes = m_notesEdit->text();
    return profile;
}

void ProfilePanel::discardChanges()
{
    stopPendingWork();
    if (m_kind == EntryKind::New) {
        openFirstProfileOrNone();
        return;
    }
    ConnectionProfile saved = m_savedProfile;
    loadFields(saved, m_savedToken);
    updateState();
}

void ProfilePanel::rebuildSelector()
{
    const QSignalBlocker blocker(m_profileCombo);
    m_profileCombo->clear();
    if (m_store) {
        for (const ConnectionProfile &profile : m_store->profiles()) {
            m_profileCombo->addItem(profile.name);
            m_profileCombo->setItemData(m_profileCombo->count() - 1, profile.name, NameRole);
            m_profileCombo->setItemData(m_profileCombo->count() - 1, int(EntryKind::Saved), KindRole);
        }
    }
    if (m_kind == EntryKind::New) {
        m_profileCombo->addItem(tr("%1 (new, not saved)").arg(m_name));
        m_profileCombo->setItemData(m_profileCombo->count() - 1, m_name, NameRole);
        m_profileCombo->setItemData(m_profileCombo->count() - 1, int(EntryKind::New), KindRole);
    }
    if (!m_temporaryName.isEmpty()) {
        m_profileCombo->addItem(m_temporaryName);
        m_profileCombo->setItemData(m_profileCombo->count() - 1, m_temporaryName, NameRole);
        m_profileCombo->setItemData(m_profileCombo->count() - 1, int(EntryKind::Temporary), KindRole);
    }
    selectCurrentEntry();
}

void ProfilePanel::selectCurrentEntry()
{
    const QSignalBlocker blocker(m_profileCombo);
    for (int i = 0; i < m_profileCombo->count(); ++i) {
        if (m_profileCombo->itemData(i, NameRole).toString() == m_name
            && EntryKind(m_profileCombo->itemData(i, KindRole).toInt()) == m_kind) {
            m_profileCombo->setCurrentIndex(i);
            return;
        }
    }
    m_profileCombo->setCurrentIndex(-1);
}

void ProfilePanel::readToken()
{
    m_editor->setTokenLoading(true);
    TokenVaultReply *reply = m_store->tokenVault()->readToken(m_name, this);
    m_tokenRead = reply;
    connect(reply, &TokenVaultReply::finished, this, [this, reply] { handleTokenRead(reply); });
}

void ProfilePanel::handleTokenRead(TokenVaultReply *reply)
{
    reply->deleteLater();
    if (reply != m_tokenRead)
        return;
    m_tokenRead.clear();
    m_editor->setTokenLoading(false);

    if (!reply->hasError()) {
        m_savedToken = reply->token();
        m_editor->tokenEdit()->setText(reply->token());
        if (reply->source() == TokenVaultReply::Source::Session)
            showMessage(MessageKind::Info, tr("The token of \"%1\" is kept in memory for this run only.").arg(m_name));
    } else {
        const TokenVaultError &error = *reply->error();
        switch (error.kind) {
        case TokenVaultError::Kind::NotFound:
            showMessage(MessageKind::Info,
                        tr("No token is saved for profile \"%1\". Enter its bearer token and save.").arg(m_name));
            break;
        case TokenVaultError::Kind::NoKeychain:
            showMessage(MessageKind::Warning,
                        error.summary() + QLatin1Char(' ')
                            + tr("Tokens cannot be saved. Enter the token; when you save, you choose whether to "
                                 "keep it for this run only."));
            break;
        case TokenVaultError::Kind::AccessDenied:
        case TokenVaultError::Kind::InvalidRequest:
        case TokenVaultError::Kind::Failed:
            showMessage(MessageKind::Error, error.toUserText());
            break;
        }
    }
    updateState();
    Q_EMIT tokenLoaded();
}

void ProfilePanel::save()
{
    saveWith(nullptr);
}

void ProfilePanel::saveWith(std::function<void()> next)
{
    if (!m_store || m_kind == EntryKind::Temporary || isBusy() || isTokenLoading())
        return;

    if (m_kind == EntryKind::None) {
        const std::optional<QString> name =
            askNewName(tr("Save Profile"), tr("Save these settings as a profile named:"), QString());
        if (!name)
            return;
        m_kind = EntryKind::New;
        m_name = *name;
    }

    const bool isNew = m_kind == EntryKind::New;
    const ConnectionProfile profile = profileFromFields();
    const QList<ConnectionProfile::Problem> problems =
        isNew ? m_store->createProfile(profile) : m_store->updateProfile(profile);
    if (!problems.isEmpty()) {
        QStringList messages;
        for (const ConnectionProfile::Problem &problem : problems)
            messages.append(problem.message);
        showMessage(MessageKind::Error, tr("Profile \"%1\" was not saved. %2").arg(m_name, messages.join(QLatin1Char(' '))));
        updateState();
        Q_EMIT saveFinished(false);
        return;
    }

    m_kind = EntryKind::Saved;
    m_savedProfile = profile;
    m_store->setLastUsedProfile(m_name);
    rebuildSelector();
    m_afterSave = std::move(next);

    const QString token = m_editor->tokenEdit()->text();
    if (token == m_savedToken) {
        showMessage(MessageKind::Info, tr("Profile \"%1\" is saved.").arg(m_name));
        finishSave(true);
        return;
    }
    saveToken(token);
}

void ProfilePanel::saveToken(const QString &token)
{
    m_keychainBar->dismiss();
    TokenVault *vault = m_store->tokenVault();
    TokenVaultReply *reply = token.isEmpty() ? vault->deleteToken(m_name, this) : vault->writeToken(m_name, token, this);
    m_tokenWrite = reply;
    connect(reply, &TokenVaultReply::finished, this, [this, reply, token] { handleTokenSaved(reply, token); });
    showMessage(MessageKind::Info, tr("Saving the token of \"%1\" in the keychain\u2026").arg(m_name));
    updateState();
}

void ProfilePanel::handleTokenSaved(TokenVaultReply *reply, const QString &token)
{
    reply->deleteLater();
    if (reply != m_tokenWrite)
        return;
    m_tokenWrite.clear();

    if (!reply->hasError()) {
        m_savedToken = token;
        showMessage(MessageKind::Info, token.isEmpty()
                                           ? tr("Profile \"%1\" is saved, and its token is deleted from the keychain.").arg(m_name)
                                           : tr("Profile \"%1\" is saved, with its token in the keychain.").arg(m_name));
        finishSave(true);
        return;
    }

    const TokenVaultError &error = *reply->error();
    if (token.isEmpty()) {
        // Without a keychain no token can be left in it, and deleteToken() has
        // already dropped the token kept for this run.
        if (error.kind == TokenVaultError::Kind::NoKeychain) {
            m_savedToken = token;
            showMessage(MessageKind::Info, tr("Profile \"%1\" is saved without a token.").arg(m_name));
            finishSave(true);
            return;
        }
        showMessage(MessageKind::Error, tr("Profile \"%1\" is saved, but its old token is still in the keychain. %2")
                                            .arg(m_name, error.toUserText()));
        finishSave(false);
        return;
    }

    if (error.kind == TokenVaultError::Kind::InvalidRequest) {
        showMessage(MessageKind::Error, error.toUserText());
        finishSave(false);
        return;
    }
    // No keychain, a locked one, or one that refused: the user decides where the token goes.
    m_pendingToken = token;
    showMessage(MessageKind::Warning, tr("The settings of profile \"%1\" are saved, but its token is not.").arg(m_name));
    m_keychainBar->ask(error);
    updateState();
}

void ProfilePanel::handleKeychainChoice(int choice)
{
    const QString profileName = m_keychainBar->profileName();
    const QString token = std::exchange(m_pendingToken, QString());
    m_keychainBar->dismiss();
    if (!m_store || m_kind != EntryKind::Saved || profileName != m_name)
        return;

    switch (KeychainChoiceBar::Choice(choice)) {
    case KeychainChoiceBar::Choice::KeepForSession:
        m_store->tokenVault()->keepTokenForSession(m_name, token);
        m_savedToken = token;
        showMessage(MessageKind::Info, tr("The token of \"%1\" is kept in memory until the program ends; it is not "
                                          "saved anywhere.")
                                           .arg(m_name));
        finishSave(true);
        return;
    case KeychainChoiceBar::Choice::DontKeep:
        m_store->tokenVault()->sessionTokens().remove(m_name);
        m_savedToken = token;
        showMessage(MessageKind::Info, tr("The token of \"%1\" is not kept. It stays in the field until another "
                                          "profile opens.")
                                           .arg(m_name));
        finishSave(true);
        return;
    case KeychainChoiceBar::Choice::TryAgain:
        saveToken(token);
        return;
    }
}

void ProfilePanel::finishSave(bool saved)
{
    updateState();
    Q_EMIT saveFinished(saved);
    std::function<void()> next = std::exchange(m_afterSave, nullptr);
    if (saved && next)
        QMetaObject::invokeMethod(this, std::move(next), Qt::QueuedConnection);
}

std::optional<QString> ProfilePanel::askNewName(const QString &title, const QString &label,
                                                const QString &suggestedName, const QString &renamedProfile)
{
    const std::optional<QString> answer = m_prompts.askName(title, label, suggestedName);
    if (!answer)
        return std::nullopt;

    const QString name = answer->trimmed();
    std::optional<QString> problem = m_store->checkNewName(name, renamedProfile);
    if (!problem && !m_temporaryName.isEmpty() && name.compare(m_temporaryName, Qt::CaseInsensitive) == 0)
        problem = tr("\"%1\" is the name of the temporary profile.").arg(m_temporaryName);
    if (!problem && m_kind == EntryKind::New && renamedProfile.isEmpty()
        && name.compare(m_name, Qt::CaseInsensitive) == 0)
        problem = tr("A new profile named \"%1\" is already open.").arg(m_name);
    if (problem) {
        showMessage(MessageKind::Error, *problem);
        return std::nullopt;
    }
    return name;
}

QString ProfilePanel::suggestCopyName(const QString &name) const
{
    QString candidate = tr("%1 (copy)").arg(name);
    for (int number = 2; m_store->checkNewName(candidate) && number < 100; ++number)
        candidate = tr("%1 (copy %2)").arg(name).arg(number);
    return candidate;
}

void ProfilePanel::createProfile()
{
    if (!m_store || isBusy())
        return;
    if (!confirmLeave([this] { createProfile(); }))
        return;

    const std::optional<QString> name = askNewName(tr("New Profile"), tr("Name of the new profile:"), QString());
    if (!name)
        return;
    openEntry(EntryKind::New, *name);
    showMessage(MessageKind::Info, tr("Fill in the fields of \"%1\" and save.").arg(*name));
    m_editor->botIdEdit()->setFocus(Qt::OtherFocusReason);
}

void ProfilePanel::renameProfile()
{
    if (!m_store || isBusy() || (m_kind != EntryKind::Saved && m_kind != EntryKind::New))
        return;

    const std::optional<QString> name =
        askNewName(tr("Rename Profile"), tr("New name of profile \"%1\":").arg(m_name), m_name, m_name);
    if (!name || *name == m_name)
        return;
    if (m_kind == EntryKind::New) {
        m_name = *name;
        rebuildSelector();
        updateState();
        return;
    }
    startOperation(m_store->renameProfile(m_name, *name, this));
}

void ProfilePanel::duplicateProfile()
{
    if (!m_store || isBusy() || m_kind != EntryKind::Saved)
        return;
    if (!confirmLeave([this] { duplicateProfile(); }))
        return;

    const std::optional<QString> name = askNewName(tr("Duplicate Profile"), tr("Name of the copy of \"%1\":").arg(m_name),
                                                   suggestCopyName(m_name));
    if (!name)
        return;
    startOperation(m_store->duplicateProfile(m_name, *name, this));
}

void ProfilePanel::deleteProfile()
{
    if (!m_store || isBusy() || (m_kind != EntryKind::Saved && m_kind != EntryKind::New))
        return;
    if (!m_prompts.confirmDelete(m_name))
        return;

    if (m_kind == EntryKind::New) {
        const QString name = m_name;
        openFirstProfileOrNone();
        showMessage(MessageKind::Info, tr("The new profile \"%1\" was discarded.").arg(name));
        return;
    }
    stopPendingWork();
    startOperation(m_store->removeProfile(m_name, this));
}

void ProfilePanel::startOperation(ProfileOperation *operation)
{
    m_operation = operation;
    connect(operation, &ProfileOperation::finished, this, [this, operation] { handleOperationFinished(operation); });
    updateState();
}

void ProfilePanel::handleOperationFinished(ProfileOperation *operation)
{
    operation->deleteLater();
    if (operation != m_operation)
        return;
    m_operation.clear();

    if (operation->hasError()) {
        showMessage(MessageKind::Error, operation->errorText());
        updateState();
        Q_EMIT operationFinished(false);
        return;
    }

    QString done;
    switch (operation->kind()) {
    case ProfileOperation::Kind::Rename:
        if (m_kind == EntryKind::Saved && m_name == operation->profileName()) {
            m_name = operation->newProfileName();
            m_savedProfile.name = m_name;
        }
        done = tr("Profile \"%1\" is now named \"%2\".").arg(operation->profileName(), operation->newProfileName());
        rebuildSelector();
        break;
    case ProfileOperation::Kind::Duplicate:
        openEntry(EntryKind::Saved, operation->newProfileName());
        done = tr("Profile \"%1\" was copied to \"%2\".").arg(operation->profileName(), operation->newProfileName());
        break;
    case ProfileOperation::Kind::Remove:
        if (m_kind == EntryKind::Saved && m_name == operation->profileName())
            openFirstProfileOrNone();
        done = tr("Profile \"%1\" and its token were deleted.").arg(operation->profileName());
        break;
    }

    if (operation->warningText().isEmpty())
        showMessage(MessageKind::Info, done);
    else
        showMessage(MessageKind::Warning, done + QLatin1Char(' ') + operation->warningText());
    updateState();
    Q_EMIT operationFinished(true);
}

void ProfilePanel::testConnection()
{
    if (m_testBar->isRunning()) {
        m_testBar->cancel();
        return;
    }
    m_testBar->start(m_editor->endpoint());
}

void ProfilePanel::handleTestRunning(bool running)
{
    m_testButton->setText(running ? tr("Cancel &connection test") : tr("Test &connection"));
}

void ProfilePanel::handleSwitchRegion(ApiEndpoint::Region region)
{
    m_editor->setRegion(region);
    showMessage(MessageKind::Info, m_kind == EntryKind::Temporary
                                       ? tr("The region is now %1.").arg(ApiEndpoint::regionName(region))
                                       : tr("The region is now %1; save the profile to keep it.")
                                             .arg(ApiEndpoint::regionName(region)));
}

void ProfilePanel::showMessage(MessageKind kind, const QString &text)
{
    switch (kind) {
    case MessageKind::Info:
        clearTextColor(m_messageLabel);
        break;
    case MessageKind::Warning:
        setTextColor(m_messageLabel, WarningTextColor);
        break;
    case MessageKind::Error:
        setTextColor(m_messageLabel, ErrorTextColor);
        break;
    }
    m_messageLabel->setText(text);
    m_messageLabel->show();
}

void ProfilePanel::clearMessage()
{
    m_messageLabel->clear();
    m_messageLabel->hide();
}

void ProfilePanel::updateState()
{
    const bool hasStore = m_store != nullptr;
    const bool busy = isBusy();
    const bool reading = isTokenLoading();
    const bool modified = isModified();
    const bool namedProfile = m_kind == EntryKind::Saved || m_kind == EntryKind::New;

    m_profileCombo->setEnabled(hasStore && !busy);
    m_newButton->setEnabled(hasStore && !busy);
    m_renameButton->setEnabled(hasStore && !busy && !reading && namedProfile);
    m_duplicateButton->setEnabled(hasStore && !busy && !reading && m_kind == EntryKind::Saved);
    m_deleteButton->setEnabled(hasStore && !busy && !reading && namedProfile);
    m_saveButton->setEnabled(hasStore && !busy && !reading && modified);

    if (m_kind == EntryKind::Temporary)
        m_modifiedLabel->setText(tr("Temporary, not saved"));
    else if (m_kind == EntryKind::New)
        m_modifiedLabel->setText(tr("New, not saved yet"));
    else
        m_modifiedLabel->setText(modified ? tr("Unsaved changes") : QString());
    m_modifiedLabel->setVisible(!m_modifiedLabel->text().isEmpty());

    if (m_kind != m_reportedKind || m_name != m_reportedName || modified != m_reportedModified) {
        m_reportedKind = m_kind;
        m_reportedName = m_name;
        m_reportedModified = modified;
        Q_EMIT profileStateChanged();
    }
}
