// Fetching every page of 100,000 messages from callback-store-sim, against one
// keep-alive curl run over the same URLs with the same headers.
//
// The simulator runs as its own process (not in this one), so that the server's
// work shares no thread with the inspector, as it shares none with curl.

#include "benchcommon.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryFile>
#include <QTest>
#include <QTextStream>

namespace {

constexpr int MessageCount = 100000;
constexpr int PageSize = 1000;
constexpr int Rounds = 3;

} // namespace

class FetchBench : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void fetchAgainstCurl();
    void fetchInspector();

private:
    // Runs curl once over pages 1 to pageCount; returns its wall time in ms and
    // adds the connections it opened to *connections.
    double runCurl(int pageCount, int *connections);

    Bench::SimulatorProcess m_simulator;
    QString m_curl;
};

void FetchBench::initTestCase()
{
    m_curl = QStandardPaths::findExecutable(QStringLiteral("curl"));
    if (m_curl.isEmpty())
        QSKIP("curl is not installed; scripts/install-deps.sh installs it");
    QString error;
    QVERIFY2(m_simulator.start(MessageCount, &error), qPrintable(error));
}

double FetchBench::runCurl(int pageCount, int *connections)
{
    QTemporaryFile config;
    if (!config.open())
        return -1;
    {
        QTextStream out(&config);
        out << "silent\n";
        out << "header = \"Authorization: Bearer " << Bench::SimulatorProcess::Token << "\"\n";
        out << "header = \"Accept: application/json\"\n";
        out << "write-out = \"%{num_connects}\\n\"\n";
        for (int page = 1; page <= pageCount; ++page) {
            out << "url = \"" << m_simulator.pageUrl(page, PageSize) << "\"\n";
            out << "output = \"/dev/null\"\n";
        }
    }
    config.close();

    QProcess curl;
    QElapsedTimer timer;
    timer.start();
    curl.start(m_curl, {QStringLiteral("--config"), config.fileName()});
    curl.waitForFinished(120000);
    const double milliseconds = double(timer.nsecsElapsed()) / 1e6;
    const QList<QByteArray> lines = curl.readAllStandardOutput().split('\n');
    for (const QByteArray &line : lines)
        *connections += line.trimmed().toInt();
    return curl.exitCode() == 0 ? milliseconds : -1;
}

void FetchBench::fetchAgainstCurl()
{
    double inspector = std::numeric_limits<double>::max();
    double baseline = std::numeric_limits<double>::max();
    Bench::LoadResult load;
    int curlConnections = 0;
    double serverCpuInspector = 0;
    double serverCpuCurl = 0;
    for (int round = 0; round < Rounds; ++round) {
        const double serverCpuAtStart = m_simulator.cpuMilliseconds();
        load = Bench::loadAllPages(m_simulator.endpoint(), PageSize, nullptr, true);
        serverCpuInspector = m_simulator.cpuMilliseconds() - serverCpuAtStart;
        QVERIFY(load.completed);
        QCOMPARE(load.messages, qint64(MessageCount));
        inspector = std::min(inspector, load.wallMilliseconds);

        // curl fetches the pages with data and the empty page after them, which
        // is what a client that reads one page at a time must fetch to see the end.
        curlConnections = 0;
        const double serverCpuBeforeCurl = m_simulator.cpuMilliseconds();
        const double curlMilliseconds = runCurl(load.pages + 1, &curlConnections);
        serverCpuCurl = m_simulator.cpuMilliseconds() - serverCpuBeforeCurl;
        QVERIFY(curlMilliseconds > 0);
        baseline = std::min(baseline, curlMilliseconds);
    }

    // The same load with one request at a time shows what the requests in flight add.
    double sequential = std::numeric_limits<double>::max();
    for (int round = 0; round < 2; ++round) {
        const Bench::LoadResult one = Bench::loadAllPages(m_simulator.endpoint(), PageSize, nullptr, false, 1);
        QVERIFY(one.completed);
        sequential = std::min(sequential, one.wallMilliseconds);
    }
    Bench::printMeasure(QStringLiteral("fetch one at a time"),
                        QStringLiteral("%1 ms with one request in flight").arg(sequential, 0, 'f', 0));
    Bench::printMeasure(QStringLiteral("fetch detail"),
                        QStringLiteral("%1 messages in %2 pages (%3 MB); inspector: up to %4 requests in flight, "
                                       "%5 connections opened, %7 page requests, server CPU %8 ms, client CPU %11 "
                                       "ms; curl: 1 request in flight, %6 connections opened, %9 page requests, "
                                       "server CPU %10 ms")
                            .arg(load.messages)
                            .arg(load.pages)
                            .arg(double(load.bodyBytes) / 1e6, 0, 'f', 1)
                            .arg(load.peakRequestsInFlight)
                            .arg(load.clientPorts.size())
                            .arg(curlConnections)
                            .arg(load.pagesRequested)
                            .arg(serverCpuInspector, 0, 'f', 0)
                            .arg(load.pages + 1)
                            .arg(serverCpuCurl, 0, 'f', 0)
                            .arg(load.processCpuMilliseconds, 0, 'f', 0));
    Bench::printResult(QStringLiteral("fetch 100k"), QStringLiteral("load all (with parsing)"), inspector,
                       QStringLiteral("curl keep-alive"), baseline, QStringLiteral("ms"), 1.5);
    QVERIFY(load.peakRequestsInFlight <= 6);
    QVERIFY(load.clientPorts.size() <= 6);
}

void FetchBench::fetchInspector()
{
    QBENCHMARK_ONCE {
        const Bench::LoadResult load = Bench::loadAllPages(m_simulator.endpoint(), PageSize, nullptr);
        QVERIFY(load.completed);
    }
}

QTEST_GUILESS_MAIN(FetchBench)
#include "fetch_bench.moc"
