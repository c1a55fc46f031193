// The profile panel as a user drives it, with a real keychain: a private GNOME
// Keyring that scripts/with-keyring.sh starts for this test (see privatekeyring.h),
// and the simulated Callback Store on 127.0.0.1 with one bot in each region.
//
// CTest runs the binary twice. With PROFILE_PANEL_WITHOUT_KEYCHAIN=1 it runs on a
// D-Bus session where no Secret Service can start, and only the no-keychain cases
// run; without it those cases are skipped.

#include "callbackstoresimulator.h"
#include "connectiontestbar.h"
#include "keychainchoicebar.h"
#include "mainwindow.h"
#include "messagetablemodel.h"
#include "privatekeyring.h"
#include "profilepanel.h"
#include "profilestore.h"
#include "readcommand.h"
#include "simulateddataset.h"
#include "tokenvault.h"
#include "tokenvaultreply.h"

#include <QApplication>
#include <QComboBox>
#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusObjectPath>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>
#include <QUuid>

#include <memory>

using Region = ApiEndpoint::Region;
using UnsavedChoice = ProfilePrompts::UnsavedChoice;

namespace {

// The limit only stops a broken build from hanging: the keychain and the
// simulator respond within milliseconds.
constexpr int WaitMilliseconds = 10000;

const QString EuBot = QStringLiteral("support-bot-eu");
const QString UsBot = QStringLiteral("sales-bot-us");
const QString TestServiceName = QStringLiteral("callback-store-inspector-panel-test");

const char WithoutKeychainVariable[] = "PROFILE_PANEL_WITHOUT_KEYCHAIN";

// A token that appears nowhere else, so that finding it in a file proves a leak.
QString uniqueToken(const char *label)
{
    return QStringLiteral("%1-%2").arg(QLatin1String(label), QUuid::createUuid().toString(QUuid::WithoutBraces));
}

} // namespace

// Each test runs in one of the two sessions and skips itself in the other. QSKIP
// returns from the function it is in, so these are macros.
#define REQUIRE_KEYCHAIN()                                                                                             \
    if (m_withoutKeychain)                                                                                             \
    QSKIP("needs the Secret Service; this run has none")
#define REQUIRE_NO_KEYCHAIN()                                                                                          \
    if (!m_withoutKeychain)                                                                                            \
    QSKIP("runs only with PROFILE_PANEL_WITHOUT_KEYCHAIN=1, on a session without a Secret Service")

class ProfilePanelTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void switchingShowsFieldsAndToken();
    void unsavedChangesAskBeforeSwitching();
    void renameMovesToken();
    void duplicateCopiesToken();
    void deleteRemovesToken();
    void restartOpensLastUsedProfile();
    void testConnectionOffersOtherRegion();
    void rejectedTokenFixedInWindow();
    void closingWindowAsksAboutChanges();
    void demoProfileIsNeverSaved();
    void commandLineReadsSavedToken();
    // Runs last among the keychain cases, because nothing unlocks the keyring again.
    void lockedKeyringAsksUser();
    void noKeychainKeepsTokenForSession();
    void noKeychainKeepsTokenNowhere();

private:
    std::unique_ptr<ProfilePanel> createPanel(ProfileStore *store);
    ProfilePrompts testPrompts();
    // Creates a profile through New and Save, as a user would.
    void addProfile(ProfilePanel *panel, const QString &name, const QString &botId, Region region, const QString &token);
    void openProfile(ProfilePanel *panel, const QString &name);
    void saveAndWait(ProfilePanel *panel, bool expectSaved = true);
    void waitForOperation(ProfilePanel *panel);
    std::unique_ptr<TokenVaultReply> readToken(const QString &profileName);
    QString settingsPath() const { return m_settingsDir->filePath(QStringLiteral("profiles.ini")); }
    QByteArray settingsFileContents() const;

    bool m_withoutKeychain = false;
    std::unique_ptr<CallbackStoreSimulator> m_simulator;
    std::unique_ptr<TokenVault> m_vault;
    std::unique_ptr<QTemporaryDir> m_settingsDir;
    std::unique_ptr<ProfileStore> m_store;
    std::unique_ptr<ProfilePanel> m_panel;
    QString m_euToken;
    QString m_usToken;
    // Every token a test typed, for the search of the settings file afterwards.
    QStringList m_tokens;

    // The prompt results, taken from the front each time the panel prompts.
    QStringList m_nameAnswers;
    QList<UnsavedChoice> m_unsavedAnswers;
    int m_unsavedQuestions = 0;
    int m_deleteQuestions = 0;
};

void ProfilePanelTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_withoutKeychain = qEnvironmentVariableIsSet(WithoutKeychainVariable);

    SimulatedDataSet::Options options;
    options.referenceTime = QDateTime(QDate(2026, 12, 1), QTime(0, 0), QTimeZone::utc());
    options.inboundCount = 30;
    m_euToken = uniqueToken("eu-token");
    m_usToken = uniqueToken("us-token");

    m_simulator = std::make_unique<CallbackStoreSimulator>();
    QVERIFY(m_simulator->listen());
    options.botId = EuBot;
    QVERIFY(m_simulator->addBot(EuBot, QStringLiteral("eu"), m_euToken, SimulatedDataSet::generate(options)));
    options.botId = UsBot;
    QVERIFY(m_simulator->addBot(UsBot, QStringLiteral("us"), m_usToken, SimulatedDataSet::generate(options)));
    m_simulator->setCurrentTime(options.referenceTime);

    m_vault = std::make_unique<TokenVault>(TestServiceName);
}

void ProfilePanelTest::init()
{
    m_settingsDir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_settingsDir->isValid());
    m_nameAnswers.clear();
    m_unsavedAnswers.clear();
    m_unsavedQuestions = 0;
    m_deleteQuestions = 0;
    m_tokens = {m_euToken, m_usToken};

    m_store = std::make_unique<ProfileStore>(settingsPath(), m_vault.get());
    m_panel = createPanel(m_store.get());
}

void ProfilePanelTest::cleanup()
{
    m_panel.reset();

    // Whatever a test did, no token may reach the settings file.
    const QByteArray settings = settingsFileContents();
    for (const QString &token : std::as_const(m_tokens))
        QVERIFY2(!settings.contains(token.toUtf8()), "a token was written to the settings file");

    if (!m_withoutKeychain) {
        for (const QString &name : m_store->profileNames()) {
            std::unique_ptr<TokenVaultReply> removal(m_vault->deleteToken(name));
            QSignalSpy finished(removal.get(), &TokenVaultReply::finished);
            QVERIFY(finished.wait(WaitMilliseconds));
        }
    }
    m_vault->sessionTokens().clear();
    m_store.reset();
    m_settingsDir.reset();
}

ProfilePrompts ProfilePanelTest::testPrompts()
{
    ProfilePrompts prompts;
    prompts.askName = [this](const QString &, const QString &, const QString &) -> std::optional<QString> {
        if (m_nameAnswers.isEmpty())
            return std::nullopt;
        return m_nameAnswers.takeFirst();
    };
    prompts.confirmDelete = [this](const QString &) {
        ++m_deleteQuestions;
        return true;
    };
    prompts.askUnsavedChanges = [this](const QString &) {
        ++m_unsavedQuestions;
        return m_unsavedAnswers.isEmpty() ? UnsavedChoice::Cancel : m_unsavedAnswers.takeFirst();
    };
    return prompts;
}

std::unique_ptr<ProfilePanel> ProfilePanelTest::createPanel(ProfileStore *store)
{
    auto panel = std::make_unique<ProfilePanel>();
    panel->setPrompts(testPrompts());
    panel->setRegionBaseUrls(m_simulator->baseUrl(QStringLiteral("us")), m_simulator->baseUrl(QStringLiteral("eu")));
    panel->setProfileStore(store);
    panel->show();
    return panel;
}

void ProfilePanelTest::addProfile(ProfilePanel *panel, const QString &name, const QString &botId, Region region,
                                  const QString &token)
{
    m_nameAnswers.append(name);
    QTest::mouseClick(panel->newButton(), Qt::LeftButton);
    QCOMPARE(panel->currentProfileName(), name);
    QVERIFY(panel->isModified());

    QTest::keyClicks(panel->botIdEdit(), botId);
    panel->regionCombo()->setCurrentIndex(panel->regionCombo()->findData(int(region)));
    QTest::keyClicks(panel->tokenEdit(), token);
    saveAndWait(panel);
    QVERIFY(panel->isSavedProfile());
}

void ProfilePanelTest::openProfile(ProfilePanel *panel, const QString &name)
{
    QComboBox *combo = panel->profileCombo();
    const int index = combo->findText(name);
    QVERIFY2(index >= 0, qPrintable(name));
    combo->setCurrentIndex(index);
    Q_EMIT combo->activated(index);
    QTRY_VERIFY_WITH_TIMEOUT(!panel->isTokenLoading(), WaitMilliseconds);
}

void ProfilePanelTest::saveAndWait(ProfilePanel *panel, bool expectSaved)
{
    QSignalSpy saved(panel, &ProfilePanel::saveFinished);
    QVERIFY(panel->saveButton()->isEnabled());
    QTest::mouseClick(panel->saveButton(), Qt::LeftButton);
    if (saved.isEmpty())
        QVERIFY(saved.wait(WaitMilliseconds));
    QCOMPARE(saved.count(), 1);
    QVERIFY2(saved.at(0).at(0).toBool() == expectSaved, qPrintable(panel->messageLabel()->text()));
}

