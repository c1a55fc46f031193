// Loading about 100 pages into the message table with the view shown
// (offscreen), against the same load into the same models with no view.

#include "benchcommon.h"
#include "messagesortfiltermodel.h"
#include "messagetablemodel.h"

#include <QHeaderView>
#include <QTableView>
#include <QTest>

namespace {

// page_size counts callbacks; the generated data has about 1.1 messages per callback.
constexpr int MessageCount = 22000;
constexpr int PageSize = 200;

// The table as the window sets it up: fixed row heights, no measuring of rows.
void configure(QTableView *view)
{
    view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 8);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    view->horizontalHeader()->setSortIndicatorClearable(true);
    view->setSortingEnabled(true);
    view->setWordWrap(false);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->resize(1000, 700);
}

} // namespace

class TableLoadBench : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void viewAgainstNoView();

private:
    Bench::LoadResult load(bool withView);

    Bench::SimulatorProcess m_simulator;
};

void TableLoadBench::initTestCase()
{
    QString error;
    QVERIFY2(m_simulator.start(MessageCount, &error), qPrintable(error));
}

Bench::LoadResult TableLoadBench::load(bool withView)
{
    MessageTableModel model;
    MessageSortFilterModel proxy;
    proxy.setSourceModel(&model);
    proxy.setDynamicSortFilter(false);
    std::unique_ptr<QTableView> view;
    if (withView) {
        view = std::make_unique<QTableView>();
        view->setModel(&proxy);
        configure(view.get());
        view->show();
        if (!QTest::qWaitForWindowExposed(view.get()))
            return {};
    }
    Bench::LoadResult result = Bench::loadAllPages(m_simulator.endpoint(), PageSize, &model);
    proxy.setDynamicSortFilter(true);
    if (view)
        view->viewport()->repaint();
    return result;
}

void TableLoadBench::viewAgainstNoView()
{
    double withView = std::numeric_limits<double>::max();
    double withoutView = std::numeric_limits<double>::max();
    double cpuWithView = std::numeric_limits<double>::max();
    double cpuWithoutView = std::numeric_limits<double>::max();
    int pages = 0;
    for (int round = 0; round < 3; ++round) {
        const Bench::LoadResult shown = load(true);
        QVERIFY(shown.completed);
        withView = std::min(withView, shown.wallMilliseconds);
        cpuWithView = std::min(cpuWithView, shown.threadCpuMilliseconds);

        const Bench::LoadResult hidden = load(false);
        QVERIFY(hidden.completed);
        withoutView = std::min(withoutView, hidden.wallMilliseconds);
        cpuWithoutView = std::min(cpuWithoutView, hidden.threadCpuMilliseconds);
        pages = hidden.pages;
    }
    Bench::printMeasure(QStringLiteral("table load detail"),
                        QStringLiteral("%1 pages, %2 messages; GUI-thread CPU %3 ms with the view, %4 ms without")
                            .arg(pages)
                            .arg(MessageCount)
                            .arg(cpuWithView, 0, 'f', 1)
                            .arg(cpuWithoutView, 0, 'f', 1));
    Bench::printResult(QStringLiteral("table load"), QStringLiteral("view shown"), withView, QStringLiteral("no view"),
                       withoutView, QStringLiteral("ms"), 1.3);
}

QTEST_MAIN(TableLoadBench)
#include "tableload_bench.moc"
