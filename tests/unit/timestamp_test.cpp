#include "timestamp.h"

#include <QJsonValue>
#include <QTest>

class TimestampTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parseText_data();
    void parseText();
    void jsonNumbers_data();
    void jsonNumbers();
    void missingAndWrongTypes();
    void orderingPutsUnreadableLast();
};

void TimestampTest::parseText_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("expectedUtc");

    QTest::newRow("zulu") << "2026-11-30T08:15:02Z" << true << "2026-11-30T08:15:02.000Z";
    QTest::newRow("fraction") << "2026-11-30T08:16:40.512Z" << true << "2026-11-30T08:16:40.512Z";
    QTest::newRow("long fraction") << "2026-11-30T08:16:40.5129999Z" << true << "2026-11-30T08:16:40.512Z";
    QTest::newRow("short fraction") << "2026-11-30T08:16:40.5Z" << true << "2026-11-30T08:16:40.500Z";
    QTest::newRow("offset colon") << "2026-11-30T10:15:02+02:00" << true << "2026-11-30T08:15:02.000Z";
    QTest::newRow("offset plain") << "2026-11-30T10:15:02+0200" << true << "2026-11-30T08:15:02.000Z";
    QTest::newRow("negative offset") << "2026-11-30T03:15:02-05:00" << true << "2026-11-30T08:15:02.000Z";
    QTest::newRow("offset hours only") << "2026-11-30T10:15:02+02" << true << "2026-11-30T08:15:02.000Z";
    QTest::newRow("no zone is utc") << "2026-11-30T08:15:02" << true << "2026-11-30T08:15:02.000Z";
    QTest::newRow("no seconds") << "2026-11-30T08:15Z" << true << "2026-11-30T08:15:00.000Z";
    QTest::newRow("date alone") << "2019-09-01" << true << "2019-09-01T00:00:00.000Z";
    QTest::newRow("space separator") << "2026-11-30 08:15:02Z" << true << "2026-11-30T08:15:02.000Z";
    QTest::newRow("offset crosses midnight") << "2026-12-01T01:00:00+02:00" << true << "2026-11-30T23:00:00.000Z";
    QTest::newRow("epoch seconds text") << "1764490502" << true << "2025-11-30T08:15:02.000Z";
    QTest::newRow("epoch milliseconds text") << "1764490502123" << true << "2025-11-30T08:15:02.123Z";
    QTest::newRow("month 13") << "2026-13-01T00:00:00Z" << false << "";
    QTest::newRow("hour 25") << "2026-11-30T25:00:00Z" << false << "";
    QTest::newRow("february 30") << "2026-02-30" << false << "";
    QTest::newRow("words") << "yesterday" << false << "";
    QTest::newRow("empty") << "" << false << "";
    QTest::newRow("trailing junk") << "2026-11-30T08:15:02Zjunk" << false << "";
}

void TimestampTest::parseText()
{
    QFETCH(QString, text);
    QFETCH(bool, valid);
    QFETCH(QString, expectedUtc);

    const Timestamp timestamp = Timestamp::parse(text);
    QCOMPARE(timestamp.isValid(), valid);
    QCOMPARE(timestamp.toIsoUtc(), expectedUtc);
    QCOMPARE(timestamp.raw(), text);
}

void TimestampTest::jsonNumbers_data()
{
    QTest::addColumn<double>("number");
    QTest::addColumn<QString>("expectedUtc");

    QTest::newRow("seconds") << 1764490502.0 << "2025-11-30T08:15:02.000Z";
    QTest::newRow("seconds with fraction") << 1764490502.25 << "2025-11-30T08:15:02.250Z";
    QTest::newRow("milliseconds") << 1764490502123.0 << "2025-11-30T08:15:02.123Z";
    QTest::newRow("zero") << 0.0 << "1970-01-01T00:00:00.000Z";
}

void TimestampTest::jsonNumbers()
{
    QFETCH(double, number);
    QFETCH(QString, expectedUtc);

    const Timestamp timestamp = Timestamp::fromJson(QJsonValue(number));
    QVERIFY(timestamp.isValid());
    QCOMPARE(timestamp.toIsoUtc(), expectedUtc);
    QVERIFY(!timestamp.raw().isEmpty());
}

void TimestampTest::missingAndWrongTypes()
{
    QCOMPARE(Timestamp::fromJson(QJsonValue(QJsonValue::Undefined)).state(), Timestamp::State::Missing);
    QCOMPARE(Timestamp::fromJson(QJsonValue(QJsonValue::Null)).state(), Timestamp::State::Missing);
    QCOMPARE(Timestamp::fromJson(QJsonValue(true)).state(), Timestamp::State::Invalid);
    QCOMPARE(Timestamp::fromJson(QJsonValue(-5.0)).state(), Timestamp::State::Invalid);
    QCOMPARE(Timestamp::fromJson(QJsonValue(1e300)).state(), Timestamp::State::Invalid);
    QCOMPARE(Timestamp().toMSecsSinceEpoch(), 0);
}

void TimestampTest::orderingPutsUnreadableLast()
{
    const Timestamp early = Timestamp::parse(QStringLiteral("2026-11-30T08:00:00Z"));
    const Timestamp late = Timestamp::parse(QStringLiteral("2026-11-30T09:00:00Z"));
    const Timestamp unreadable = Timestamp::parse(QStringLiteral("soon"));
    const Timestamp missing;

    QVERIFY(Timestamp::lessThan(early, late));
    QVERIFY(!Timestamp::lessThan(late, early));
    QVERIFY(Timestamp::lessThan(late, unreadable));
    QVERIFY(Timestamp::lessThan(late, missing));
    QVERIFY(!Timestamp::lessThan(unreadable, late));
    QVERIFY(!Timestamp::lessThan(unreadable, missing));
    QVERIFY(!Timestamp::lessThan(missing, unreadable));
}

QTEST_APPLESS_MAIN(TimestampTest)
#include "timestamp_test.moc"