void ProfilePanelTest::waitForOperation(ProfilePanel *panel)
{
    QSignalSpy finished(panel, &ProfilePanel::operationFinished);
    QVERIFY(finished.wait(WaitMilliseconds));
    QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(panel->messageLabel()->text()));
    QTRY_VERIFY_WITH_TIMEOUT(!panel->isTokenLoading(), WaitMilliseconds);
}

std::unique_ptr<TokenVaultReply> ProfilePanelTest::readToken(const QString &profileName)
{
    std::unique_ptr<TokenVaultReply> reply(m_vault->readToken(profileName));
    QSignalSpy finished(reply.get(), &TokenVaultReply::finished);
    if (!finished.wait(WaitMilliseconds))
        qWarning("reading the token of %s did not finish", qPrintable(profileName));
    return reply;
}

QByteArray ProfilePanelTest::settingsFileContents() const
{
    QFile file(settingsPath());
    if (!file.open(QIODevice::ReadOnly))
        return QByteArray();
    return file.readAll();
}

void ProfilePanelTest::switchingShowsFieldsAndToken()
{
    REQUIRE_KEYCHAIN();
    addProfile(m_panel.get(), QStringLiteral("Support EU"), EuBot, Region::Eu, m_euToken);
    addProfile(m_panel.get(), QStringLiteral("Sales US"), UsBot, Region::Us, m_usToken);
    QCOMPARE(PrivateKeyring::lookUpSecret(TestServiceName, QStringLiteral("Support EU")), m_euToken);
    QCOMPARE(PrivateKeyring::lookUpSecret(TestServiceName, QStringLiteral("Sales US")), m_usToken);
    QCOMPARE(m_store->profileNames(), QStringList({QStringLiteral("Support EU"), QStringLiteral("Sales US")}));

    openProfile(m_panel.get(), QStringLiteral("Support EU"));
    QCOMPARE(m_panel->currentProfileName(), QStringLiteral("Support EU"));
    QCOMPARE(m_panel->botIdEdit()->text(), EuBot);
    QCOMPARE(m_panel->endpoint().region, Region::Eu);
    QCOMPARE(m_panel->baseUrlEdit()->text(), m_simulator->baseUrl(QStringLiteral("eu")).toString());
    QCOMPARE(m_panel->tokenEdit()->text(), m_euToken);
    QCOMPARE(m_panel->tokenEdit()->echoMode(), QLineEdit::Password);
    QVERIFY(!m_panel->isModified());
    QVERIFY(!m_panel->saveButton()->isEnabled());

    openProfile(m_panel.get(), QStringLiteral("Sales US"));
    QCOMPARE(m_panel->botIdEdit()->text(), UsBot);
    QCOMPARE(m_panel->endpoint().region, Region::Us);
    QCOMPARE(m_panel->tokenEdit()->text(), m_usToken);
    QCOMPARE(m_store->lastUsedProfileName(), QStringLiteral("Sales US"));
    QCOMPARE(m_unsavedQuestions, 0);
}

void ProfilePanelTest::unsavedChangesAskBeforeSwitching()
{
    REQUIRE_KEYCHAIN();
    addProfile(m_panel.get(), QStringLiteral("Support EU"), EuBot, Region::Eu, m_euToken);
    addProfile(m_panel.get(), QStringLiteral("Sales US"), UsBot, Region::Us, m_usToken);

    // Cancel keeps the profile and its edits.
    m_panel->notesEdit()->setText(QStringLiteral("ask Jana about this bot"));
    QVERIFY(m_panel->isModified());
    QVERIFY(m_panel->modifiedLabel()->isVisible());
    QVERIFY(m_panel->saveButton()->isEnabled());
    m_unsavedAnswers = {UnsavedChoice::Cancel};
    openProfile(m_panel.get(), QStringLiteral("Support EU"));
    QCOMPARE(m_unsavedQuestions, 1);
    QCOMPARE(m_panel->currentProfileName(), QStringLiteral("Sales US"));
    QCOMPARE(m_panel->profileCombo()->currentText(), QStringLiteral("Sales US"));
    QCOMPARE(m_panel->notesEdit()->text(), QStringLiteral("ask Jana about this bot"));

    // Save stores the edits, then opens the other profile.
    m_unsavedAnswers = {UnsavedChoice::Save};
    openProfile(m_panel.get(), QStringLiteral("Support EU"));
    QTRY_COMPARE_WITH_TIMEOUT(m_panel->currentProfileName(), QStringLiteral("Support EU"), WaitMilliseconds);
    QTRY_VERIFY_WITH_TIMEOUT(!m_panel->isTokenLoading(), WaitMilliseconds);
    QCOMPARE(m_store->profile(QStringLiteral("Sales US"))->notes, QStringLiteral("ask Jana about this bot"));

    // Discard drops a changed token; the keychain keeps the saved one.
    m_panel->tokenEdit()->setText(QStringLiteral("typed-by-mistake"));
    m_unsavedAnswers = {UnsavedChoice::Discard};
    openProfile(m_panel.get(), QStringLiteral("Sales US"));
    QCOMPARE(m_panel->currentProfileName(), QStringLiteral("Sales US"));
    QCOMPARE(m_panel->notesEdit()->text(), QStringLiteral("ask Jana about this bot"));
    QCOMPARE(PrivateKeyring::lookUpSecret(TestServiceName, QStringLiteral("Support EU")), m_euToken);
    QCOMPARE(m_unsavedQuestions, 3);
}

