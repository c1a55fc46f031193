#include "apiclient.h"
#include "callbackparser.h"
#include "messagetablemodel.h"
#include "notificationpager.h"
#include "statushistorymodel.h"
#include "timeformatter.h"

#include <QAbstractItemModelTester>
#include <QBrush>
#include <QFile>
#include <QSignalSpy>
#include <QTest>
#include <QTimeZone>

#include <ctime>
#include <limits>

namespace {

QByteArray readFixture(const QString &name)
{
    QFile file(QStringLiteral(FIXTURES_DIR "/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open fixture %s", qPrintable(file.fileName()));
    return file.readAll();
}

QList<InboundMessage> fixtureMessages()
{
    CallbackParser::NotificationPage page;
    const std::optional<ParseError> error =
        CallbackParser::parseNotificationPage(readFixture(QStringLiteral("notifications-mixed-types.json")), &page);
    if (error)
        qFatal("fixture does not parse: %s", qPrintable(error->toString()));
    return page.messages;
}

QList<DeliveryReport> fixtureReports(const QString &name)
{
    QList<DeliveryReport> reports;
    const std::optional<ParseError> error = CallbackParser::parseStatusHistory(readFixture(name), &reports);
    if (error)
        qFatal("fixture does not parse: %s", qPrintable(error->toString()));
    return reports;
}

// Finds the row of a message id, or -1.
int rowOf(const MessageTableModel &model, const QString &messageId)
{
    for (int row = 0; row < model.rowCount(); ++row) {
        if (model.messageAt(row).messageId == messageId)
            return row;
    }
    return -1;
}

QString displayed(const QAbstractItemModel &model, int row, int column)
{
    return model.data(model.index(row, column)).toString();
}

DeliveryReport report(const QString &state, const QString &time, int arrival)
{
    DeliveryReport result;
    result.status = DeliveryReport::isFailure(DeliveryReport::stateFromName(state)) ? QStringLiteral("failure")
                                                                                    : QStringLiteral("success");
    result.stateName = state;
    result.messageId = QStringLiteral("out-1");
    result.timestamp = Timestamp::parse(time);
    result.arrival = arrival;
    result.rawJson = QJsonObject{{QStringLiteral("state"), state}, {QStringLiteral("timestamp"), time}};
    return result;
}

const QString Isolate = QString(QChar(0x2068));
const QString PopIsolate = QString(QChar(0x2069));

} // namespace

class ModelsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void messageModelPassesTesterOnReset();
    void messageModelPassesTesterOnAppend();
    void messageModelEmpty();
    void messageModelAppendRange();
    void messageModelAppendNothing();
    void messageModelDisplay_data();
    void messageModelDisplay();
    void messageModelUnreadableParts();
    void messageModelTimeLabels();
    void messageModelRoles();
    void messageModelLocalTime();
    void messageModelFedByPager();

    void statusModelPassesTester();
    void statusModelOutOfOrder();
    void statusModelColours();
    void statusModelFlags();

    void gapFormat_data();
    void gapFormat();
};

void ModelsTest::initTestCase()
{
    // A fixed zone with a known abbreviation, so local times can be compared.
    qputenv("TZ", "Europe/Stockholm");
    tzset();
}

void ModelsTest::messageModelPassesTesterOnReset()
{
    MessageTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);

    model.setMessages(fixtureMessages());
    QCOMPARE(model.rowCount(), 11);
    model.setMessages({});
    QCOMPARE(model.rowCount(), 0);
    model.setMessages(fixtureMessages().mid(0, 3));
    QCOMPARE(model.rowCount(), 3);
    model.setTimeZone(TimeFormatter::Zone::Local);
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

void ModelsTest::messageModelPassesTesterOnAppend()
{
    MessageTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);

    const QList<InboundMessage> messages = fixtureMessages();
    model.appendMessages(messages.mid(0, 4));
    model.appendMessages(messages.mid(4));
    QCOMPARE(model.rowCount(), messages.size());
    QCOMPARE(model.messageAt(10).messageId, messages.at(10).messageId);
}

