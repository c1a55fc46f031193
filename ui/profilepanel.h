#pragma once

#include "apiendpoint.h"
#include "connectionprofile.h"
#include "profileprompts.h"

#include <QPointer>
#include <QWidget>

#include <functional>
#include <optional>

class ConnectionTestBar;
class EndpointEditor;
class KeychainChoiceBar;
class ProfileOperation;
class ProfileStore;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QToolButton;
class TokenVaultReply;

// The connection profile at the top of the window: a selector of the saved
// profiles with New, Rename, Duplicate, Delete and Save, the connection fields,
// notes, and "Test connection".
//
// A ProfileStore keeps the profiles and the last-used one. Its TokenVault keeps each
// token, which is read asynchronously when its profile opens. Edits stay in the
// fields until Save. isModified() reports them, and the panel asks
// before they would be lost. When the keychain cannot take a token, the panel asks
// inline whether to keep it for this run only or nowhere, and never writes it to a
// file. Without a store the panel edits one unnamed set of settings.
class ProfilePanel : public QWidget
{
    Q_OBJECT

public:
    // The severity of a message under the fields, which sets its colour.
    enum class MessageKind { Info, Warning, Error };

    // The name of the temporary profile that --demo shows.
    static QString demoProfileName();

    explicit ProfilePanel(QWidget *parent = nullptr);

    // The settings as entered, with the current token.
    ApiEndpoint endpoint() const;
    // Fills the fields without touching the profiles.
    void setEndpoint(const ApiEndpoint &endpoint);
    // Why no request can be sent with these settings, or nothing when they are usable.
    std::optional<QString> problem() const;
    bool isValid() const { return !problem().has_value(); }

    // Lists the profiles of store, which must outlive the panel, and opens
    // profileToOpen, or the last-used profile when it is empty. A temporary profile
    // shown before stays open instead.
    void setProfileStore(ProfileStore *store, const QString &profileToOpen = QString());
    ProfileStore *profileStore() const { return m_store; }
    // Replaces the base URLs behind the US and EU regions of saved profiles, for
    // tests. They are the production servers unless set.
    void setRegionBaseUrls(const QUrl &usBaseUrl, const QUrl &euBaseUrl);
    void setPrompts(const ProfilePrompts &prompts) { m_prompts = prompts; }

    // Opens a saved profile once the current one has no unsaved changes. Returns
    // false for an unknown name, and when the user keeps the current profile.
    bool openProfile(const QString &name);
    // Shows a profile that is never saved, such as the demo's. Its token stays in
    // this panel's memory; it reaches neither the keychain nor the settings.
    void showTemporaryProfile(const QString &name, const ApiEndpoint &endpoint);

    // The name of the shown profile: saved, new or temporary; empty when none is shown.
    const QString &currentProfileName() const { return m_name; }
    bool isSavedProfile() const { return m_kind == EntryKind::Saved; }
    bool isTemporaryProfile() const { return m_kind == EntryKind::Temporary; }
    // Whether the fields differ from the saved profile, or the profile is new.
    bool isModified() const;
    bool isTokenLoading() const { return !m_tokenRead.isNull(); }
    // Whether a token is being saved or a rename, duplicate or delete waits for the keychain.
    bool isBusy() const { return !m_tokenWrite.isNull() || !m_operation.isNull(); }

    // Returns true when the current profile can be left at once: it has no unsaved
    // changes, or the user discards them. When the user chooses Save, it returns
    // false, saves, and calls next from the event loop once everything is saved.
    bool confirmLeave(std::function<void()> next = {});

    // The profile actions, as the buttons run them.
    void save();
    void createProfile();
    void renameProfile();
    void duplicateProfile();
    void deleteProfile();
    void testConnection();

    // The panel's input widgets in tab order, for the window's focus chain.
    QList<QWidget *> focusChain() const;

