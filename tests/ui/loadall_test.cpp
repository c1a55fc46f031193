#include "allpagesloader.h"
#include "callbackstoresimulator.h"
#include "filterform.h"
#include "loadallbar.h"
#include "mainwindow.h"
#include "messagebatchappender.h"
#include "messagesortfiltermodel.h"
#include "messagetablemodel.h"
#include "notificationpager.h"
#include "quickfilteredit.h"
#include "simulateddataset.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSet>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStatusBar>
#include <QTableView>
#include <QTest>

#include <memory>

namespace {

const QString BotId = QStringLiteral("busy-bot");
const QString Token = QStringLiteral("token-for-busy-bot");
constexpr int MessageCount = 5000;
constexpr int PageSize = 100;
// Only stops a broken build from hanging; a load of every page takes a few seconds.
constexpr int WaitMilliseconds = 60000;

} // namespace

class LoadAllTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void loadAllShowsEveryRowInOrder();
    void progressShowsCountAndRate();
    void altDStartsLoad();
    void escapeCancelsAndKeepsRows();
    void failureKeepsRowsAndSaysWhy();
    void retryShownInStatusBar();
    void escapeCancelsSinglePage();
    void singlePageClearsLoadCount();
    void headerClickSortsLoadedRows();
    void quickFilterNarrowsRows();

private:
    void startLoad();
    QStringList shownIds() const;

    CallbackStoreSimulator m_simulator;
    QStringList m_expectedIds;
    std::unique_ptr<MainWindow> m_window;
};

void LoadAllTest::initTestCase()
{
    SimulatedDataSet::Options options;
    options.seed = 3;
    options.referenceTime = QDateTime::currentDateTimeUtc().addSecs(-3600);
    options.botId = BotId;
    options.inboundCount = MessageCount;
    const SimulatedDataSet data = SimulatedDataSet::generate(options);
    for (const SimulatedDataSet::InboundNotification &notification : data.notifications())
        m_expectedIds.append(notification.json.value(QStringLiteral("message_id")).toString());
    QCOMPARE(m_expectedIds.size(), MessageCount);

    QVERIFY(m_simulator.listen());
    QVERIFY(m_simulator.addBot(BotId, QStringLiteral("eu"), Token, data));
}

void LoadAllTest::init()
{
    m_simulator.setLatency(std::chrono::milliseconds(0));
    m_simulator.setQuirks({});
    m_simulator.setFault(SimulatorFault::none());

    ApiEndpoint endpoint;
    endpoint.region = ApiEndpoint::Region::Eu;
    endpoint.usBaseUrl = m_simulator.baseUrl(QStringLiteral("us"));
    endpoint.euBaseUrl = m_simulator.baseUrl(QStringLiteral("eu"));
    endpoint.botId = BotId;
    endpoint.token = Token;

    m_window = std::make_unique<MainWindow>();
    m_window->setEndpoint(endpoint);
    m_window->filterForm()->pageSizeSpinBox()->setValue(PageSize);
    m_window->show();
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
}

void LoadAllTest::cleanup()
{
    m_window.reset();
}

void LoadAllTest::startLoad()
{
    QPushButton *button = m_window->loadAllBar()->loadAllButton();
    QVERIFY(button->isEnabled());
    QTest::mouseClick(button, Qt::LeftButton);
    QVERIFY(m_window->allPagesLoader()->isRunning());
}

QStringList LoadAllTest::shownIds() const
{
    const QAbstractItemModel *model = m_window->messageTable()->model();
    QStringList ids;
    for (int row = 0; row < model->rowCount(); ++row)
        ids.append(model->index(row, MessageTableModel::MessageIdColumn).data().toString());
    return ids;
}