void ProfilePanelTest::renameMovesToken()
{
    REQUIRE_KEYCHAIN();
    addProfile(m_panel.get(), QStringLiteral("Support EU"), EuBot, Region::Eu, m_euToken);

    m_nameAnswers = {QStringLiteral("EU support desk")};
    QTest::mouseClick(m_panel->renameButton(), Qt::LeftButton);
    waitForOperation(m_panel.get());

    QCOMPARE(m_panel->currentProfileName(), QStringLiteral("EU support desk"));
    QCOMPARE(m_panel->profileCombo()->currentText(), QStringLiteral("EU support desk"));
    QVERIFY(!m_panel->isModified());
    QCOMPARE(m_store->profileNames(), QStringList{QStringLiteral("EU support desk")});
    QCOMPARE(m_store->lastUsedProfileName(), QStringLiteral("EU support desk"));
    QCOMPARE(PrivateKeyring::lookUpSecret(TestServiceName, QStringLiteral("EU support desk")), m_euToken);
    QCOMPARE(PrivateKeyring::lookUpSecret(TestServiceName, QStringLiteral("Support EU")), QString());

    // A name that another profile has, in any letter case, is rejected with the reason.
    addProfile(m_panel.get(), QStringLiteral("Sales US"), UsBot, Region::Us, m_usToken);
    m_nameAnswers = {QStringLiteral("eu SUPPORT desk")};
    QTest::mouseClick(m_panel->renameButton(), Qt::LeftButton);
    QCOMPARE(m_panel->currentProfileName(), QStringLiteral("Sales US"));
    QVERIFY2(m_panel->messageLabel()->text().contains(QStringLiteral("already exists")),
             qPrintable(m_panel->messageLabel()->text()));
}

void ProfilePanelTest::duplicateCopiesToken()
{
    REQUIRE_KEYCHAIN();
    addProfile(m_panel.get(), QStringLiteral("Support EU"), EuBot, Region::Eu, m_euToken);
    m_panel->notesEdit()->setText(QStringLiteral("night shift"));
    saveAndWait(m_panel.get());

    m_nameAnswers = {QStringLiteral("Support EU (staging)")};
    QTest::mouseClick(m_panel->duplicateButton(), Qt::LeftButton);
    waitForOperation(m_panel.get());

    QCOMPARE(m_panel->currentProfileName(), QStringLiteral("Support EU (staging)"));
    QCOMPARE(m_panel->botIdEdit()->text(), EuBot);
    QCOMPARE(m_panel->notesEdit()->text(), QStringLiteral("night shift"));
    QCOMPARE(m_panel->tokenEdit()->text(), m_euToken);
    QCOMPARE(m_store->profileNames(),
             QStringList({QStringLiteral("Support EU"), QStringLiteral("Support EU (staging)")}));
    QCOMPARE(PrivateKeyring::lookUpSecret(TestServiceName, QStringLiteral("Support EU (staging)")), m_euToken);
    QCOMPARE(PrivateKeyring::lookUpSecret(TestServiceName, QStringLiteral("Support EU")), m_euToken);
}

void ProfilePanelTest::deleteRemovesToken()
{
    REQUIRE_KEYCHAIN();
    addProfile(m_panel.get(), QStringLiteral("Support EU"), EuBot, Region::Eu, m_euToken);
    addProfile(m_panel.get(), QStringLiteral("Sales US"), UsBot, Region::Us, m_usToken);

    QTest::mouseClick(m_panel->deleteButton(), Qt::LeftButton);
    waitForOperation(m_panel.get());

    QCOMPARE(m_deleteQuestions, 1);
    QCOMPARE(m_store->profileNames(), QStringList{QStringLiteral("Support EU")});
    QCOMPARE(m_panel->profileCombo()->findText(QStringLiteral("Sales US")), -1);
    // The panel moves on to the profile that is left.
    QCOMPARE(m_panel->currentProfileName(), QStringLiteral("Support EU"));
    QCOMPARE(m_panel->tokenEdit()->text(), m_euToken);

    const std::unique_ptr<TokenVaultReply> reply = readToken(QStringLiteral("Sales US"));
    QVERIFY(reply->hasError());
    QCOMPARE(reply->error()->kind, TokenVaultError::Kind::NotFound);
    QCOMPARE(PrivateKeyring::lookUpSecret(TestServiceName, QStringLiteral("Sales US")), QString());
    QVERIFY(!settingsFileContents().contains("Sales US"));
}

