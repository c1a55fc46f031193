#include "callbackparser.h"
#include "statustimeline.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

namespace {

QList<DeliveryReport> readFixture(const QString &name)
{
    QFile file(QStringLiteral(FIXTURES_DIR "/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open fixture %s", qPrintable(name));
    QList<DeliveryReport> reports;
    if (CallbackParser::parseStatusHistory(file.readAll(), &reports))
        qFatal("cannot parse fixture %s", qPrintable(name));
    return reports;
}

// Builds a report the way the parser does, so repeats compare equal by their JSON.
DeliveryReport report(const QString &state, const QString &time, int arrival, const QString &details = QString(),
                      const QString &recipient = QString())
{
    QJsonObject object{{QLatin1String("state"), state},
                       {QLatin1String("status"), state == QLatin1String("failed") ? QStringLiteral("failure")
                                                                                 : QStringLiteral("success")},
                       {QLatin1String("message_id"), QStringLiteral("m1")}};
    if (!time.isEmpty())
        object.insert(QLatin1String("timestamp"), time);
    if (!details.isEmpty())
        object.insert(QLatin1String("details"), details);

    DeliveryReport result;
    result.stateName = state;
    result.status = object.value(QLatin1String("status")).toString();
    result.messageId = QStringLiteral("m1");
    result.details = details;
    result.recipient = recipient;
    result.timestamp = time.isEmpty() ? Timestamp() : Timestamp::parse(time);
    result.arrival = arrival;
    result.rawJson = object;
    return result;
}

QStringList statesOf(const StatusTimeline &timeline)
{
    QStringList states;
    for (const StatusTimeline::Entry &entry : timeline.entries())
        states.append(entry.report.stateName);
    return states;
}

} // namespace

class StatusTimelineTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void orderedHistory();
    void outOfOrderFixture();
    void failedFixture();
    void lateSuccessAfterFailure();
    void tiesFollowProgression();
    void untimedPlacedByProgression_data();
    void untimedPlacedByProgression();
    void unknownStateIsKept();
    void repeatsInOtherTimeFormats();
    void repeatsWithNumbersWrittenDifferently();
    void gaps();
    void emptyHistory();
};

void StatusTimelineTest::orderedHistory()
{
    const StatusTimeline timeline = StatusTimeline::build(readFixture(QStringLiteral("status-history-read.json")));
    QCOMPARE(statesOf(timeline), (QStringList{QStringLiteral("queued"), QStringLiteral("dispatched"), QStringLiteral("sent"),
                                              QStringLiteral("delivered"), QStringLiteral("read")}));
    QCOMPARE(timeline.currentState(), QStringLiteral("read"));
    QVERIFY(!timeline.hasFailure());
    for (const StatusTimeline::Entry &entry : timeline.entries())
        QCOMPARE(entry.flags, StatusTimeline::Flags(StatusTimeline::NoFlags));
}

void StatusTimelineTest::outOfOrderFixture()
{
    const StatusTimeline timeline = StatusTimeline::build(readFixture(QStringLiteral("status-history-out-of-order.json")));

    // Five updates arrived: read, delivered, sent, delivered again, queued without a time.
    QCOMPARE(statesOf(timeline), (QStringList{QStringLiteral("queued"), QStringLiteral("sent"), QStringLiteral("delivered"),
                                              QStringLiteral("read")}));
    QCOMPARE(timeline.currentState(), QStringLiteral("read"));

    const StatusTimeline::Entry &queued = timeline.entries().at(0);
    QVERIFY(queued.flags.testFlag(StatusTimeline::NoTime));
    QCOMPARE(queued.report.arrival, 4);

    const StatusTimeline::Entry &delivered = timeline.entries().at(2);
    QCOMPARE(delivered.count(), 2);
    QVERIFY(delivered.flags.testFlag(StatusTimeline::Duplicate));
    QCOMPARE(delivered.copies.at(0).arrival, 1);
    QCOMPARE(delivered.copies.at(1).arrival, 3);
}

