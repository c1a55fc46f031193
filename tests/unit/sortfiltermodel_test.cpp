#include "messagebatchappender.h"
#include "messagesortfiltermodel.h"
#include "messagetablemodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

#include <chrono>

namespace {

// A text message with a time that is minutes after a fixed start.
InboundMessage textMessage(int number, int minutes, const QString &body, const QString &from = QStringLiteral("46700000001"))
{
    InboundMessage message;
    message.messageId = QStringLiteral("in-%1").arg(number, 4, 10, QLatin1Char('0'));
    message.from = from;
    message.fromDigits = from;
    message.type = QStringLiteral("text");
    message.timestamp = Timestamp::fromDateTime(
        QDateTime(QDate(2026, 11, 30), QTime(8, 0), Qt::UTC).addSecs(qint64(minutes) * 60));
    message.content.value = MessageContent::Text{body};
    return message;
}

QList<InboundMessage> messages(int first, int count)
{
    QList<InboundMessage> result;
    for (int number = first; number < first + count; ++number)
        result.append(textMessage(number, (number * 37) % 101, QStringLiteral("body %1").arg(number)));
    return result;
}

QStringList shownIds(const QAbstractItemModel &model)
{
    QStringList ids;
    for (int row = 0; row < model.rowCount(); ++row)
        ids.append(model.index(row, MessageTableModel::MessageIdColumn).data().toString());
    return ids;
}

QList<qint64> shownTimes(const QAbstractItemModel &model)
{
    QList<qint64> times;
    for (int row = 0; row < model.rowCount(); ++row)
        times.append(model.index(row, MessageTableModel::TimeColumn).data(MessageTableModel::SortValueRole).toLongLong());
    return times;
}

} // namespace

class SortFilterModelTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void proxyPassesTester();
    void proxySortsByTime();
    void proxySortIsStable();
    void proxySortsText();
    void proxyFilterIgnoresCase();
    void proxyFilterAppliesToAppendedRows();
    void proxyWaitsWhileDynamicSortOff();
    void proxyKeepsPersistentIndexes();
    void proxyMapsBothWays();
    void appenderCoalescesPages();
    void appenderFlushAppendsRest();
    void appenderDiscardDropsQueue();
};

void SortFilterModelTest::proxyPassesTester()
{
    MessageTableModel model;
    MessageSortFilterModel proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);

    model.appendMessages(messages(0, 10));
    proxy.sort(MessageTableModel::TimeColumn, Qt::DescendingOrder);
    model.appendMessages(messages(10, 5));
    proxy.setFilterText(QStringLiteral("body 1"));
    proxy.setDynamicSortFilter(false);
    model.appendMessages(messages(15, 10));
    proxy.setDynamicSortFilter(true);
    proxy.sort(MessageTableModel::PreviewColumn, Qt::AscendingOrder);
    proxy.setFilterText(QString());
    proxy.sort(-1);
    model.setTimeZone(TimeFormatter::Zone::Local);
    model.setMessages(messages(0, 3));
    model.clear();
    QCOMPARE(proxy.rowCount(), 0);
}

void SortFilterModelTest::proxySortsByTime()
{
    MessageTableModel model;
    model.appendMessages(messages(0, 50));
    MessageSortFilterModel proxy;
    proxy.setSourceModel(&model);

    proxy.sort(MessageTableModel::TimeColumn, Qt::AscendingOrder);
    const QList<qint64> ascending = shownTimes(proxy);
    QCOMPARE(ascending.size(), 50);
    QVERIFY(std::is_sorted(ascending.cbegin(), ascending.cend()));

    proxy.sort(MessageTableModel::TimeColumn, Qt::DescendingOrder);
    const QList<qint64> descending = shownTimes(proxy);
    QVERIFY(std::is_sorted(descending.crbegin(), descending.crend()));

    proxy.sort(-1);
    QCOMPARE(shownIds(proxy), shownIds(model));
}

void SortFilterModelTest::proxySortIsStable()
{
    MessageTableModel model;
    QList<InboundMessage> sameTime;
    for (int number = 0; number < 20; ++number)
        sameTime.append(textMessage(number, 5, QStringLiteral("same")));
    model.appendMessages(sameTime);
    MessageSortFilterModel proxy;
    proxy.setSourceModel(&model);

    proxy.sort(MessageTableModel::TimeColumn, Qt::DescendingOrder);
    QCOMPARE(shownIds(proxy), shownIds(model));
    proxy.sort(MessageTableModel::TimeColumn, Qt::AscendingOrder);
    QCOMPARE(shownIds(proxy), shownIds(model));
}

