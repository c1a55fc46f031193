// CPU time that a load of every page costs the GUI thread per page, against the
// time of QJsonDocument::fromJson on one such page. Parsing runs on the thread
// pool, so the GUI thread only receives bodies, checks pages and appends rows.

#include "benchcommon.h"
#include "messagetablemodel.h"

#include <QJsonDocument>
#include <QTest>

namespace {

constexpr int MessageCount = 30000;
constexpr int PageSize = 1000;

} // namespace

class GuiThreadBench : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void guiThreadPerPage();

private:
    Bench::SimulatorProcess m_simulator;
};

void GuiThreadBench::initTestCase()
{
    QString error;
    QVERIFY2(m_simulator.start(MessageCount, &error), qPrintable(error));
}

void GuiThreadBench::guiThreadPerPage()
{
    const QByteArray body = m_simulator.fetchPage(1, PageSize);
    QVERIFY(!body.isEmpty());
    double fromJson = std::numeric_limits<double>::max();
    for (int run = 0; run < 15; ++run) {
        QElapsedTimer timer;
        timer.start();
        const QJsonDocument document = QJsonDocument::fromJson(body);
        fromJson = std::min(fromJson, double(timer.nsecsElapsed()) / 1e6);
    }

    double perPage = std::numeric_limits<double>::max();
    Bench::LoadResult load;
    for (int round = 0; round < 3; ++round) {
        MessageTableModel model;
        load = Bench::loadAllPages(m_simulator.endpoint(), PageSize, &model);
        QVERIFY(load.completed);
        QCOMPARE(model.rowCount(), MessageCount);
        perPage = std::min(perPage, load.threadCpuMilliseconds / load.pages);
    }
    Bench::printMeasure(QStringLiteral("gui thread detail"),
                        QStringLiteral("%1 pages of about %2 messages (%3 bytes each) in %4 ms")
                            .arg(load.pages)
                            .arg(MessageCount / load.pages)
                            .arg(body.size())
                            .arg(load.wallMilliseconds, 0, 'f', 0));
    Bench::printResult(QStringLiteral("gui thread per page"), QStringLiteral("GUI-thread CPU"), perPage,
                       QStringLiteral("fromJson of one page"), fromJson, QStringLiteral("ms"), 0.25);
}

QTEST_MAIN(GuiThreadBench)
#include "guithread_bench.moc"