void StatusTimelineTest::failedFixture()
{
    const StatusTimeline timeline = StatusTimeline::build(readFixture(QStringLiteral("status-history-failed.json")));
    QCOMPARE(timeline.currentState(), QStringLiteral("failed"));
    QVERIFY(timeline.hasFailure());
    QCOMPARE(timeline.entries().last().report.details,
             QStringLiteral("Message template parameter count does not match the template"));
}

void StatusTimelineTest::lateSuccessAfterFailure()
{
    const StatusTimeline timeline = StatusTimeline::build({
        report(QStringLiteral("queued"), QStringLiteral("2026-11-30T14:00:00Z"), 0),
        report(QStringLiteral("failed"), QStringLiteral("2026-11-30T14:00:02Z"), 1, QStringLiteral("Recipient unreachable")),
        report(QStringLiteral("delivered"), QStringLiteral("2026-11-30T14:05:00Z"), 2),
    });

    QCOMPARE(statesOf(timeline), (QStringList{QStringLiteral("queued"), QStringLiteral("failed"), QStringLiteral("delivered")}));
    QCOMPARE(timeline.currentState(), QStringLiteral("failed"));
    QVERIFY(timeline.hasFailure());
    QVERIFY(timeline.entries().at(2).flags.testFlag(StatusTimeline::AfterTerminal));
    QVERIFY(timeline.entries().at(2).flags.testFlag(StatusTimeline::Regression));
    QCOMPARE(timeline.entries().at(1).report.details, QStringLiteral("Recipient unreachable"));
}

void StatusTimelineTest::tiesFollowProgression()
{
    const QString sameTime = QStringLiteral("2026-11-30T10:00:00Z");
    const StatusTimeline timeline = StatusTimeline::build({
        report(QStringLiteral("read"), sameTime, 0),
        report(QStringLiteral("sent"), sameTime, 1),
        report(QStringLiteral("delivered"), sameTime, 2),
    });
    QCOMPARE(statesOf(timeline), (QStringList{QStringLiteral("sent"), QStringLiteral("delivered"), QStringLiteral("read")}));
    for (const StatusTimeline::Entry &entry : timeline.entries())
        QVERIFY(!entry.flags.testFlag(StatusTimeline::Regression));
}

void StatusTimelineTest::untimedPlacedByProgression_data()
{
    QTest::addColumn<QString>("untimedState");
    QTest::addColumn<QStringList>("expectedOrder");

    QTest::newRow("queued first") << "queued"
                                  << QStringList{QStringLiteral("queued"), QStringLiteral("sent"), QStringLiteral("read")};
    QTest::newRow("delivered between") << "delivered"
                                       << QStringList{QStringLiteral("sent"), QStringLiteral("delivered"), QStringLiteral("read")};
    QTest::newRow("failed last") << "failed"
                                 << QStringList{QStringLiteral("sent"), QStringLiteral("read"), QStringLiteral("failed")};
    QTest::newRow("unknown last") << "bounced"
                                  << QStringList{QStringLiteral("sent"), QStringLiteral("read"), QStringLiteral("bounced")};
}

void StatusTimelineTest::untimedPlacedByProgression()
{
    QFETCH(QString, untimedState);
    QFETCH(QStringList, expectedOrder);

    const StatusTimeline timeline = StatusTimeline::build({
        report(QStringLiteral("read"), QStringLiteral("2026-11-30T10:00:09Z"), 0),
        report(untimedState, QString(), 1),
        report(QStringLiteral("sent"), QStringLiteral("2026-11-30T10:00:02Z"), 2),
    });
    QCOMPARE(statesOf(timeline), expectedOrder);
}