    EndpointEditor *editor() const { return m_editor; }
    QLineEdit *botIdEdit() const;
    QComboBox *regionCombo() const;
    QLineEdit *baseUrlEdit() const;
    QLineEdit *tokenEdit() const;
    QToolButton *showTokenButton() const;
    QComboBox *encodingCombo() const;
    QLabel *problemLabel() const;
    QComboBox *profileCombo() const { return m_profileCombo; }
    QPushButton *newButton() const { return m_newButton; }
    QPushButton *renameButton() const { return m_renameButton; }
    QPushButton *duplicateButton() const { return m_duplicateButton; }
    QPushButton *deleteButton() const { return m_deleteButton; }
    QPushButton *saveButton() const { return m_saveButton; }
    QLineEdit *notesEdit() const { return m_notesEdit; }
    QPushButton *testButton() const { return m_testButton; }
    QLabel *messageLabel() const { return m_messageLabel; }
    QLabel *modifiedLabel() const { return m_modifiedLabel; }
    KeychainChoiceBar *keychainChoiceBar() const { return m_keychainBar; }
    ConnectionTestBar *connectionTestBar() const { return m_testBar; }

Q_SIGNALS:
    void endpointChanged();
    void validityChanged(bool valid);
    // Return was pressed in one of the fields.
    void submitted();
    // The shown profile, its name or whether it has unsaved changes changed.
    void profileStateChanged();
    // The token read for the shown profile ended, with or without a token.
    void tokenLoaded();
    // A save ended; saved is false when the settings or the token were not saved.
    void saveFinished(bool saved);
    // A rename, duplicate or delete ended.
    void operationFinished(bool succeeded);

private:
    enum class EntryKind { None, Saved, New, Temporary };

    QWidget *createProfileRow();
    void connectSignals();

    void handleProfileActivated(int index);
    void openEntry(EntryKind kind, const QString &name);
    void openFirstProfileOrNone();
    void stopPendingWork();
    void loadFields(const ConnectionProfile &profile, const QString &token);
    ConnectionProfile profileFromFields() const;
    void discardChanges();
    void rebuildSelector();
    void selectCurrentEntry();

    void readToken();
    void handleTokenRead(TokenVaultReply *reply);
    void saveToken(const QString &token);
    void handleTokenSaved(TokenVaultReply *reply, const QString &token);
    void handleKeychainChoice(int choice);
    void finishSave(bool saved);
    void saveWith(std::function<void()> next);

    // Asks for a name that no profile has yet. Returns nothing when the user
    // cancels or the name is rejected; the reason is then shown.
    std::optional<QString> askNewName(const QString &title, const QString &label, const QString &suggestedName,
                                      const QString &renamedProfile = QString());
    QString suggestCopyName(const QString &name) const;
    void startOperation(ProfileOperation *operation);
    void handleOperationFinished(ProfileOperation *operation);

    void handleTestRunning(bool running);
    void handleSwitchRegion(ApiEndpoint::Region region);
    void showMessage(MessageKind kind, const QString &text);
    void clearMessage();
    void updateState();

    ProfileStore *m_store = nullptr;
    ProfilePrompts m_prompts;

    EntryKind m_kind = EntryKind::None;
    QString m_name;
    // The fields and token as last loaded or saved, to tell edits apart.
    ConnectionProfile m_savedProfile;
    QString m_savedToken;
    // The temporary profile while another one is shown, with its edits and token.
    QString m_temporaryName;
    ApiEndpoint m_temporaryEndpoint;
    QString m_temporaryNotes;

    QUrl m_usBaseUrl = ApiEndpoint::productionBaseUrl(ApiEndpoint::Region::Us);
    QUrl m_euBaseUrl = ApiEndpoint::productionBaseUrl(ApiEndpoint::Region::Eu);

    QPointer<TokenVaultReply> m_tokenRead;
    QPointer<TokenVaultReply> m_tokenWrite;
    QPointer<ProfileOperation> m_operation;
    // The token that waits for the user's choice in the keychain bar.
    QString m_pendingToken;
    // Runs once the save in progress has completed.
    std::function<void()> m_afterSave;

    // What profileStateChanged() last reported.
    EntryKind m_reportedKind = EntryKind::None;
    QString m_reportedName;
    bool m_reportedModified = false;

    QWidget *m_profileRow = nullptr;
    QComboBox *m_profileCombo = nullptr;
    QPushButton *m_newButton = nullptr;
    QPushButton *m_renameButton = nullptr;
    QPushButton *m_duplicateButton = nullptr;
    QPushButton *m_deleteButton = nullptr;
    QPushButton *m_saveButton = nullptr;
    QLabel *m_modifiedLabel = nullptr;
    QLineEdit *m_notesEdit = nullptr;
    EndpointEditor *m_editor = nullptr;
    QPushButton *m_testButton = nullptr;
    QLabel *m_messageLabel = nullptr;
    KeychainChoiceBar *m_keychainBar = nullptr;
    ConnectionTestBar *m_testBar = nullptr;
};