void SortFilterModelTest::proxySortsText()
{
    MessageTableModel model;
    model.appendMessages({textMessage(1, 0, QStringLiteral("banana")), textMessage(2, 1, QStringLiteral("Apple")),
                          textMessage(3, 2, QStringLiteral("cherry"))});
    MessageSortFilterModel proxy;
    proxy.setSourceModel(&model);

    proxy.sort(MessageTableModel::PreviewColumn, Qt::AscendingOrder);
    QCOMPARE(shownIds(proxy), (QStringList{QStringLiteral("in-0002"), QStringLiteral("in-0001"), QStringLiteral("in-0003")}));
    proxy.sort(MessageTableModel::PreviewColumn, Qt::DescendingOrder);
    QCOMPARE(shownIds(proxy), (QStringList{QStringLiteral("in-0003"), QStringLiteral("in-0001"), QStringLiteral("in-0002")}));
}

void SortFilterModelTest::proxyFilterIgnoresCase()
{
    MessageTableModel model;
    model.appendMessages({textMessage(1, 0, QStringLiteral("Where is my ORDER?")), textMessage(2, 1, QStringLiteral("thanks")),
                          textMessage(3, 2, QStringLiteral("order 42 arrived"), QStringLiteral("46700000777"))});
    MessageSortFilterModel proxy;
    proxy.setSourceModel(&model);

    proxy.setFilterText(QStringLiteral("order"));
    QCOMPARE(shownIds(proxy), (QStringList{QStringLiteral("in-0001"), QStringLiteral("in-0003")}));
    proxy.setFilterText(QStringLiteral("0777"));
    QCOMPARE(shownIds(proxy), QStringList{QStringLiteral("in-0003")});
    proxy.setFilterText(QStringLiteral("IN-0002"));
    QCOMPARE(shownIds(proxy), QStringList{QStringLiteral("in-0002")});
    proxy.setFilterText(QStringLiteral("nothing like this"));
    QCOMPARE(proxy.rowCount(), 0);
    proxy.setFilterText(QString());
    QCOMPARE(proxy.rowCount(), 3);
}

void SortFilterModelTest::proxyFilterAppliesToAppendedRows()
{
    MessageTableModel model;
    MessageSortFilterModel proxy;
    proxy.setSourceModel(&model);
    proxy.setFilterText(QStringLiteral("keep"));
    QSignalSpy inserted(&proxy, &QAbstractItemModel::rowsInserted);

    model.appendMessages({textMessage(1, 0, QStringLiteral("keep")), textMessage(2, 1, QStringLiteral("drop")),
                          textMessage(3, 2, QStringLiteral("keep too"))});

    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 0);
    QCOMPARE(inserted.at(0).at(2).toInt(), 1);
    QCOMPARE(shownIds(proxy), (QStringList{QStringLiteral("in-0001"), QStringLiteral("in-0003")}));
}

void SortFilterModelTest::proxyWaitsWhileDynamicSortOff()
{
    MessageTableModel model;
    model.appendMessages({textMessage(1, 10, QStringLiteral("a"))});
    MessageSortFilterModel proxy;
    proxy.setSourceModel(&model);
    proxy.sort(MessageTableModel::TimeColumn, Qt::AscendingOrder);
    proxy.setDynamicSortFilter(false);
    QSignalSpy layouts(&proxy, &QAbstractItemModel::layoutChanged);

    model.appendMessages({textMessage(2, 5, QStringLiteral("b"))});
    model.appendMessages({textMessage(3, 1, QStringLiteral("c"))});
    QCOMPARE(layouts.size(), 0);
    QVERIFY(proxy.hasUnsortedRows());
    QCOMPARE(shownIds(proxy), (QStringList{QStringLiteral("in-0001"), QStringLiteral("in-0002"), QStringLiteral("in-0003")}));

    proxy.setDynamicSortFilter(true);
    QCOMPARE(layouts.size(), 1);
    QVERIFY(!proxy.hasUnsortedRows());
    QCOMPARE(shownIds(proxy), (QStringList{QStringLiteral("in-0003"), QStringLiteral("in-0002"), QStringLiteral("in-0001")}));
}

