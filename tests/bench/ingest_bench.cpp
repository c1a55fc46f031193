// Page ingest: parsing a 1,000-message page into value types, against
// QJsonDocument::fromJson alone on the same bytes.

#include "benchcommon.h"
#include "callbackparser.h"

#include <QJsonDocument>
#include <QTest>

#include <limits>

class IngestBench : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void ingestAgainstFromJson();
    void ingestInspector();
    void ingestBaselineFromJson();

private:
    Bench::SimulatorProcess m_simulator;
    QByteArray m_body;
};

void IngestBench::initTestCase()
{
    QString error;
    QVERIFY2(m_simulator.start(5000, &error), qPrintable(error));
    m_body = m_simulator.fetchPageOfMessages(1000);
    QVERIFY(!m_body.isEmpty());
}

void IngestBench::ingestAgainstFromJson()
{
    CallbackParser::NotificationPage page;
    QVERIFY(!CallbackParser::parseNotificationPage(m_body, &page));
    qInfo("page: %lld messages in %d callbacks, %lld bytes", qint64(page.messages.size()), page.callbackCount,
          qint64(m_body.size()));

    // Both sides are timed up to the finished value; freeing it is left out of
    // both, because a loaded page lives on in the table. Runs alternate, and the
    // fastest of each side counts, because other processes on the machine only
    // ever add time.
    double inspector = std::numeric_limits<double>::max();
    double baseline = std::numeric_limits<double>::max();
    for (int run = 0; run < 20; ++run) {
        CallbackParser::NotificationPage parsed;
        QElapsedTimer timer;
        timer.start();
        CallbackParser::parseNotificationPage(m_body, &parsed);
        inspector = std::min(inspector, double(timer.nsecsElapsed()) / 1e6);

        QJsonParseError error;
        timer.start();
        const QJsonDocument document = QJsonDocument::fromJson(m_body, &error);
        baseline = std::min(baseline, double(timer.nsecsElapsed()) / 1e6);
    }
    Bench::printResult(QStringLiteral("ingest"), QStringLiteral("parse to InboundMessage"), inspector,
                       QStringLiteral("fromJson"), baseline, QStringLiteral("ms"), 1.5);
}

void IngestBench::ingestInspector()
{
    QBENCHMARK {
        CallbackParser::NotificationPage parsed;
        CallbackParser::parseNotificationPage(m_body, &parsed);
    }
}

void IngestBench::ingestBaselineFromJson()
{
    QBENCHMARK {
        const QJsonDocument document = QJsonDocument::fromJson(m_body);
        Q_UNUSED(document);
    }
}

QTEST_GUILESS_MAIN(IngestBench)
#include "ingest_bench.moc"