void ProfilePanelTest::restartOpensLastUsedProfile()
{
    REQUIRE_KEYCHAIN();
    addProfile(m_panel.get(), QStringLiteral("Support EU"), EuBot, Region::Eu, m_euToken);
    addProfile(m_panel.get(), QStringLiteral("Sales US"), UsBot, Region::Us, m_usToken);
    openProfile(m_panel.get(), QStringLiteral("Support EU"));
    m_panel.reset();
    m_store.reset();

    // A new store and window on the same settings file, as after a restart.
    m_store = std::make_unique<ProfileStore>(settingsPath(), m_vault.get());
    MainWindow window;
    ProfilePanel *panel = window.profilePanel();
    panel->setPrompts(testPrompts());
    panel->setRegionBaseUrls(m_simulator->baseUrl(QStringLiteral("us")), m_simulator->baseUrl(QStringLiteral("eu")));
    panel->setProfileStore(m_store.get());
    window.show();

    QCOMPARE(panel->currentProfileName(), QStringLiteral("Support EU"));
    QVERIFY(panel->isTokenLoading());
    QVERIFY(!panel->tokenEdit()->isEnabled() || panel->tokenEdit()->isReadOnly());
    QTRY_VERIFY_WITH_TIMEOUT(!panel->isTokenLoading(), WaitMilliseconds);
    QCOMPARE(panel->botIdEdit()->text(), EuBot);
    QCOMPARE(panel->tokenEdit()->text(), m_euToken);
    QCOMPARE(panel->profileCombo()->count(), 2);
    QVERIFY(!window.windowTitle().contains(m_euToken));
    QVERIFY2(window.windowTitle().contains(QStringLiteral("Support EU")), qPrintable(window.windowTitle()));
}

void ProfilePanelTest::testConnectionOffersOtherRegion()
{
    REQUIRE_KEYCHAIN();
    // The US bot saved in the EU region, as a user easily does.
    addProfile(m_panel.get(), QStringLiteral("Sales"), UsBot, Region::Eu, m_usToken);

    ConnectionTestBar *bar = m_panel->connectionTestBar();
    QSignalSpy finished(bar, &ConnectionTestBar::finished);
    QTest::mouseClick(m_panel->testButton(), Qt::LeftButton);
    QVERIFY(finished.wait(WaitMilliseconds));

    const QString result = bar->resultLabel()->text();
    QVERIFY(bar->isVisible());
    QVERIFY2(result.contains(QStringLiteral("found in the US region")), qPrintable(result));
    QVERIFY(!result.contains(m_usToken));
    QVERIFY(bar->switchRegionButton()->isVisible());
    QCOMPARE(bar->switchRegionButton()->text(), QStringLiteral("Switch to the US region"));

    QTest::mouseClick(bar->switchRegionButton(), Qt::LeftButton);
    QCOMPARE(m_panel->endpoint().region, Region::Us);
    QCOMPARE(m_panel->baseUrlEdit()->text(), m_simulator->baseUrl(QStringLiteral("us")).toString());
    QVERIFY(m_panel->isModified());
    saveAndWait(m_panel.get());
    QCOMPARE(m_store->profile(QStringLiteral("Sales"))->region, Region::Us);

    QTest::mouseClick(m_panel->testButton(), Qt::LeftButton);
    QVERIFY(finished.wait(WaitMilliseconds));
    QVERIFY2(bar->resultLabel()->text().startsWith(QStringLiteral("Connected")), qPrintable(bar->resultLabel()->text()));
    QVERIFY(!bar->switchRegionButton()->isVisible());
}

