// Sorting 100,000 loaded rows by time, against std::stable_sort of an index
// vector on the same key, and one quick-filter pass over them.

#include "benchcommon.h"
#include "messagesortfiltermodel.h"
#include "messagetablemodel.h"
#include "syntheticmessages.h"

#include <QTest>

#include <numeric>
#include <vector>

namespace {

constexpr int RowCount = 100000;

} // namespace

class SortBench : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void sortAgainstStableSort();
    void filterPass();
    void sortInspector();

private:
    MessageTableModel m_model;
};

void SortBench::initTestCase()
{
    Bench::appendSyntheticMessages(&m_model, RowCount);
    QCOMPARE(m_model.rowCount(), RowCount);
}

void SortBench::sortAgainstStableSort()
{
    std::vector<qint64> keys;
    keys.reserve(RowCount);
    for (int row = 0; row < m_model.rowCount(); ++row)
        keys.push_back(m_model.messageAt(row).timestamp.toMSecsSinceEpoch());

    double firstSort = std::numeric_limits<double>::max();
    double laterSort = std::numeric_limits<double>::max();
    double baseline = std::numeric_limits<double>::max();
    for (int run = 0; run < 7; ++run) {
        // A new proxy reads every key, as the first click on the Time header does.
        MessageSortFilterModel proxy;
        proxy.setSourceModel(&m_model);
        QElapsedTimer timer;
        timer.start();
        proxy.sort(MessageTableModel::TimeColumn, Qt::DescendingOrder);
        firstSort = std::min(firstSort, double(timer.nsecsElapsed()) / 1e6);

        // Back to the source order, then the same sort again on the kept keys.
        proxy.sort(-1);
        timer.start();
        proxy.sort(MessageTableModel::TimeColumn, Qt::DescendingOrder);
        laterSort = std::min(laterSort, double(timer.nsecsElapsed()) / 1e6);

        std::vector<int> rows(RowCount);
        std::iota(rows.begin(), rows.end(), 0);
        timer.start();
        std::stable_sort(rows.begin(), rows.end(), [&keys](int left, int right) { return keys[right] < keys[left]; });
        baseline = std::min(baseline, double(timer.nsecsElapsed()) / 1e6);
    }

    Bench::printResult(QStringLiteral("sort 100k by time"), QStringLiteral("first sort, keys read"), firstSort,
                       QStringLiteral("std::stable_sort of indexes"), baseline, QStringLiteral("ms"), 3.0);
    Bench::printResult(QStringLiteral("sort 100k by time again"), QStringLiteral("sort on kept keys"), laterSort,
                       QStringLiteral("std::stable_sort of indexes"), baseline, QStringLiteral("ms"), 3.0);
}

void SortBench::filterPass()
{
    MessageSortFilterModel proxy;
    proxy.setSourceModel(&m_model);
    double pass = std::numeric_limits<double>::max();
    for (int run = 0; run < 5; ++run) {
        proxy.setFilterText(QString());
        QElapsedTimer timer;
        timer.start();
        proxy.setFilterText(QStringLiteral("order 42"));
        pass = std::min(pass, double(timer.nsecsElapsed()) / 1e6);
    }
    QVERIFY(proxy.rowCount() > 0);
    Bench::printMeasure(QStringLiteral("quick filter 100k"),
                        QStringLiteral("one pass over %1 rows in %2 ms, %3 rows kept (no target; the edit waits "
                                       "200 ms after typing stops)")
                            .arg(RowCount)
                            .arg(pass, 0, 'f', 1)
                            .arg(proxy.rowCount()));
}

void SortBench::sortInspector()
{
    MessageSortFilterModel proxy;
    proxy.setSourceModel(&m_model);
    Qt::SortOrder order = Qt::AscendingOrder;
    QBENCHMARK {
        order = order == Qt::AscendingOrder ? Qt::DescendingOrder : Qt::AscendingOrder;
        proxy.sort(MessageTableModel::TimeColumn, order);
    }
}

QTEST_GUILESS_MAIN(SortBench)
#include "sort_bench.moc"
