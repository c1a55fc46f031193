// Resident memory of 100,000 loaded messages, against the size of the JSON they
// came in. VmRSS is read from /proc/self/status before and after the load.

#include "benchcommon.h"
#include "messagetablemodel.h"

#include <QTest>
#include <QThreadPool>

#include <malloc.h>

namespace {

constexpr int MessageCount = 100000;
constexpr int PageSize = 1000;

// Returns the bytes that malloc has allocated and not yet had freed, over all arenas.
qint64 heapInUse()
{
    const struct mallinfo2 info = mallinfo2();
    return qint64(info.uordblks + info.hblkhd);
}

} // namespace

class MemoryBench : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void residentAgainstJson();

private:
    Bench::SimulatorProcess m_simulator;
};

void MemoryBench::initTestCase()
{
    QString error;
    QVERIFY2(m_simulator.start(MessageCount, &error), qPrintable(error));
}

void MemoryBench::residentAgainstJson()
{
    // A first load of one page warms the libraries, the thread pool and the
    // network code, so that the measured load adds only what the messages keep.
    // It is small, because malloc keeps what a large load frees and the measured
    // load would reuse it without growing.
    {
        Bench::SimulatorProcess small;
        QString error;
        QVERIFY2(small.start(PageSize / 2, &error), qPrintable(error));
        MessageTableModel warmUp;
        QVERIFY(Bench::loadAllPages(small.endpoint(), PageSize, &warmUp).completed);
        QThreadPool::globalInstance()->waitForDone();
    }
    const qint64 before = Bench::residentBytes();
    const qint64 heapBefore = heapInUse();
    MessageTableModel model;
    const Bench::LoadResult load = Bench::loadAllPages(m_simulator.endpoint(), PageSize, &model);
    QVERIFY(load.completed);
    QCOMPARE(model.rowCount(), MessageCount);
    // Pool threads free the parsed pages, which the model does not keep.
    QThreadPool::globalInstance()->waitForDone();
    const qint64 after = Bench::residentBytes();
    const qint64 heapAfter = heapInUse();

    const double megabytes = 1024.0 * 1024.0;
    Bench::printMeasure(QStringLiteral("memory detail"),
                        QStringLiteral("VmRSS %1 MiB before, %2 MiB after; %3 bytes of JSON per message, %4 bytes "
                                       "resident and %5 bytes of heap in use per message")
                            .arg(double(before) / megabytes, 0, 'f', 1)
                            .arg(double(after) / megabytes, 0, 'f', 1)
                            .arg(load.bodyBytes / MessageCount)
                            .arg((after - before) / MessageCount)
                            .arg((heapAfter - heapBefore) / MessageCount));
    Bench::printResult(QStringLiteral("memory per 100k"), QStringLiteral("resident growth"),
                       double(after - before) / megabytes, QStringLiteral("JSON received"),
                       double(load.bodyBytes) / megabytes, QStringLiteral("MiB"), 2.0);
}

QTEST_MAIN(MemoryBench)
#include "memory_bench.moc"