void LoadAllTest::loadAllShowsEveryRowInOrder()
{
    QAbstractItemModelTester tester(m_window->messageProxy(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(m_window->messageModel(), &QAbstractItemModel::rowsInserted);
    QSignalSpy pages(m_window->allPagesLoader(), &AllPagesLoader::pageLoaded);

    startLoad();
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->allPagesLoader()->isRunning(), WaitMilliseconds);

    const QStringList ids = shownIds();
    QCOMPARE(ids.size(), MessageCount);
    QCOMPARE(ids, m_expectedIds);
    QCOMPARE(QSet<QString>(ids.cbegin(), ids.cend()).size(), MessageCount);

    // Many pages went into a few batches, each one insertion.
    QVERIFY2(pages.size() > 10, qPrintable(QString::number(pages.size())));
    QVERIFY2(inserted.size() < pages.size(), qPrintable(QStringLiteral("%1 insertions for %2 pages")
                                                          .arg(inserted.size())
                                                          .arg(pages.size())));
    QCOMPARE(inserted.size(), m_window->loadAllBar()->appender()->batchCount());

    const QString label = m_window->loadAllBar()->progressLabel()->text();
    QVERIFY2(label.startsWith(QStringLiteral("All 5,000 messages")), qPrintable(label));
    QVERIFY(!m_window->loadAllBar()->progressBar()->isVisible());
    QVERIFY(!m_window->loadAllBar()->cancelButton()->isEnabled());
}

void LoadAllTest::progressShowsCountAndRate()
{
    m_simulator.setLatency(std::chrono::milliseconds(20));
    startLoad();

    QTRY_VERIFY_WITH_TIMEOUT(m_window->messageModel()->rowCount() > 0, WaitMilliseconds);
    QVERIFY(m_window->loadAllBar()->progressBar()->isVisible());
    QVERIFY(m_window->loadAllBar()->cancelButton()->isEnabled());
    QVERIFY(!m_window->loadAllBar()->loadAllButton()->isEnabled());
    const QString label = m_window->loadAllBar()->progressLabel()->text();
    QVERIFY2(label.contains(QStringLiteral(" messages, ")), qPrintable(label));
    QVERIFY2(label.endsWith(QStringLiteral(" messages/s")), qPrintable(label));
    const QString toolTip = m_window->loadAllBar()->progressLabel()->toolTip();
    QVERIFY2(toolTip.contains(QStringLiteral(" from ")), qPrintable(toolTip));

    QTRY_VERIFY_WITH_TIMEOUT(!m_window->allPagesLoader()->isRunning(), WaitMilliseconds);
    QCOMPARE(m_window->messageModel()->rowCount(), MessageCount);
}

void LoadAllTest::altDStartsLoad()
{
    // A mnemonic clicks its button after a short animation, so the load starts a moment later.
    QSignalSpy started(m_window->allPagesLoader(), &AllPagesLoader::started);
    QTest::keyClick(m_window.get(), Qt::Key_D, Qt::AltModifier);
    QTRY_COMPARE(started.size(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->allPagesLoader()->isRunning(), WaitMilliseconds);
    QCOMPARE(m_window->messageModel()->rowCount(), MessageCount);
}

void LoadAllTest::escapeCancelsAndKeepsRows()
{
    m_simulator.setLatency(std::chrono::milliseconds(30));
    QSignalSpy cancelled(m_window->allPagesLoader(), &AllPagesLoader::cancelled);
    startLoad();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->allPagesLoader()->pagesDelivered() >= 3, WaitMilliseconds);

    QTest::keyClick(m_window.get(), Qt::Key_Escape);

    QCOMPARE(cancelled.size(), 1);
    QVERIFY(!m_window->allPagesLoader()->isRunning());
    const qint64 delivered = m_window->allPagesLoader()->messagesDelivered();
    QVERIFY(delivered > 0);
    QVERIFY(delivered < MessageCount);
    QCOMPARE(qint64(m_window->messageModel()->rowCount()), delivered);
    QCOMPARE(shownIds(), m_expectedIds.mid(0, int(delivered)));

    QTest::qWait(300);
    QCOMPARE(qint64(m_window->messageModel()->rowCount()), delivered);
    const QString label = m_window->loadAllBar()->progressLabel()->text();
    QVERIFY2(label.startsWith(QStringLiteral("Cancelled: ")), qPrintable(label));
    QVERIFY(m_window->loadAllBar()->loadAllButton()->isEnabled());
}

void LoadAllTest::failureKeepsRowsAndSaysWhy()
{
    // Requests wait in the simulator, so the fault set after the first rows arrive
    // reaches only the pages requested after them.
    m_simulator.setLatency(std::chrono::milliseconds(30));
    QSignalSpy failed(m_window->allPagesLoader(), &AllPagesLoader::failed);
    startLoad();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->messageModel()->rowCount() > 0, WaitMilliseconds);
    m_simulator.setFault(SimulatorFault::status(403));

    QTRY_VERIFY_WITH_TIMEOUT(!m_window->allPagesLoader()->isRunning(), WaitMilliseconds);
    QCOMPARE(failed.size(), 1);
    const qint64 delivered = m_window->allPagesLoader()->messagesDelivered();
    QVERIFY(delivered > 0);
    QCOMPARE(qint64(m_window->messageModel()->rowCount()), delivered);
    QCOMPARE(shownIds(), m_expectedIds.mid(0, int(delivered)));

    const QString error = m_window->errorLabel()->text();
    QVERIFY(m_window->errorLabel()->isVisible());
    QVERIFY2(error.contains(QStringLiteral("page %1 could not be loaded").arg(failed.at(0).at(0).toInt())),
             qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("stay in the table")), qPrintable(error));
    QVERIFY2(m_window->statusBar()->currentMessage().contains(QStringLiteral("403")),
             qPrintable(m_window->statusBar()->currentMessage()));
}