void ModelsTest::messageModelEmpty()
{
    MessageTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);

    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.columnCount(), int(MessageTableModel::ColumnCount));
    QVERIFY(!model.data(QModelIndex()).isValid());
    QVERIFY(!model.data(model.index(0, 0)).isValid());
    QCOMPARE(model.headerData(MessageTableModel::SenderColumn, Qt::Horizontal).toString(), QStringLiteral("Sender"));
    QCOMPARE(model.headerData(MessageTableModel::TimeColumn, Qt::Horizontal).toString(), QStringLiteral("Time (UTC)"));
}

void ModelsTest::messageModelAppendRange()
{
    MessageTableModel model;
    const QList<InboundMessage> messages = fixtureMessages();
    model.setMessages(messages.mid(0, 3));

    QSignalSpy aboutToInsert(&model, &QAbstractItemModel::rowsAboutToBeInserted);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.appendMessages(messages.mid(3, 2));

    QCOMPARE(aboutToInsert.size(), 1);
    QCOMPARE(inserted.size(), 1);
    const QList<QVariant> arguments = inserted.takeFirst();
    QVERIFY(!arguments.at(0).toModelIndex().isValid());
    QCOMPARE(arguments.at(1).toInt(), 3);
    QCOMPARE(arguments.at(2).toInt(), 4);
    QCOMPARE(model.rowCount(), 5);
}

void ModelsTest::messageModelAppendNothing()
{
    MessageTableModel model;
    model.setMessages(fixtureMessages().mid(0, 2));
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsAboutToBeInserted);
    model.appendMessages({});
    QCOMPARE(inserted.size(), 0);
    QCOMPARE(model.rowCount(), 2);
}

void ModelsTest::messageModelDisplay_data()
{
    QTest::addColumn<QString>("messageId");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("expected");

    const QString text = QStringLiteral("01HZX0TEXT000000000000001");
    QTest::newRow("time in UTC") << text << int(MessageTableModel::TimeColumn) << QStringLiteral("2026-11-30 08:15:02 UTC");
    QTest::newRow("sender with name")
        << text << int(MessageTableModel::SenderColumn)
        << Isolate + QStringLiteral("Ada Lindqvist") + PopIsolate + QStringLiteral(" (46700000101)");
    QTest::newRow("type") << text << int(MessageTableModel::TypeColumn) << QStringLiteral("text");
    QTest::newRow("message id") << text << int(MessageTableModel::MessageIdColumn) << text;
    QTest::newRow("no reply") << text << int(MessageTableModel::ReplyToColumn) << QString();
    QTest::newRow("no flags") << text << int(MessageTableModel::FlagsColumn) << QString();

    const QString image = QStringLiteral("01HZX0IMG0000000000000003");
    QTest::newRow("sender without name") << image << int(MessageTableModel::SenderColumn) << QStringLiteral("46700000102");
    QTest::newRow("forwarded") << image << int(MessageTableModel::FlagsColumn) << QStringLiteral("forwarded");
    QTest::newRow("media preview") << image << int(MessageTableModel::PreviewColumn)
                                   << QStringLiteral("[image] The parcel arrived damaged");

    const QString button = QStringLiteral("01HZX0BTN0000000000000006");
    QTest::newRow("reply to") << button << int(MessageTableModel::ReplyToColumn)
                              << QStringLiteral("01HZX0OUT0000000000000A01");
    QTest::newRow("button preview") << button << int(MessageTableModel::PreviewColumn)
                                    << QStringLiteral("Button: Track my order");

    const QString error = QStringLiteral("01HZX0ERR0000000000000009");
    QTest::newRow("reply without id") << error << int(MessageTableModel::ReplyToColumn) << QStringLiteral("(id missing)");

    const QString referral = QStringLiteral("01HZX0REF0000000000000010");
    QTest::newRow("frequently forwarded and referral")
        << referral << int(MessageTableModel::FlagsColumn) << QStringLiteral("frequently forwarded, referral");
    QTest::newRow("time at half past") << referral << int(MessageTableModel::TimeColumn)
                                       << QStringLiteral("2026-11-30 12:30:00 UTC");
}

