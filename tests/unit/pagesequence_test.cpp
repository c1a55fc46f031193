#include "pagesequence.h"

#include <QTest>

namespace {

InboundMessage message(const QString &id)
{
    InboundMessage result;
    result.messageId = id;
    result.type = QStringLiteral("text");
    return result;
}

// A page of one message per callback.
CallbackParser::NotificationPage page(const QStringList &ids)
{
    CallbackParser::NotificationPage result;
    for (const QString &id : ids)
        result.messages.append(message(id));
    result.callbackCount = int(ids.size());
    return result;
}

QStringList idsOf(const QList<InboundMessage> &messages)
{
    QStringList ids;
    for (const InboundMessage &each : messages)
        ids.append(each.messageId);
    return ids;
}

const QStringList FirstPage{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")};

} // namespace

class PageSequenceTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fullPageHasMore();
    void shortPageIsLast();
    void emptyPageEndsData();
    void emptyFirstPageIsLast();
    void repeatedPageEndsData();
    void repeatsOfEarlierPagesDropped();
    void messagesWithoutIdKept();
    void callbacksCountNotMessages();
    void clearForgetsPages();
    void errorEndsData_data();
    void errorEndsData();
};

void PageSequenceTest::fullPageHasMore()
{
    PageSequence sequence;
    const PageSequence::Result result = sequence.accept(1, page(FirstPage), 3, false);
    QCOMPARE(result.verdict, PageSequence::Verdict::More);
    QCOMPARE(idsOf(result.messages), FirstPage);
    QCOMPARE(result.droppedCount, 0);
}

void PageSequenceTest::shortPageIsLast()
{
    PageSequence sequence;
    sequence.accept(1, page(FirstPage), 3, false);
    const PageSequence::Result result = sequence.accept(2, page({QStringLiteral("d")}), 3, true);
    QCOMPARE(result.verdict, PageSequence::Verdict::Last);
    QCOMPARE(idsOf(result.messages), QStringList{QStringLiteral("d")});
}

void PageSequenceTest::emptyPageEndsData()
{
    PageSequence sequence;
    sequence.accept(1, page(FirstPage), 3, false);
    const PageSequence::Result result = sequence.accept(2, page({}), 3, true);
    QCOMPARE(result.verdict, PageSequence::Verdict::EmptyPastEnd);
    QVERIFY(result.messages.isEmpty());
}

void PageSequenceTest::emptyFirstPageIsLast()
{
    PageSequence sequence;
    const PageSequence::Result result = sequence.accept(1, page({}), 3, false);
    QCOMPARE(result.verdict, PageSequence::Verdict::Last);
    QVERIFY(result.messages.isEmpty());
}

void PageSequenceTest::repeatedPageEndsData()
{
    PageSequence sequence;
    sequence.accept(1, page(FirstPage), 3, false);
    const PageSequence::Result result = sequence.accept(2, page(FirstPage), 3, true);
    QCOMPARE(result.verdict, PageSequence::Verdict::Repeated);
    QVERIFY(result.messages.isEmpty());
}

void PageSequenceTest::repeatsOfEarlierPagesDropped()
{
    PageSequence sequence;
    sequence.accept(1, page(FirstPage), 3, false);
    const PageSequence::Result second =
        sequence.accept(2, page({QStringLiteral("c"), QStringLiteral("d"), QStringLiteral("e")}), 3, true);
    QCOMPARE(second.verdict, PageSequence::Verdict::More);
    QCOMPARE(idsOf(second.messages), (QStringList{QStringLiteral("d"), QStringLiteral("e")}));
    QCOMPARE(second.droppedCount, 1);

    // Going back to page 1 shows its messages again: they were first listed there.
    const PageSequence::Result again = sequence.accept(1, page(FirstPage), 3, false);
    QCOMPARE(idsOf(again.messages), FirstPage);
    QCOMPARE(again.droppedCount, 0);
}

void PageSequenceTest::messagesWithoutIdKept()
{
    PageSequence sequence;
    sequence.accept(1, page({QString(), QStringLiteral("a")}), 2, false);
    const PageSequence::Result result = sequence.accept(2, page({QString(), QStringLiteral("b")}), 2, true);
    QCOMPARE(idsOf(result.messages), (QStringList{QString(), QStringLiteral("b")}));
    QCOMPARE(result.droppedCount, 0);
}

void PageSequenceTest::callbacksCountNotMessages()
{
    // Two callbacks of the page size 2, carrying five messages: a full page.
    CallbackParser::NotificationPage content = page({QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"),
                                                     QStringLiteral("d"), QStringLiteral("e")});
    content.callbackCount = 2;
    PageSequence sequence;
    const PageSequence::Result result = sequence.accept(1, content, 2, false);
    QCOMPARE(result.verdict, PageSequence::Verdict::More);
    QCOMPARE(result.messages.size(), 5);
}

void PageSequenceTest::clearForgetsPages()
{
    PageSequence sequence;
    sequence.accept(1, page(FirstPage), 3, false);
    sequence.clear();
    const PageSequence::Result result = sequence.accept(2, page(FirstPage), 3, false);
    QCOMPARE(result.verdict, PageSequence::Verdict::More);
    QCOMPARE(idsOf(result.messages), FirstPage);
}

void PageSequenceTest::errorEndsData_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<bool>("endsData");
    QTest::newRow("400") << 400 << true;
    QTest::newRow("404") << 404 << true;
    QTest::newRow("401") << 401 << false;
    QTest::newRow("403") << 403 << false;
    QTest::newRow("429") << 429 << false;
    QTest::newRow("500") << 500 << true;
    QTest::newRow("503") << 503 << false;
}

void PageSequenceTest::errorEndsData()
{
    QFETCH(int, status);
    QFETCH(bool, endsData);
    ApiError error;
    error.kind = ApiError::Kind::Http;
    error.httpStatus = status;
    QCOMPARE(PageSequence::errorEndsData(error), endsData);

    error.kind = ApiError::Kind::Network;
    QVERIFY(!PageSequence::errorEndsData(error));
}

QTEST_MAIN(PageSequenceTest)
#include "pagesequence_test.moc"
