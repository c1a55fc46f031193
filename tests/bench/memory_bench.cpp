// Resident memory of 100,000 loaded messages, against the size of the JSON they
// came in. VmRSS is read from /proc/self/status before and after the load.

#include "benchcommon.h"
#include "messagetablemodel.h"

#include <QTest>

namespace {

constexpr int MessageCount = 100000;
constexpr int PageSize = 1000;

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
    // A first load warms the libraries, the thread pool and the network code, so
    // that the measured load adds only what the messages keep.
    {
        MessageTableModel warmUp;
        QVERIFY(Bench::loadAllPages(m_simulator.endpoint(), PageSize, &warmUp).completed);
    }
    const qint64 before = Bench::residentBytes();
    MessageTableModel model;
    const Bench::LoadResult load = Bench::loadAllPages(m_simulator.endpoint(), PageSize, &model);
    QVERIFY(load.completed);
    QCOMPARE(model.rowCount(), MessageCount);
    const qint64 after = Bench::residentBytes();

    const double megabytes = 1024.0 * 1024.0;
    Bench::printMeasure(QStringLiteral("memory detail"),
                        QStringLiteral("VmRSS %1 MiB before, %2 MiB after; %3 bytes of JSON per message, %4 bytes "
                                       "resident per message")
                            .arg(double(before) / megabytes, 0, 'f', 1)
                            .arg(double(after) / megabytes, 0, 'f', 1)
                            .arg(load.bodyBytes / MessageCount)
                            .arg((after - before) / MessageCount));
    Bench::printResult(QStringLiteral("memory per 100k"), QStringLiteral("resident growth"),
                       double(after - before) / megabytes, QStringLiteral("JSON received"),
                       double(load.bodyBytes) / megabytes, QStringLiteral("MiB"), 2.0);
}

QTEST_MAIN(MemoryBench)
#include "memory_bench.moc"