void LoadAllTest::retryShownInStatusBar()
{
    m_simulator.setQuirks(CallbackStoreSimulator::Quirk::RateLimited);
    QSignalSpy messages(m_window->loadAllBar(), &LoadAllBar::statusMessage);
    startLoad();
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->allPagesLoader()->isRunning(), WaitMilliseconds);

    QStringList texts;
    for (const QList<QVariant> &arguments : std::as_const(messages))
        texts.append(arguments.at(0).toString());
    const auto isRetry = [](const QString &text) { return text.contains(QStringLiteral("Rate limited, retry 1 of 3 in 1 s")); };
    QVERIFY2(std::any_of(texts.cbegin(), texts.cend(), isRetry), qPrintable(texts.join(QLatin1Char('\n'))));
    // Every third response is a 429, so a page can now and then use up its three
    // retries. The load then fails, and the rows before that page stay.
    QCOMPARE(qint64(m_window->messageModel()->rowCount()), m_window->allPagesLoader()->messagesDelivered());
}

void LoadAllTest::escapeCancelsSinglePage()
{
    m_simulator.setLatency(std::chrono::milliseconds(2000));
    QVERIFY(m_window->search());
    QVERIFY(m_window->pager()->isLoading());
    QVERIFY(m_window->loadAllBar()->cancelButton()->isEnabled());

    QTest::keyClick(m_window.get(), Qt::Key_Escape);

    QVERIFY(!m_window->pager()->isLoading());
    QVERIFY(!m_window->loadAllBar()->cancelButton()->isEnabled());
    const QString status = m_window->statusBar()->currentMessage();
    QVERIFY2(status.contains(QStringLiteral("cancelled")), qPrintable(status));
}

void LoadAllTest::singlePageClearsLoadCount()
{
    startLoad();
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->allPagesLoader()->isRunning(), WaitMilliseconds);
    QVERIFY(!m_window->loadAllBar()->progressLabel()->text().isEmpty());

    // A search shows one page, which the count of every page no longer describes.
    QVERIFY(m_window->search());
    QVERIFY(m_window->loadAllBar()->progressLabel()->text().isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->pager()->isLoading(), WaitMilliseconds);
    QVERIFY(m_window->messageModel()->rowCount() < MessageCount);
}

void LoadAllTest::headerClickSortsLoadedRows()
{
    startLoad();
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->allPagesLoader()->isRunning(), WaitMilliseconds);

    QHeaderView *header = m_window->messageTable()->horizontalHeader();
    const int x = header->sectionViewportPosition(MessageTableModel::TimeColumn) + 10;
    QTest::mouseClick(header->viewport(), Qt::LeftButton, Qt::NoModifier, QPoint(x, header->height() / 2));

    MessageSortFilterModel *proxy = m_window->messageProxy();
    QCOMPARE(proxy->sortColumn(), int(MessageTableModel::TimeColumn));
    QList<qint64> times;
    for (int row = 0; row < proxy->rowCount(); ++row)
        times.append(proxy->index(row, MessageTableModel::TimeColumn).data(MessageTableModel::SortValueRole).toLongLong());
    QCOMPARE(times.size(), MessageCount);
    if (proxy->sortOrder() == Qt::AscendingOrder)
        QVERIFY(std::is_sorted(times.cbegin(), times.cend()));
    else
        QVERIFY(std::is_sorted(times.crbegin(), times.crend()));

    // Selecting a sorted row shows that row's message, not the one at the same source row.
    m_window->messageTable()->selectRow(0);
    const QString selectedId = proxy->index(0, MessageTableModel::MessageIdColumn).data().toString();
    const QModelIndex source = proxy->mapToSource(proxy->index(0, 0));
    QCOMPARE(m_window->messageModel()->messageAt(source.row()).messageId, selectedId);
}

void LoadAllTest::quickFilterNarrowsRows()
{
    startLoad();
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->allPagesLoader()->isRunning(), WaitMilliseconds);
    const QString wanted = m_expectedIds.at(1234);

    QTest::keyClick(m_window.get(), Qt::Key_F, Qt::ControlModifier);
    QCOMPARE(QApplication::focusWidget(), m_window->quickFilter());
    QTest::keyClicks(m_window->quickFilter(), wanted.toUpper());

    QTRY_COMPARE_WITH_TIMEOUT(m_window->messageTable()->model()->rowCount(), 1, 5000);
    QCOMPARE(shownIds(), QStringList{wanted});
    const QString status = m_window->statusBar()->currentMessage();
    QVERIFY2(status.endsWith(QStringLiteral(": 1 of 5,000 loaded messages")), qPrintable(status));

    m_window->quickFilter()->clear();
    QTRY_COMPARE_WITH_TIMEOUT(m_window->messageTable()->model()->rowCount(), MessageCount, 5000);
}

QTEST_MAIN(LoadAllTest)
#include "loadall_test.moc"