void SortFilterModelTest::proxyKeepsPersistentIndexes()
{
    MessageTableModel model;
    model.appendMessages(messages(0, 30));
    MessageSortFilterModel proxy;
    proxy.setSourceModel(&model);
    const QPersistentModelIndex kept(proxy.index(7, MessageTableModel::PreviewColumn));
    const QString id = proxy.index(7, MessageTableModel::MessageIdColumn).data().toString();

    proxy.sort(MessageTableModel::TimeColumn, Qt::DescendingOrder);

    QVERIFY(kept.isValid());
    QCOMPARE(kept.column(), int(MessageTableModel::PreviewColumn));
    QCOMPARE(proxy.index(kept.row(), MessageTableModel::MessageIdColumn).data().toString(), id);
}

void SortFilterModelTest::proxyMapsBothWays()
{
    MessageTableModel model;
    model.appendMessages(messages(0, 40));
    MessageSortFilterModel proxy;
    proxy.setSourceModel(&model);
    proxy.sort(MessageTableModel::TimeColumn, Qt::DescendingOrder);
    proxy.setFilterText(QStringLiteral("body 2"));

    QVERIFY(proxy.rowCount() > 0);
    for (int row = 0; row < proxy.rowCount(); ++row) {
        const QModelIndex proxyIndex = proxy.index(row, MessageTableModel::TypeColumn);
        const QModelIndex source = proxy.mapToSource(proxyIndex);
        QVERIFY(source.isValid());
        QCOMPARE(proxy.mapFromSource(source), proxyIndex);
    }
    const QModelIndex filteredOut = model.index(1, 0);
    QVERIFY(!proxy.mapFromSource(filteredOut).isValid());
}

void SortFilterModelTest::appenderCoalescesPages()
{
    MessageTableModel model;
    MessageBatchAppender appender(&model);
    appender.setInterval(std::chrono::seconds(2));
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);

    // The first page goes out on the next pass of the event loop; the pages that
    // arrive within the interval after it wait and go out together.
    appender.append(messages(0, 10));
    QCOMPARE(inserted.size(), 0);
    QTRY_COMPARE(inserted.size(), 1);
    QCOMPARE(model.rowCount(), 10);
    for (int page = 1; page < 20; ++page) {
        appender.append(messages(page * 10, 10));
        QTest::qWait(5);
    }
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(appender.pendingCount(), 190);

    QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 200, 10000);
    QCOMPARE(inserted.size(), 2);
    QCOMPARE(inserted.at(1).at(1).toInt(), 10);
    QCOMPARE(inserted.at(1).at(2).toInt(), 199);
    QCOMPARE(appender.batchCount(), 2);
    QCOMPARE(model.messageAt(199).messageId, QStringLiteral("in-0199"));
}

void SortFilterModelTest::appenderFlushAppendsRest()
{
    MessageTableModel model;
    MessageBatchAppender appender(&model);
    appender.setInterval(std::chrono::seconds(60));
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);

    appender.append(messages(0, 5));
    QTRY_COMPARE(model.rowCount(), 5);
    appender.append(messages(5, 5));
    appender.append(messages(10, 5));
    QTest::qWait(20);
    QCOMPARE(model.rowCount(), 5);
    appender.flush();

    QCOMPARE(model.rowCount(), 15);
    QCOMPARE(inserted.size(), 2);
    QCOMPARE(inserted.at(1).at(1).toInt(), 5);
    QCOMPARE(inserted.at(1).at(2).toInt(), 14);
    QCOMPARE(appender.pendingCount(), 0);
    QCOMPARE(model.messageAt(14).messageId, QStringLiteral("in-0014"));
}

void SortFilterModelTest::appenderDiscardDropsQueue()
{
    MessageTableModel model;
    MessageBatchAppender appender(&model);
    appender.setInterval(std::chrono::seconds(60));

    appender.append(messages(0, 5));
    QTRY_COMPARE(model.rowCount(), 5);
    appender.append(messages(5, 5));
    appender.discard();
    appender.flush();
    QTest::qWait(20);

    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(appender.pendingCount(), 0);
}

QTEST_MAIN(SortFilterModelTest)
#include "sortfiltermodel_test.moc"