void StatusTimelineTest::unknownStateIsKept()
{
    const StatusTimeline timeline = StatusTimeline::build({
        report(QStringLiteral("sent"), QStringLiteral("2026-11-30T10:00:02Z"), 0),
        report(QStringLiteral("bounced"), QStringLiteral("2026-11-30T10:00:03Z"), 1),
    });
    QCOMPARE(timeline.entries().size(), 2);
    QCOMPARE(timeline.entries().at(1).report.stateName, QStringLiteral("bounced"));
    QVERIFY(timeline.entries().at(1).flags.testFlag(StatusTimeline::UnknownState));
    QCOMPARE(timeline.currentState(), QStringLiteral("sent"));
    QCOMPARE(StatusTimeline::flagNames(timeline.entries().at(1).flags), QStringList{QStringLiteral("unknown_state")});
}

void StatusTimelineTest::repeatsInOtherTimeFormats()
{
    // The same delivered update, once in ISO-8601, once as epoch milliseconds, once with an offset.
    const StatusTimeline timeline = StatusTimeline::build({
        report(QStringLiteral("delivered"), QStringLiteral("2025-11-30T08:15:02Z"), 0),
        report(QStringLiteral("delivered"), QStringLiteral("1764490502000"), 1),
        report(QStringLiteral("delivered"), QStringLiteral("2025-11-30T10:15:02+02:00"), 2),
        report(QStringLiteral("delivered"), QStringLiteral("2025-11-30T08:15:03Z"), 3),
        // Epoch seconds carry no milliseconds, so they match the same second written with them.
        report(QStringLiteral("delivered"), QStringLiteral("2025-11-30T08:15:03.512Z"), 4),
        report(QStringLiteral("delivered"), QStringLiteral("1764490503"), 5),
    });
    QCOMPARE(timeline.entries().size(), 2);
    const StatusTimeline::Entry &repeated = timeline.entries().at(0);
    QCOMPARE(repeated.count(), 3);
    QVERIFY(repeated.flags.testFlag(StatusTimeline::Duplicate));
    QCOMPARE(repeated.copies.at(1).timestamp.raw(), QStringLiteral("1764490502000"));
    QCOMPARE(repeated.copies.at(2).timestamp.raw(), QStringLiteral("2025-11-30T10:15:02+02:00"));
    QCOMPARE(timeline.entries().at(1).count(), 3);
    QCOMPARE(timeline.entries().size(), 2);
}

void StatusTimelineTest::repeatsWithNumbersWrittenDifferently()
{
    const QString time = QStringLiteral("2025-11-30T08:15:02Z");
    const StatusTimeline timeline = StatusTimeline::build({
        report(QStringLiteral("queued"), time, 0, QString(), QStringLiteral("+55 11-900 000106")),
        report(QStringLiteral("queued"), QStringLiteral("1764490502"), 1, QString(), QStringLiteral("whatsapp:+5511900000106")),
        report(QStringLiteral("queued"), time, 2, QString(), QStringLiteral("005511900000106")),
        // Another number is another update.
        report(QStringLiteral("queued"), time, 3, QString(), QStringLiteral("+5511900000107")),
    });
    QCOMPARE(timeline.entries().size(), 2);
    QCOMPARE(timeline.entries().at(0).count(), 3);
    QVERIFY(timeline.entries().at(0).flags.testFlag(StatusTimeline::Duplicate));
    QCOMPARE(timeline.entries().at(1).count(), 1);
}

void StatusTimelineTest::gaps()
{
    const StatusTimeline timeline = StatusTimeline::build(readFixture(QStringLiteral("status-history-read.json")));
    QVERIFY(!timeline.entries().at(0).gapMilliseconds.has_value());
    QCOMPARE(timeline.entries().at(1).gapMilliseconds.value_or(-1), 360);
    QCOMPARE(timeline.entries().at(2).gapMilliseconds.value_or(-1), 520);
    QCOMPARE(timeline.entries().at(4).gapMilliseconds.value_or(-1), 37000);
}

void StatusTimelineTest::emptyHistory()
{
    const StatusTimeline timeline = StatusTimeline::build({});
    QVERIFY(timeline.isEmpty());
    QVERIFY(timeline.currentState().isEmpty());
    QVERIFY(!timeline.hasFailure());
}

QTEST_APPLESS_MAIN(StatusTimelineTest)
#include "statustimeline_test.moc"