void ModelsTest::messageModelDisplay()
{
    QFETCH(QString, messageId);
    QFETCH(int, column);
    QFETCH(QString, expected);

    MessageTableModel model;
    model.setMessages(fixtureMessages());
    const int row = rowOf(model, messageId);
    QVERIFY2(row >= 0, qPrintable(messageId));
    QCOMPARE(displayed(model, row, column), expected);
}

void ModelsTest::messageModelUnreadableParts()
{
    InboundMessage message;
    message.messageId = QStringLiteral("in-1");
    message.from = QStringLiteral("46700000101");
    message.problems = {QStringLiteral("timestamp \"soon\" is not a date-time"), QStringLiteral("message.type is missing")};

    MessageTableModel model;
    model.setMessages({message});
    QCOMPARE(displayed(model, 0, MessageTableModel::FlagsColumn), QStringLiteral("2 unreadable parts"));
    const QString toolTip = model.data(model.index(0, MessageTableModel::FlagsColumn), Qt::ToolTipRole).toString();
    QVERIFY2(toolTip.contains(QStringLiteral("message.type is missing")), qPrintable(toolTip));
}

void ModelsTest::messageModelTimeLabels()
{
    InboundMessage missing;
    missing.messageId = QStringLiteral("in-missing");
    InboundMessage unreadable;
    unreadable.messageId = QStringLiteral("in-unreadable");
    unreadable.timestamp = Timestamp::parse(QStringLiteral("next tuesday"));

    MessageTableModel model;
    model.setMessages({missing, unreadable});
    QCOMPARE(displayed(model, 0, MessageTableModel::TimeColumn), QStringLiteral("(no time)"));
    QCOMPARE(displayed(model, 1, MessageTableModel::TimeColumn), QStringLiteral("(unreadable: next tuesday)"));
    QCOMPARE(model.data(model.index(0, MessageTableModel::TimeColumn), MessageTableModel::SortValueRole).toLongLong(),
             std::numeric_limits<qint64>::max());
}

void ModelsTest::messageModelRoles()
{
    MessageTableModel model;
    model.setMessages(fixtureMessages());

    const QModelIndex time = model.index(0, MessageTableModel::TimeColumn);
    QCOMPARE(model.data(time, MessageTableModel::SortValueRole).toLongLong(),
             QDateTime(QDate(2026, 11, 30), QTime(8, 15, 2), QTimeZone::utc()).toMSecsSinceEpoch());
    QCOMPARE(model.data(model.index(7, MessageTableModel::PreviewColumn), MessageTableModel::MessageIndexRole).toInt(), 7);
    QCOMPARE(model.data(model.index(0, MessageTableModel::SenderColumn), MessageTableModel::SortValueRole).toString(),
             QStringLiteral("46700000101"));
}

void ModelsTest::messageModelLocalTime()
{
    if (!QTimeZone(QByteArrayLiteral("Europe/Stockholm")).isValid())
        QSKIP("the time zone database has no Europe/Stockholm");

    MessageTableModel model;
    model.setMessages(fixtureMessages());

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy headerChanged(&model, &QAbstractItemModel::headerDataChanged);
    model.setTimeZone(TimeFormatter::Zone::Local);

    QCOMPARE(changed.size(), 1);
    const QList<QVariant> arguments = changed.takeFirst();
    QCOMPARE(arguments.at(0).toModelIndex(), model.index(0, MessageTableModel::TimeColumn));
    QCOMPARE(arguments.at(1).toModelIndex(), model.index(model.rowCount() - 1, MessageTableModel::TimeColumn));
    QCOMPARE(headerChanged.size(), 1);
    QCOMPARE(displayed(model, 0, MessageTableModel::TimeColumn), QStringLiteral("2026-11-30 09:15:02 CET"));
    QCOMPARE(model.headerData(MessageTableModel::TimeColumn, Qt::Horizontal).toString(), QStringLiteral("Time (local)"));

    model.setTimeZone(TimeFormatter::Zone::Local);
    QCOMPARE(changed.size(), 0);
}