void ProfilePanelTest::rejectedTokenFixedInWindow()
{
    REQUIRE_KEYCHAIN();
    m_panel.reset();
    MainWindow window;
    ProfilePanel *panel = window.profilePanel();
    panel->setPrompts(testPrompts());
    panel->setRegionBaseUrls(m_simulator->baseUrl(QStringLiteral("us")), m_simulator->baseUrl(QStringLiteral("eu")));
    panel->setProfileStore(m_store.get());
    window.show();

    const QString wrongToken = uniqueToken("wrong-token");
    m_tokens.append(wrongToken);
    addProfile(panel, QStringLiteral("Sales US"), UsBot, Region::Us, wrongToken);

    QVERIFY(window.searchButton()->isEnabled());
    QTest::mouseClick(window.searchButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(window.errorLabel()->isVisible(), WaitMilliseconds);
    const QString error = window.errorLabel()->text();
    QVERIFY2(error.contains(QStringLiteral("token")), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("US region")), qPrintable(error));
    QVERIFY(!error.contains(wrongToken));
    QCOMPARE(window.messageModel()->rowCount(), 0);

    panel->tokenEdit()->selectAll();
    QTest::keyClicks(panel->tokenEdit(), m_usToken);
    QVERIFY(panel->isModified());
    QVERIFY2(window.windowTitle().contains(QStringLiteral("[*]")), qPrintable(window.windowTitle()));
    QVERIFY(window.isWindowModified());
    saveAndWait(panel);
    QVERIFY(!window.isWindowModified());
    QCOMPARE(PrivateKeyring::lookUpSecret(TestServiceName, QStringLiteral("Sales US")), m_usToken);

    QTest::mouseClick(window.searchButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(window.messageModel()->rowCount() > 0, WaitMilliseconds);
    QTRY_VERIFY_WITH_TIMEOUT(!window.errorLabel()->isVisible(), WaitMilliseconds);
    QVERIFY(!window.windowTitle().contains(m_usToken));
}

void ProfilePanelTest::closingWindowAsksAboutChanges()
{
    REQUIRE_KEYCHAIN();
    m_panel.reset();
    MainWindow window;
    ProfilePanel *panel = window.profilePanel();
    panel->setPrompts(testPrompts());
    panel->setProfileStore(m_store.get());
    window.show();
    addProfile(panel, QStringLiteral("Support EU"), EuBot, Region::Eu, m_euToken);

    panel->notesEdit()->setText(QStringLiteral("changed before closing"));
    m_unsavedAnswers = {UnsavedChoice::Cancel};
    QVERIFY(!window.close());
    QVERIFY(window.isVisible());
    QCOMPARE(m_unsavedQuestions, 1);

    // Save writes the change and then closes the window.
    m_unsavedAnswers = {UnsavedChoice::Save};
    QVERIFY(!window.close());
    QTRY_VERIFY_WITH_TIMEOUT(!window.isVisible(), WaitMilliseconds);
    QCOMPARE(m_store->profile(QStringLiteral("Support EU"))->notes, QStringLiteral("changed before closing"));
}

void ProfilePanelTest::demoProfileIsNeverSaved()
{
    REQUIRE_KEYCHAIN();
    addProfile(m_panel.get(), QStringLiteral("Support EU"), EuBot, Region::Eu, m_euToken);

    ApiEndpoint demo;
    demo.usBaseUrl = m_simulator->baseUrl(QStringLiteral("us"));
    demo.euBaseUrl = m_simulator->baseUrl(QStringLiteral("eu"));
    demo.region = Region::Us;
    demo.botId = UsBot;
    demo.token = m_usToken;
    m_panel->showTemporaryProfile(ProfilePanel::demoProfileName(), demo);

    QCOMPARE(m_panel->currentProfileName(), QStringLiteral("Demo (simulator)"));
    QVERIFY(m_panel->isTemporaryProfile());
    QCOMPARE(m_panel->tokenEdit()->text(), m_usToken);
    QVERIFY(m_panel->isValid());
    QVERIFY(!m_panel->saveButton()->isEnabled());
    QVERIFY(!m_panel->renameButton()->isEnabled());
    QVERIFY(!m_panel->deleteButton()->isEnabled());
    QVERIFY(m_panel->profileCombo()->findText(QStringLiteral("Demo (simulator)")) >= 0);

    // Edits to the demo profile ask nothing and save nothing.
    m_panel->botIdEdit()->setText(QStringLiteral("another-bot"));
    QVERIFY(!m_panel->isModified());
    openProfile(m_panel.get(), QStringLiteral("Support EU"));
    QCOMPARE(m_unsavedQuestions, 0);
    QCOMPARE(m_panel->tokenEdit()->text(), m_euToken);
    QCOMPARE(m_store->lastUsedProfileName(), QStringLiteral("Support EU"));

    // Going back shows the demo as it was left, token included.
    openProfile(m_panel.get(), QStringLiteral("Demo (simulator)"));
    QCOMPARE(m_panel->botIdEdit()->text(), QStringLiteral("another-bot"));
    QCOMPARE(m_panel->tokenEdit()->text(), m_usToken);

    QCOMPARE(m_store->profileNames(), QStringList{QStringLiteral("Support EU")});
    QVERIFY(!settingsFileContents().contains("Demo"));
    QVERIFY(!m_vault->sessionTokens().contains(QStringLiteral("Demo (simulator)")));
    const std::unique_ptr<TokenVaultReply> reply = readToken(QStringLiteral("Demo (simulator)"));
    QVERIFY(reply->hasError());
    QCOMPARE(reply->error()->kind, TokenVaultError::Kind::NotFound);
}

void ProfilePanelTest::commandLineReadsSavedToken()
{
    REQUIRE_KEYCHAIN();
    addProfile(m_panel.get(), QStringLiteral("Sales US"), UsBot, Region::Us, m_usToken);
    qunsetenv(ReadCommand::TokenVariable);

    QTemporaryDir outputDir;
    QFile output(outputDir.filePath(QStringLiteral("output")));
    QFile errors(outputDir.filePath(QStringLiteral("errors")));
    QVERIFY(output.open(QIODevice::ReadWrite));
    QVERIFY(errors.open(QIODevice::ReadWrite));
    ReadCommand command(&output, &errors);
    command.setProfileStore(m_store.get());
    command.setRegionBaseUrls(m_simulator->baseUrl(QStringLiteral("us")), m_simulator->baseUrl(QStringLiteral("eu")));
    QSignalSpy finished(&command, &ReadCommand::finished);

    const QStringList arguments{QStringLiteral("callback-inspector"), QStringLiteral("messages"),
                                QStringLiteral("--profile"), QStringLiteral("Sales US"), QStringLiteral("--page-size"),
                                QStringLiteral("3")};
    QCOMPARE(command.start(arguments), std::nullopt);
    QVERIFY(finished.wait(WaitMilliseconds));
    output.seek(0);
    errors.seek(0);
    const QByteArray printed = output.readAll();
    QVERIFY2(finished.at(0).at(0).toInt() == 0, errors.readAll().constData());
    QVERIFY(printed.startsWith("TIME"));
    QVERIFY(!printed.contains(m_usToken.toUtf8()));
}

void ProfilePanelTest::lockedKeyringAsksUser()
{
    REQUIRE_KEYCHAIN();
    addProfile(m_panel.get(), QStringLiteral("Support EU"), EuBot, Region::Eu, m_euToken);

    // GNOME Keyring locks its login collection on request; unlocking it needs a
    // password prompt that this session cannot show.
    QDBusMessage lock = QDBusMessage::createMethodCall(
        QStringLiteral("org.freedesktop.secrets"), QStringLiteral("/org/freedesktop/secrets"),
        QStringLiteral("org.freedesktop.Secret.Service"), QStringLiteral("Lock"));
    lock << QVariant::fromValue(QList<QDBusObjectPath>{QDBusObjectPath(QStringLiteral("/org/freedesktop/secrets/collection/login"))});
    const QDBusMessage locked = QDBusConnection::sessionBus().call(lock);
    QVERIFY2(locked.type() == QDBusMessage::ReplyMessage, qPrintable(locked.errorMessage()));

    const QString newToken = uniqueToken("locked-keyring-token");
    m_tokens.append(newToken);
    m_panel->tokenEdit()->selectAll();
    QTest::keyClicks(m_panel->tokenEdit(), newToken);
    QTest::mouseClick(m_panel->saveButton(), Qt::LeftButton);

    KeychainChoiceBar *bar = m_panel->keychainChoiceBar();
    QTRY_VERIFY_WITH_TIMEOUT(bar->isVisible(), WaitMilliseconds);
    const QString question = bar->messageLabel()->text();
    // QtKeychain 0.13 reports the locked collection as denied access.
    QVERIFY2(question.contains(QStringLiteral("Unlock the keychain")), qPrintable(question));
    QVERIFY2(question.contains(QStringLiteral("Keep the token of \"Support EU\" in memory")), qPrintable(question));
    QVERIFY(!question.contains(newToken));

    // Try again fails the same way while the keyring stays locked.
    QTest::mouseClick(bar->tryAgainButton(), Qt::LeftButton);
    QVERIFY(!bar->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(bar->isVisible(), WaitMilliseconds);

    QTest::mouseClick(bar->keepButton(), Qt::LeftButton);
    QVERIFY(!m_panel->isModified());
    QCOMPARE(m_vault->sessionTokens().value(QStringLiteral("Support EU")), std::optional<QString>(newToken));
    QVERIFY(!settingsFileContents().contains(newToken.toUtf8()));
}

void ProfilePanelTest::noKeychainKeepsTokenForSession()
{
    REQUIRE_NO_KEYCHAIN();
    const QString token = uniqueToken("session-token");
    m_tokens.append(token);

    m_nameAnswers = {QStringLiteral("Support EU")};
    QTest::mouseClick(m_panel->newButton(), Qt::LeftButton);
    QTest::keyClicks(m_panel->botIdEdit(), EuBot);
    QTest::keyClicks(m_panel->tokenEdit(), token);
    QTest::mouseClick(m_panel->saveButton(), Qt::LeftButton);

    // The settings are saved, and the user is asked about the token without a dialog.
    KeychainChoiceBar *bar = m_panel->keychainChoiceBar();
    QTRY_VERIFY_WITH_TIMEOUT(bar->isVisible(), WaitMilliseconds);
    QVERIFY(m_store->contains(QStringLiteral("Support EU")));
    const QString question = bar->messageLabel()->text();
    QVERIFY2(question.startsWith(QStringLiteral("No keychain is available")), qPrintable(question));
    QVERIFY2(question.contains(QStringLiteral("never written to a file")), qPrintable(question));
    QVERIFY(!question.contains(token));
    QVERIFY(m_panel->isModified());
    QVERIFY(!m_vault->sessionTokens().contains(QStringLiteral("Support EU")));

    QSignalSpy saved(m_panel.get(), &ProfilePanel::saveFinished);
    QTest::mouseClick(bar->keepButton(), Qt::LeftButton);
    QCOMPARE(saved.count(), 1);
    QVERIFY(saved.at(0).at(0).toBool());
    QVERIFY(!bar->isVisible());
    QVERIFY(!m_panel->isModified());
    QCOMPARE(m_vault->sessionTokens().value(QStringLiteral("Support EU")), std::optional<QString>(token));

    // Another profile and back: the token comes from memory.
    m_nameAnswers = {QStringLiteral("Sales US")};
    QTest::mouseClick(m_panel->newButton(), Qt::LeftButton);
    QTest::keyClicks(m_panel->botIdEdit(), UsBot);
    saveAndWait(m_panel.get());
    openProfile(m_panel.get(), QStringLiteral("Support EU"));
    QCOMPARE(m_panel->tokenEdit()->text(), token);
    QVERIFY2(m_panel->messageLabel()->text().contains(QStringLiteral("for this run only")),
             qPrintable(m_panel->messageLabel()->text()));

    const QStringList found = PrivateKeyring::filesContaining(QDir::homePath(), token.toUtf8())
                              + PrivateKeyring::filesContaining(m_settingsDir->path(), token.toUtf8());
    QVERIFY2(found.isEmpty(), qPrintable(found.join(QStringLiteral(", "))));
}

void ProfilePanelTest::noKeychainKeepsTokenNowhere()
{
    REQUIRE_NO_KEYCHAIN();
    const QString token = uniqueToken("unkept-token");
    m_tokens.append(token);
    addProfile(m_panel.get(), QStringLiteral("Other"), UsBot, Region::Us, QString());

    m_nameAnswers = {QStringLiteral("Support EU")};
    QTest::mouseClick(m_panel->newButton(), Qt::LeftButton);
    QTest::keyClicks(m_panel->botIdEdit(), EuBot);
    QTest::keyClicks(m_panel->tokenEdit(), token);
    QTest::mouseClick(m_panel->saveButton(), Qt::LeftButton);
    KeychainChoiceBar *bar = m_panel->keychainChoiceBar();
    QTRY_VERIFY_WITH_TIMEOUT(bar->isVisible(), WaitMilliseconds);

    QTest::mouseClick(bar->dontKeepButton(), Qt::LeftButton);
    QVERIFY(!bar->isVisible());
    QVERIFY(!m_panel->isModified());
    QCOMPARE(m_panel->tokenEdit()->text(), token);
    QVERIFY(!m_vault->sessionTokens().contains(QStringLiteral("Support EU")));

    // The token is gone once another profile opened, and the panel shows why.
    openProfile(m_panel.get(), QStringLiteral("Other"));
    openProfile(m_panel.get(), QStringLiteral("Support EU"));
    QCOMPARE(m_panel->tokenEdit()->text(), QString());
    QVERIFY2(m_panel->messageLabel()->text().startsWith(QStringLiteral("No keychain is available")),
             qPrintable(m_panel->messageLabel()->text()));

    const QStringList found = PrivateKeyring::filesContaining(QDir::homePath(), token.toUtf8())
                              + PrivateKeyring::filesContaining(m_settingsDir->path(), token.toUtf8());
    QVERIFY2(found.isEmpty(), qPrintable(found.join(QStringLiteral(", "))));
}

int main(int argc, char **argv)
{
    PrivateKeyring::ensureSession(argc, argv,
                                  qEnvironmentVariableIsSet(WithoutKeychainVariable)
                                      ? PrivateKeyring::WithoutSecretService
                                      : PrivateKeyring::WithSecretService);
    QApplication app(argc, argv);
    ProfilePanelTest test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "profilepanel_test.moc"
