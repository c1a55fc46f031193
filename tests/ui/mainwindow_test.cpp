#include "apiclient.h"
#include "callbackstoresimulator.h"
#include "demosession.h"
#include "filterform.h"
#include "loadallbar.h"
#include "mainwindow.h"
#include "messagedetailpane.h"
#include "messagetablemodel.h"
#include "notificationpager.h"
#include "profilepanel.h"
#include "statushistorymodel.h"
#include "statushistorypanel.h"
#include "timeboundedit.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSet>
#include <QSpinBox>
#include <QStatusBar>
#include <QTableView>
#include <QTest>
#include <QTextBrowser>
#include <QTimeZone>
#include <QToolButton>

#include <memory>

namespace {

// The limit only stops a broken build from hanging. Requests go to 127.0.0.1 and
// finish long before it.
constexpr int WaitMilliseconds = 10000;

} // namespace

class MainWindowTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void searchShowsFirstPage();
    void nextShowsSecondPage();
    void keyboardPagesAndSearches();
    void selectingReplyShowsStatusHistory();
    void newerSelectionWins();
    void messageWithoutReplyAsksForId();
    void lookupBoxLoadsAnyId();
    void invalidSenderDisablesSearch();
    void unreadableTimeDisablesSearch();
    void endBeforeStartDisablesSearch();
    void incompleteProfileDisablesSearch();
    void rejectedTokenShowsError_data();
    void rejectedTokenShowsError();
    void utcActionSwitchesTimes();
    void tokenStaysHidden();
    void tabReachesEveryControl();

private:
    void searchAndWait();
    int findReplyRow() const;
    void selectRow(int row);

    DemoSession m_demo;
    std::unique_ptr<MainWindow> m_window;
};

void MainWindowTest::initTestCase()
{
    QString error;
    QVERIFY2(m_demo.start(&error), qPrintable(error));
    // Keeps each request in flight long enough for the checks of what shows
    // while it loads, whatever the event loop runs inside QTest's input events.
    m_demo.simulator()->setLatency(std::chrono::milliseconds(100));
}

void MainWindowTest::init()
{
    m_window = std::make_unique<MainWindow>();
    m_window->setEndpoint(m_demo.endpoint());
    m_window->show();
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
}

void MainWindowTest::cleanup()
{
    m_window.reset();
}

void MainWindowTest::searchAndWait()
{
    QVERIFY(m_window->searchButton()->isEnabled());
    QTest::mouseClick(m_window->searchButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->messageModel()->rowCount() > 0, WaitMilliseconds);
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->pager()->isLoading(), WaitMilliseconds);
}

int MainWindowTest::findReplyRow() const
{
    const MessageTableModel *model = m_window->messageModel();
    for (int row = 0; row < model->rowCount(); ++row) {
        const InboundMessage &message = model->messageAt(row);
        if (message.replyingTo && !message.replyingTo->messageId.isEmpty())
            return row;
    }
    return -1;
}

void MainWindowTest::selectRow(int row)
{
    QTableView *table = m_window->messageTable();
    // The table shows the model through the sorting proxy, which keeps the model's
    // order until a header is clicked.
    const QModelIndex index = table->model()->index(row, MessageTableModel::PreviewColumn);
    table->scrollTo(index);
    QTest::mouseClick(table->viewport(), Qt::LeftButton, Qt::NoModifier, table->visualRect(index).center());
}

void MainWindowTest::searchShowsFirstPage()
{
    searchAndWait();

    const int pageSize = m_window->filterForm()->pageSizeSpinBox()->value();
    QCOMPARE(pageSize, NotificationQuery::DefaultPageSize);
    QVERIFY2(m_window->messageModel()->rowCount() >= pageSize,
             qPrintable(QString::number(m_window->messageModel()->rowCount())));
    QCOMPARE(m_window->pager()->currentPage(), 1);
    QCOMPARE(m_window->pageLabel()->text(), QStringLiteral("Page 1"));
    QVERIFY(m_window->nextPageButton()->isEnabled());
    QVERIFY(!m_window->previousPageButton()->isEnabled());
    QVERIFY(!m_window->errorLabel()->isVisible());

    const QString status = m_window->statusBar()->currentMessage();
    QVERIFY2(status.startsWith(QStringLiteral("Page 1: ")), qPrintable(status));
    QVERIFY2(status.contains(QStringLiteral("messages")), qPrintable(status));
}

