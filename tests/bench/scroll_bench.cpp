// Frame time while scrolling the message table at 1,000,000 rows, against the
// same at 10,000 rows: fixed row heights keep a frame independent of the row count.

#include "benchcommon.h"
#include "messagesortfiltermodel.h"
#include "messagetablemodel.h"
#include "syntheticmessages.h"

#include <QHeaderView>
#include <QRandomGenerator>
#include <QScrollBar>
#include <QTableView>
#include <QTest>

namespace {

constexpr int Frames = 200;

} // namespace

class ScrollBench : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void largeAgainstSmall();

private:
    // Returns the fastest of three passes' mean frame times, in ms.
    double frameTime(int rowCount);
};

double ScrollBench::frameTime(int rowCount)
{
    MessageTableModel model;
    Bench::appendSyntheticMessages(&model, rowCount);
    MessageSortFilterModel proxy;
    proxy.setSourceModel(&model);
    QTableView view;
    view.verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view.verticalHeader()->setDefaultSectionSize(view.fontMetrics().height() + 8);
    view.verticalHeader()->hide();
    view.setWordWrap(false);
    view.setModel(&proxy);
    view.resize(1000, 800);
    view.show();
    if (!QTest::qWaitForWindowExposed(&view))
        return -1;

    QScrollBar *scrollBar = view.verticalScrollBar();
    double best = std::numeric_limits<double>::max();
    for (int pass = 0; pass < 3; ++pass) {
        // Jumps to random places, as dragging the scroll bar does, and single steps.
        QRandomGenerator random(42);
        QElapsedTimer timer;
        timer.start();
        for (int frame = 0; frame < Frames; ++frame) {
            const int value = frame % 2 == 0 ? int(random.bounded(scrollBar->maximum() + 1))
                                             : std::min(scrollBar->value() + scrollBar->singleStep(), scrollBar->maximum());
            scrollBar->setValue(value);
            view.viewport()->repaint();
        }
        best = std::min(best, double(timer.nsecsElapsed()) / 1e6 / Frames);
    }
    return best;
}

void ScrollBench::largeAgainstSmall()
{
    const double small = frameTime(10000);
    const double large = frameTime(1000000);
    QVERIFY(small > 0);
    QVERIFY(large > 0);
    Bench::printResult(QStringLiteral("scroll frame"), QStringLiteral("1,000,000 rows"), large,
                       QStringLiteral("10,000 rows"), small, QStringLiteral("ms"), 1.2);
}

QTEST_MAIN(ScrollBench)
#include "scroll_bench.moc"
