#include "notificationquery.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QTimeZone>

namespace {

QDateTime utc(int year, int month, int day, int hour = 0, int minute = 0)
{
    return QDateTime(QDate(year, month, day), QTime(hour, minute), QTimeZone::utc());
}

} // namespace

class NotificationQueryTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void defaults();
    void validation_data();
    void validation();
    void queryStringEncoding();
    void jsonBodyEncoding();
    void localTimesAreSentInUtc();
    void withPageKeepsFilters();
};

void NotificationQueryTest::defaults()
{
    const NotificationQuery query;
    QCOMPARE(query.page, 1);
    QCOMPARE(query.pageSize, 20);
    QVERIFY(!query.startTime.has_value());
    QVERIFY(!query.endTime.has_value());
    QCOMPARE(NotificationQuery::defaultStartTime(), utc(2019, 9, 1));
    QVERIFY(query.isValid());

    // Unset times are left to the server's defaults.
    const QUrlQuery encoded = query.toUrlQuery();
    QVERIFY(!encoded.hasQueryItem(QStringLiteral("start_time")));
    QVERIFY(!encoded.hasQueryItem(QStringLiteral("end_time")));
    QVERIFY(!encoded.hasQueryItem(QStringLiteral("from")));
    QCOMPARE(encoded.queryItemValue(QStringLiteral("page")), QStringLiteral("1"));
    QCOMPARE(encoded.queryItemValue(QStringLiteral("page_size")), QStringLiteral("20"));
}

void NotificationQueryTest::validation_data()
{
    QTest::addColumn<NotificationQuery>("query");
    QTest::addColumn<int>("field");
    QTest::addColumn<QString>("messagePart");

    NotificationQuery reversed;
    reversed.startTime = utc(2026, 12, 1);
    reversed.endTime = utc(2026, 11, 1);
    QTest::newRow("end before start") << reversed << int(NotificationQuery::Field::EndTime) << "before the start";

    NotificationQuery invalidStart;
    invalidStart.startTime = QDateTime();
    QTest::newRow("invalid start") << invalidStart << int(NotificationQuery::Field::StartTime) << "start time";

    NotificationQuery letters;
    letters.sender = QStringLiteral("46abc");
    QTest::newRow("letters in sender") << letters << int(NotificationQuery::Field::Sender) << "only digits";

    NotificationQuery shortSender;
    shortSender.sender = QStringLiteral("+46 70");
    QTest::newRow("short sender") << shortSender << int(NotificationQuery::Field::Sender) << "has 4";

    NotificationQuery pageZero;
    pageZero.page = 0;
    QTest::newRow("page zero") << pageZero << int(NotificationQuery::Field::Page) << "1 or more";

    NotificationQuery sizeZero;
    sizeZero.pageSize = 0;
    QTest::newRow("page size zero") << sizeZero << int(NotificationQuery::Field::PageSize) << "between 1 and 1000";

    NotificationQuery sizeHuge;
    sizeHuge.pageSize = 100000;
    QTest::newRow("page size huge") << sizeHuge << int(NotificationQuery::Field::PageSize) << "between 1 and 1000";
}

void NotificationQueryTest::validation()
{
    QFETCH(NotificationQuery, query);
    QFETCH(int, field);
    QFETCH(QString, messagePart);

    const QList<NotificationQuery::Problem> problems = query.validate();
    QCOMPARE(problems.size(), 1);
    QCOMPARE(int(problems.at(0).field), field);
    QVERIFY2(problems.at(0).message.contains(messagePart), qPrintable(problems.at(0).message));
    QVERIFY(!query.isValid());
}

void NotificationQueryTest::queryStringEncoding()
{
    NotificationQuery query;
    query.startTime = utc(2026, 11, 30, 8, 0);
    query.endTime = utc(2026, 11, 30, 18, 30);
    query.sender = QStringLiteral("whatsapp:+46 70-000 01 01");
    query.page = 3;
    query.pageSize = 50;

    const QUrlQuery encoded = query.toUrlQuery();
    QCOMPARE(encoded.queryItemValue(QStringLiteral("start_time")), QStringLiteral("2026-11-30T08:00:00.000Z"));
    QCOMPARE(encoded.queryItemValue(QStringLiteral("end_time")), QStringLiteral("2026-11-30T18:30:00.000Z"));
    QCOMPARE(encoded.queryItemValue(QStringLiteral("from")), QStringLiteral("46700000101"));
    QCOMPARE(encoded.queryItemValue(QStringLiteral("page")), QStringLiteral("3"));
    QCOMPARE(encoded.queryItemValue(QStringLiteral("page_size")), QStringLiteral("50"));
    QVERIFY(query.isValid());
}

void NotificationQueryTest::jsonBodyEncoding()
{
    NotificationQuery query;
    query.startTime = utc(2018, 10, 2, 12, 57);
    query.sender = QStringLiteral("+46732001122");
    query.page = 2;

    const QJsonObject body = QJsonDocument::fromJson(query.toJsonBody()).object();
    QCOMPARE(body.value(QLatin1String("start_time")).toString(), QStringLiteral("2018-10-02T12:57:00.000Z"));
    QVERIFY(!body.contains(QLatin1String("end_time")));
    QCOMPARE(body.value(QLatin1String("from")).toString(), QStringLiteral("46732001122"));
    // Page and page size are JSON numbers, as in the API's sample body.
    QVERIFY(body.value(QLatin1String("page")).isDouble());
    QCOMPARE(body.value(QLatin1String("page")).toInt(), 2);
    QCOMPARE(body.value(QLatin1String("page_size")).toInt(), 20);
}

void NotificationQueryTest::localTimesAreSentInUtc()
{
    NotificationQuery query;
    query.startTime = QDateTime(QDate(2026, 11, 30), QTime(10, 0), QTimeZone(7200));
    QCOMPARE(query.toUrlQuery().queryItemValue(QStringLiteral("start_time")), QStringLiteral("2026-11-30T08:00:00.000Z"));
}

void NotificationQueryTest::withPageKeepsFilters()
{
    NotificationQuery query;
    query.sender = QStringLiteral("46700000101");
    query.endTime = utc(2026, 12, 1);
    query.pageSize = 7;

    const NotificationQuery next = query.withPage(4);
    QCOMPARE(next.page, 4);
    QCOMPARE(next.sender, query.sender);
    QCOMPARE(next.endTime, query.endTime);
    QCOMPARE(next.pageSize, 7);
}

QTEST_APPLESS_MAIN(NotificationQueryTest)
#include "notificationquery_test.moc"