void ModelsTest::messageModelFedByPager()
{
    ApiClient client;
    NotificationPager pager(&client);
    MessageTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setSource(&pager);

    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    const QList<InboundMessage> messages = fixtureMessages();
    Q_EMIT pager.pageLoaded(1, messages.mid(0, 5), 0);
    QCOMPARE(reset.size(), 1);
    QCOMPARE(model.rowCount(), 5);

    Q_EMIT pager.pageLoaded(2, messages.mid(5, 2), 0);
    QCOMPARE(reset.size(), 2);
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.messageAt(0).messageId, messages.at(5).messageId);

    model.setSource(nullptr);
    Q_EMIT pager.pageLoaded(3, messages, 0);
    QCOMPARE(model.rowCount(), 2);
}

void ModelsTest::statusModelPassesTester()
{
    StatusHistoryModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);

    model.setReports(fixtureReports(QStringLiteral("status-history-read.json")));
    QCOMPARE(model.rowCount(), 5);
    model.setReports(fixtureReports(QStringLiteral("status-history-out-of-order.json")));
    QCOMPARE(model.rowCount(), 4);
    model.setTimeZone(TimeFormatter::Zone::Local);
    model.clear();
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(model.timeline().isEmpty());
}

void ModelsTest::statusModelOutOfOrder()
{
    StatusHistoryModel model;
    model.setReports(fixtureReports(QStringLiteral("status-history-out-of-order.json")));
    QCOMPARE(model.rowCount(), 4);

    // queued has no time, so its state puts it first. The rest follow their times.
    QCOMPARE(displayed(model, 0, StatusHistoryModel::StateColumn), QStringLiteral("queued"));
    QCOMPARE(displayed(model, 0, StatusHistoryModel::TimeColumn), QStringLiteral("(no time)"));
    QCOMPARE(displayed(model, 0, StatusHistoryModel::FlagsColumn), QStringLiteral("no time"));
    QCOMPARE(displayed(model, 1, StatusHistoryModel::StateColumn), QStringLiteral("sent"));
    QCOMPARE(displayed(model, 1, StatusHistoryModel::GapColumn), QString());
    QCOMPARE(displayed(model, 1, StatusHistoryModel::TimeColumn), QStringLiteral("2026-11-30 15:00:02.000 UTC"));

    QCOMPARE(displayed(model, 2, StatusHistoryModel::StateColumn), QStringLiteral("delivered"));
    QCOMPARE(displayed(model, 2, StatusHistoryModel::GapColumn), QStringLiteral("+2 s"));
    QCOMPARE(displayed(model, 2, StatusHistoryModel::ArrivalColumn), QStringLiteral("2, 4"));
    QCOMPARE(displayed(model, 2, StatusHistoryModel::CountColumn), QStringLiteral("\u00d72"));
    QCOMPARE(displayed(model, 2, StatusHistoryModel::FlagsColumn), QStringLiteral("duplicate"));

    QCOMPARE(displayed(model, 3, StatusHistoryModel::StateColumn), QStringLiteral("read"));
    QCOMPARE(displayed(model, 3, StatusHistoryModel::GapColumn), QStringLiteral("+5 s"));
    QCOMPARE(displayed(model, 3, StatusHistoryModel::ArrivalColumn), QStringLiteral("1"));
    QCOMPARE(displayed(model, 3, StatusHistoryModel::CountColumn), QString());
    QCOMPARE(model.timeline().currentState(), QStringLiteral("read"));
}