void MainWindowTest::nextShowsSecondPage()
{
    searchAndWait();
    const QString firstPageId = m_window->messageModel()->messageAt(0).messageId;

    QTest::mouseClick(m_window->nextPageButton(), Qt::LeftButton);
    QCOMPARE(m_window->statusBar()->currentMessage(), QStringLiteral("Loading page 2\u2026"));
    QTRY_COMPARE_WITH_TIMEOUT(m_window->pager()->currentPage(), 2, WaitMilliseconds);

    QVERIFY(m_window->messageModel()->rowCount() > 0);
    QVERIFY(m_window->messageModel()->messageAt(0).messageId != firstPageId);
    QVERIFY(m_window->pageLabel()->text().startsWith(QStringLiteral("Page 2")));
    QVERIFY(m_window->previousPageButton()->isEnabled());
    QVERIFY(m_window->firstPageButton()->isEnabled());
    QVERIFY2(m_window->statusBar()->currentMessage().startsWith(QStringLiteral("Page 2: ")),
             qPrintable(m_window->statusBar()->currentMessage()));

    QTest::mouseClick(m_window->firstPageButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->pager()->currentPage(), 1, WaitMilliseconds);
    QCOMPARE(m_window->messageModel()->messageAt(0).messageId, firstPageId);
}

void MainWindowTest::keyboardPagesAndSearches()
{
    m_window->filterForm()->senderEdit()->setFocus();
    QTest::keyClick(m_window.get(), Qt::Key_Return, Qt::ControlModifier);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->pager()->currentPage(), 1, WaitMilliseconds);

    QTest::keyClick(m_window->messageTable(), Qt::Key_Right, Qt::AltModifier);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->pager()->currentPage(), 2, WaitMilliseconds);

    QTest::keyClick(m_window->messageTable(), Qt::Key_Left, Qt::AltModifier);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->pager()->currentPage(), 1, WaitMilliseconds);

    QTest::keyClick(m_window.get(), Qt::Key_F5);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->pager()->isLoading(), WaitMilliseconds);
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->pager()->isLoading(), WaitMilliseconds);
    QCOMPARE(m_window->pager()->currentPage(), 1);

    QTest::keyClick(m_window->messageTable(), Qt::Key_L, Qt::ControlModifier);
    QCOMPARE(QApplication::focusWidget(), m_window->detailPane()->statusPanel()->lookupEdit());
}

