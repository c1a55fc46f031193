// Time from process start to the first shown window, against a start of the same
// binary that only creates QApplication (startup-probe, see startupprobe.cpp).

#include "benchcommon.h"

#include <QProcess>
#include <QTest>

namespace {

constexpr int Runs = 11;

// Runs startup-probe in mode and returns its wall time in ms, or -1.
double runProbe(const QString &mode)
{
    QProcess probe;
    QElapsedTimer timer;
    timer.start();
    probe.start(QStringLiteral(STARTUP_PROBE), {mode});
    if (!probe.waitForFinished(30000) || probe.exitCode() != 0)
        return -1;
    return double(timer.nsecsElapsed()) / 1e6;
}

} // namespace

class StartupBench : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void windowAgainstApplication();
};

void StartupBench::windowAgainstApplication()
{
    // The first runs fill the page cache; the rest alternate and their medians count.
    runProbe(QStringLiteral("window"));
    runProbe(QStringLiteral("application"));
    QList<double> window;
    QList<double> application;
    for (int run = 0; run < Runs; ++run) {
        window.append(runProbe(QStringLiteral("window")));
        application.append(runProbe(QStringLiteral("application")));
        QVERIFY(window.constLast() > 0);
        QVERIFY(application.constLast() > 0);
    }
    std::sort(window.begin(), window.end());
    std::sort(application.begin(), application.end());
    Bench::printResult(QStringLiteral("startup"), QStringLiteral("first shown window"), window.at(Runs / 2),
                       QStringLiteral("QApplication only"), application.at(Runs / 2), QStringLiteral("ms"), 1.5);
}

QTEST_GUILESS_MAIN(StartupBench)
#include "startup_bench.moc"