void ModelsTest::statusModelColours()
{
    StatusHistoryModel model;
    model.setReports(fixtureReports(QStringLiteral("status-history-failed.json")));
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(displayed(model, 2, StatusHistoryModel::StateColumn), QStringLiteral("failed"));
    QCOMPARE(displayed(model, 2, StatusHistoryModel::DetailsColumn),
             QStringLiteral("Message template parameter count does not match the template"));

    const QVariant failed = model.data(model.index(2, StatusHistoryModel::StateColumn), Qt::BackgroundRole);
    QVERIFY(failed.canConvert<QBrush>());
    const QColor failedColour = qvariant_cast<QBrush>(failed).color();
    QVERIFY2(failedColour.red() > failedColour.green(), qPrintable(failedColour.name()));
    QVERIFY(!model.data(model.index(0, StatusHistoryModel::StateColumn), Qt::BackgroundRole).isValid());
    QVERIFY(model.timeline().hasFailure());

    // sent after delivered is a regression, shown in another colour than a failure.
    model.setReports({report(QStringLiteral("delivered"), QStringLiteral("2026-11-30T10:00:00Z"), 0),
                      report(QStringLiteral("sent"), QStringLiteral("2026-11-30T10:00:05Z"), 1)});
    QCOMPARE(displayed(model, 1, StatusHistoryModel::FlagsColumn), QStringLiteral("regression"));
    const QVariant regression = model.data(model.index(1, StatusHistoryModel::StateColumn), Qt::BackgroundRole);
    QVERIFY(regression.canConvert<QBrush>());
    QVERIFY(qvariant_cast<QBrush>(regression).color() != failedColour);
    QVERIFY(!model.data(model.index(0, StatusHistoryModel::StateColumn), Qt::BackgroundRole).isValid());
}

void ModelsTest::statusModelFlags()
{
    StatusHistoryModel model;
    model.setReports({report(QStringLiteral("failed"), QStringLiteral("2026-11-30T10:00:00Z"), 0),
                      report(QStringLiteral("sent"), QStringLiteral("2026-11-30T10:02:05.360Z"), 1),
                      report(QStringLiteral("teleported"), QStringLiteral("2026-11-30T10:02:05.720Z"), 2)});
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(displayed(model, 1, StatusHistoryModel::FlagsColumn), QStringLiteral("regression, after a terminal state"));
    QCOMPARE(displayed(model, 1, StatusHistoryModel::GapColumn), QStringLiteral("+2 min 5 s"));
    QCOMPARE(displayed(model, 2, StatusHistoryModel::StateColumn), QStringLiteral("teleported"));
    QCOMPARE(displayed(model, 2, StatusHistoryModel::FlagsColumn),
             QStringLiteral("after a terminal state, unknown state"));
    QCOMPARE(displayed(model, 2, StatusHistoryModel::GapColumn), QStringLiteral("+0.36 s"));
}

void ModelsTest::gapFormat_data()
{
    QTest::addColumn<qint64>("milliseconds");
    QTest::addColumn<QString>("expected");

    QTest::newRow("zero") << qint64(0) << QStringLiteral("+0 s");
    QTest::newRow("fraction") << qint64(360) << QStringLiteral("+0.36 s");
    QTest::newRow("whole seconds") << qint64(2000) << QStringLiteral("+2 s");
    QTest::newRow("half second") << qint64(2500) << QStringLiteral("+2.5 s");
    QTest::newRow("minutes") << qint64(125000) << QStringLiteral("+2 min 5 s");
    QTest::newRow("hours") << qint64((3 * 60 + 12) * 60000) << QStringLiteral("+3 h 12 min");
    QTest::newRow("days") << qint64((2 * 24 + 4) * 3600000LL) << QStringLiteral("+2 d 4 h");
    QTest::newRow("negative") << qint64(-1500) << QStringLiteral("\u22121.5 s");
}

void ModelsTest::gapFormat()
{
    QFETCH(qint64, milliseconds);
    QFETCH(QString, expected);
    QCOMPARE(TimeFormatter::formatGap(milliseconds), expected);
}

QTEST_MAIN(ModelsTest)
#include "models_test.moc"