void MainWindowTest::selectingReplyShowsStatusHistory()
{
    searchAndWait();
    int row = findReplyRow();
    for (int page = 2; row < 0 && m_window->pager()->hasNextPage() && page <= 20; ++page) {
        QTest::mouseClick(m_window->nextPageButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(m_window->pager()->currentPage(), page, WaitMilliseconds);
        row = findReplyRow();
    }
    QVERIFY2(row >= 0, "no message of the demo data replies to a message with an id");

    const InboundMessage message = m_window->messageModel()->messageAt(row);
    const QString repliedId = message.replyingTo->messageId;
    selectRow(row);

    MessageDetailPane *pane = m_window->detailPane();
    StatusHistoryPanel *status = pane->statusPanel();
    QVERIFY(pane->hasMessage());
    QVERIFY(pane->messageBrowser()->toPlainText().contains(message.messageId));
    QVERIFY(pane->rawJsonView()->toPlainText().contains(QStringLiteral("\"message_id\"")));
    QCOMPARE(status->lookupEdit()->text(), repliedId);

    QTRY_VERIFY_WITH_TIMEOUT(!status->isLoading(), WaitMilliseconds);
    QVERIFY2(status->model()->rowCount() > 0, qPrintable(status->messageLabel()->text()));
    for (const StatusTimeline::Entry &entry : status->model()->timeline().entries())
        QCOMPARE(entry.report.messageId, repliedId);
    QVERIFY2(status->stateLabel()->text().startsWith(QStringLiteral("Current state: ")),
             qPrintable(status->stateLabel()->text()));
    QVERIFY(status->stateLabel()->isVisible());
    QVERIFY2(m_window->statusBar()->currentMessage().startsWith(QStringLiteral("Status history of ") + repliedId),
             qPrintable(m_window->statusBar()->currentMessage()));

    // Selecting a message that replies to nothing clears the other history's status message.
    int plainRow = -1;
    for (int candidate = 0; candidate < m_window->messageModel()->rowCount() && plainRow < 0; ++candidate) {
        if (!m_window->messageModel()->messageAt(candidate).replyingTo)
            plainRow = candidate;
    }
    QVERIFY(plainRow >= 0);
    selectRow(plainRow);
    QVERIFY2(m_window->statusBar()->currentMessage().isEmpty(), qPrintable(m_window->statusBar()->currentMessage()));
}

void MainWindowTest::newerSelectionWins()
{
    searchAndWait();
    QList<int> replyRows;
    for (int row = 0; row < m_window->messageModel()->rowCount(); ++row) {
        const InboundMessage &message = m_window->messageModel()->messageAt(row);
        if (message.replyingTo && !message.replyingTo->messageId.isEmpty())
            replyRows.append(row);
    }
    if (replyRows.size() < 2)
        QSKIP("the first demo page has fewer than two replies with an id");

    StatusHistoryPanel *status = m_window->detailPane()->statusPanel();
    const QString secondId = m_window->messageModel()->messageAt(replyRows.at(1)).replyingTo->messageId;
    selectRow(replyRows.at(0));
    QVERIFY(status->isLoading());
    selectRow(replyRows.at(1));

    QTRY_VERIFY_WITH_TIMEOUT(!status->isLoading(), WaitMilliseconds);
    QCOMPARE(status->messageId(), secondId);
    QVERIFY(status->model()->rowCount() > 0);
    for (const StatusTimeline::Entry &entry : status->model()->timeline().entries())
        QCOMPARE(entry.report.messageId, secondId);
}

void MainWindowTest::messageWithoutReplyAsksForId()
{
    searchAndWait();
    int row = -1;
    for (int candidate = 0; candidate < m_window->messageModel()->rowCount(); ++candidate) {
        if (!m_window->messageModel()->messageAt(candidate).replyingTo) {
            row = candidate;
            break;
        }
    }
    QVERIFY(row >= 0);
    selectRow(row);

    StatusHistoryPanel *status = m_window->detailPane()->statusPanel();
    QVERIFY(!status->isLoading());
    QCOMPARE(status->model()->rowCount(), 0);
    QVERIFY(status->lookupEdit()->text().isEmpty());
    QCOMPARE(status->messageLabel()->text(),
             QStringLiteral("This message does not reply to a message of the bot; type a message id to look one up."));
}

void MainWindowTest::lookupBoxLoadsAnyId()
{
    searchAndWait();

    // A reply's id names an outbound message that has a history.
    int row = findReplyRow();
    QVERIFY(row >= 0);
    const QString id = m_window->messageModel()->messageAt(row).replyingTo->messageId;

    StatusHistoryPanel *status = m_window->detailPane()->statusPanel();
    QTest::keyClick(m_window->messageTable(), Qt::Key_L, Qt::ControlModifier);
    QCOMPARE(QApplication::focusWidget(), status->lookupEdit());
    QTest::keyClicks(status->lookupEdit(), id);
    QTest::keyClick(status->lookupEdit(), Qt::Key_Return);
    QVERIFY(status->isLoading());
    QTRY_VERIFY_WITH_TIMEOUT(!status->isLoading(), WaitMilliseconds);
    QCOMPARE(status->messageId(), id);
    QVERIFY(status->model()->rowCount() > 0);

    status->lookupEdit()->setText(QStringLiteral("no-such-message"));
    QTest::mouseClick(status->lookupButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!status->isLoading(), WaitMilliseconds);
    QCOMPARE(status->model()->rowCount(), 0);
    QVERIFY(!status->messageLabel()->text().isEmpty());
}

void MainWindowTest::invalidSenderDisablesSearch()
{
    FilterForm *form = m_window->filterForm();
    QVERIFY(m_window->searchButton()->isEnabled());

    QTest::keyClicks(form->senderEdit(), QStringLiteral("46 70x"));
    QVERIFY(!m_window->searchButton()->isEnabled());
    QVERIFY(!form->isValid());
    QVERIFY(form->senderEdit()->property("invalid").toBool());
    QVERIFY(form->problemLabel()->isVisible());
    QVERIFY2(form->problemLabel()->text().contains(QStringLiteral("sender")), qPrintable(form->problemLabel()->text()));

    form->senderEdit()->clear();
    QTest::keyClicks(form->senderEdit(), QStringLiteral("+46 70"));
    QVERIFY(!m_window->searchButton()->isEnabled());
    QVERIFY2(form->problemLabel()->text().contains(QStringLiteral("6 to 15 digits")),
             qPrintable(form->problemLabel()->text()));

    QTest::keyClicks(form->senderEdit(), QStringLiteral("000 01 01"));
    QVERIFY(m_window->searchButton()->isEnabled());
    QVERIFY(!form->senderEdit()->property("invalid").toBool());
    QVERIFY(!form->problemLabel()->isVisible());
}

void MainWindowTest::unreadableTimeDisablesSearch()
{
    FilterForm *form = m_window->filterForm();
    QLineEdit *startText = form->startEdit()->textEdit();

    QTest::keyClicks(startText, QStringLiteral("yesterday"));
    QVERIFY(form->startEdit()->isSet());
    QVERIFY(!m_window->searchButton()->isEnabled());
    QVERIFY(startText->property("invalid").toBool());
    QVERIFY2(form->problemLabel()->text().contains(QStringLiteral("\"yesterday\"")),
             qPrintable(form->problemLabel()->text()));

    startText->clear();
    QTest::keyClicks(startText, QStringLiteral("2026-11-30T08:15:00+01:00"));
    QVERIFY(m_window->searchButton()->isEnabled());
    QVERIFY(!startText->property("invalid").toBool());
    const NotificationQuery query = form->query();
    QVERIFY(query.startTime.has_value());
    QCOMPARE(*query.startTime, QDateTime(QDate(2026, 11, 30), QTime(7, 15), QTimeZone::utc()));
    QCOMPARE(form->startEdit()->dateTimeEdit()->dateTime().toUTC(), *query.startTime);

    // Clearing the text returns to the server's default.
    QTest::keyClick(startText, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(startText, Qt::Key_Delete);
    QVERIFY(!form->startEdit()->isSet());
    QVERIFY(!form->query().startTime.has_value());
}

void MainWindowTest::endBeforeStartDisablesSearch()
{
    FilterForm *form = m_window->filterForm();
    QTest::keyClicks(form->startEdit()->textEdit(), QStringLiteral("2026-01-02T00:00:00Z"));
    QTest::keyClicks(form->endEdit()->textEdit(), QStringLiteral("2026-01-01T00:00:00Z"));

    QVERIFY(!m_window->searchButton()->isEnabled());
    QVERIFY(form->endEdit()->textEdit()->property("invalid").toBool());
    QCOMPARE(form->problemLabel()->text(), QStringLiteral("The end time is before the start time."));

    form->endEdit()->checkBox()->click();
    QVERIFY(m_window->searchButton()->isEnabled());
}

void MainWindowTest::incompleteProfileDisablesSearch()
{
    ProfilePanel *profile = m_window->profilePanel();
    profile->tokenEdit()->clear();
    QVERIFY(!m_window->searchButton()->isEnabled());
    QVERIFY(!m_window->loadAllBar()->loadAllButton()->isEnabled());
    QVERIFY(profile->problemLabel()->isVisible());
    QCOMPARE(profile->problemLabel()->text(), QStringLiteral("Enter the bearer token."));

    QTest::keyClicks(profile->tokenEdit(), QString::fromLatin1(DemoSession::Token));
    QVERIFY(m_window->searchButton()->isEnabled());
    QVERIFY(m_window->loadAllBar()->loadAllButton()->isEnabled());

    profile->regionCombo()->setCurrentIndex(profile->regionCombo()->findText(QStringLiteral("Custom URL")));
    QVERIFY(!profile->baseUrlEdit()->isReadOnly());
    profile->baseUrlEdit()->setText(QStringLiteral("http://192.0.2.10/eu"));
    QVERIFY(!m_window->searchButton()->isEnabled());
    QVERIFY2(profile->problemLabel()->text().contains(QStringLiteral("http://")), qPrintable(profile->problemLabel()->text()));
}

void MainWindowTest::rejectedTokenShowsError_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<QString>("region");
    QTest::addColumn<QString>("regionName");

    QTest::newRow("wrong token") << QStringLiteral("wrong-token") << QStringLiteral("EU") << QStringLiteral("EU");
    QTest::newRow("other region") << QString::fromLatin1(DemoSession::Token) << QStringLiteral("US") << QStringLiteral("US");
}

void MainWindowTest::rejectedTokenShowsError()
{
    QFETCH(QString, token);
    QFETCH(QString, region);
    QFETCH(QString, regionName);

    ProfilePanel *profile = m_window->profilePanel();
    profile->tokenEdit()->setText(token);
    profile->regionCombo()->setCurrentIndex(profile->regionCombo()->findText(region));
    QTest::mouseClick(m_window->searchButton(), Qt::LeftButton);

    QTRY_VERIFY_WITH_TIMEOUT(m_window->errorLabel()->isVisible(), WaitMilliseconds);
    const QString error = m_window->errorLabel()->text();
    QVERIFY2(error.contains(QStringLiteral("token")), qPrintable(error));
    QVERIFY2(error.contains(regionName + QStringLiteral(" region")), qPrintable(error));
    QVERIFY2(!error.contains(token), qPrintable(error));
    QVERIFY2(m_window->statusBar()->currentMessage().contains(QStringLiteral("HTTP 401")),
             qPrintable(m_window->statusBar()->currentMessage()));
    QCOMPARE(m_window->messageModel()->rowCount(), 0);
    QCOMPARE(m_window->pageLabel()->text(), QStringLiteral("No page loaded"));

    // A corrected profile clears the error with the next page that arrives.
    profile->tokenEdit()->setText(QString::fromLatin1(DemoSession::Token));
    profile->regionCombo()->setCurrentIndex(profile->regionCombo()->findText(QStringLiteral("EU")));
    searchAndWait();
    QVERIFY(!m_window->errorLabel()->isVisible());
}

void MainWindowTest::utcActionSwitchesTimes()
{
    searchAndWait();
    QAction *utc = m_window->utcAction();
    QVERIFY(utc->isChecked());
    const QString utcText = m_window->messageModel()->index(0, MessageTableModel::TimeColumn).data().toString();
    QVERIFY2(utcText.endsWith(QStringLiteral(" UTC")), qPrintable(utcText));

    utc->trigger();
    QCOMPARE(m_window->timeZone(), TimeFormatter::Zone::Local);
    QCOMPARE(m_window->messageModel()->timeZone(), TimeFormatter::Zone::Local);
    QCOMPARE(m_window->filterForm()->editorZone(), TimeFormatter::Zone::Local);
    QCOMPARE(m_window->messageModel()->headerData(MessageTableModel::TimeColumn, Qt::Horizontal).toString(),
             QStringLiteral("Time (local)"));

    utc->trigger();
    QCOMPARE(m_window->messageModel()->index(0, MessageTableModel::TimeColumn).data().toString(), utcText);
}

void MainWindowTest::tokenStaysHidden()
{
    ProfilePanel *profile = m_window->profilePanel();
    QCOMPARE(m_window->windowTitle(), QStringLiteral("Callback Store Inspector"));
    QCOMPARE(profile->tokenEdit()->echoMode(), QLineEdit::Password);

    QTest::mouseClick(profile->showTokenButton(), Qt::LeftButton);
    QCOMPARE(profile->tokenEdit()->echoMode(), QLineEdit::Normal);
    QCOMPARE(profile->showTokenButton()->text(), QStringLiteral("Hide"));
    QTest::mouseClick(profile->showTokenButton(), Qt::LeftButton);
    QCOMPARE(profile->tokenEdit()->echoMode(), QLineEdit::Password);

    searchAndWait();
    QVERIFY(!m_window->windowTitle().contains(QString::fromLatin1(DemoSession::Token)));
    QVERIFY(!m_window->statusBar()->currentMessage().contains(QString::fromLatin1(DemoSession::Token)));
}

void MainWindowTest::tabReachesEveryControl()
{
    searchAndWait();
    QTest::mouseClick(m_window->nextPageButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->pager()->currentPage(), 2, WaitMilliseconds);

    // Tab also walks the links of the message browser, so a widget can keep the
    // focus for several presses. The walk ends back at the start.
    QWidget *start = m_window->profilePanel()->botIdEdit();
    start->setFocus(Qt::TabFocusReason);
    QList<QWidget *> visited{start};
    bool backAtStart = false;
    for (int i = 0; i < 100 && !backAtStart; ++i) {
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QWidget *focused = QApplication::focusWidget();
        backAtStart = focused == start;
        if (!visited.contains(focused))
            visited.append(focused);
    }
    QVERIFY(backAtStart);

    const QList<QWidget *> expectedOrder = {
        m_window->profilePanel()->botIdEdit(),
        m_window->profilePanel()->tokenEdit(),
        m_window->filterForm()->senderEdit(),
        m_window->searchButton(),
        m_window->messageTable(),
        m_window->firstPageButton(),
        m_window->previousPageButton(),
        m_window->nextPageButton(),
        m_window->detailPane()->statusPanel()->lookupEdit(),
        m_window->detailPane()->statusPanel()->lookupButton(),
    };
    qsizetype previous = -1;
    for (QWidget *widget : expectedOrder) {
        const qsizetype position = visited.indexOf(widget);
        QVERIFY2(position >= 0, qPrintable(widget->objectName()));
        QVERIFY2(position > previous, qPrintable(widget->objectName()));
        previous = position;
    }
}

QTEST_MAIN(MainWindowTest)
#include "mainwindow_test.moc"
