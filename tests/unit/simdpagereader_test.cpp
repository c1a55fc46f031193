// Compares the two readers of notification pages: SimdPageReader, which reads the
// common shape with simdjson, and the QJsonDocument reading of CallbackParser
// (parseCallbacks() uses only the latter). Every message must come out the same
// from both, on the fixture, on generated pages with and without the simulator's
// quirks, and on bodies made to catch the places where the two JSON parsers differ.

#include "callbackparser.h"
#include "callbackresponsewriter.h"
#include "simdpagereader.h"
#include "simulateddataset.h"

#include <QFile>
#include <QTest>

namespace {

QByteArray fixture(const QString &name)
{
    QFile file(QStringLiteral(FIXTURES_DIR "/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open fixture %s", qPrintable(name));
    return file.readAll();
}

// The pages of a generated data set, 100 callbacks each.
QList<QByteArray> generatedPages(CallbackStoreSimulator::Quirks quirks, quint32 seed)
{
    SimulatedDataSet::Options options;
    options.seed = seed;
    options.referenceTime = QDateTime(QDate(2026, 11, 30), QTime(12, 0), Qt::UTC);
    options.inboundCount = 700;
    const SimulatedDataSet data = SimulatedDataSet::generate(options);
    const CallbackResponseWriter writer(quirks);

    QList<QByteArray> pages;
    for (int page = 1;; ++page) {
        SimulatorQuery query;
        query.startTime = options.referenceTime.addYears(-60);
        query.endTime = options.referenceTime.addDays(1);
        query.page = page;
        query.pageSize = 100;
        const QByteArray body = writer.notificationsPage(data, query);
        if (body.contains("\"results\":[]"))
            break;
        pages.append(body);
    }
    return pages;
}

// The messages of a body read with QJsonDocument only.
QList<InboundMessage> slowMessages(const QByteArray &body)
{
    QList<Callback> callbacks;
    if (CallbackParser::parseCallbacks(body, &callbacks))
        return {};
    QList<InboundMessage> messages;
    for (const Callback &callback : std::as_const(callbacks))
        messages.append(callback.notifications);
    return messages;
}

bool sameReferral(const InboundMessage &left, const InboundMessage &right)
{
    if (!left.referral || !right.referral)
        return !left.referral && !right.referral;
    return *left.referral == *right.referral;
}

// Compares everything the parser reads; contactName comes from the page's contacts,
// which parseCallbacks() does not join to the messages.
void compareMessages(const InboundMessage &fast, const InboundMessage &slow)
{
    QCOMPARE(fast.messageId, slow.messageId);
    QCOMPARE(fast.from, slow.from);
    QCOMPARE(fast.fromDigits, slow.fromDigits);
    QCOMPARE(fast.to, slow.to);
    QCOMPARE(fast.type, slow.type);
    QCOMPARE(fast.timestamp.state(), slow.timestamp.state());
    QCOMPARE(fast.timestamp.raw(), slow.timestamp.raw());
    QCOMPARE(fast.timestamp.toMSecsSinceEpoch(), slow.timestamp.toMSecsSinceEpoch());
    QVERIFY(fast.content == slow.content);
    QVERIFY(fast.replyingTo == slow.replyingTo);
    QVERIFY(sameReferral(fast, slow));
    QCOMPARE(fast.forwarded, slow.forwarded);
    QCOMPARE(fast.frequentlyForwarded, slow.frequentlyForwarded);
    QCOMPARE(fast.problems, slow.problems);
    QCOMPARE(fast.rawJson(), slow.rawJson());
}

struct Comparison
{
    int pages = 0;
    int pagesReadBySimdjson = 0;
    int messages = 0;
    int readBySimdjson = 0;
};

// Reads body both ways and compares each message, counting what the simdjson
// reader read by itself.
void compareBody(const QByteArray &body, Comparison *comparison)
{
    const QList<InboundMessage> slow = slowMessages(body);

    CallbackParser::NotificationPage page;
    QVERIFY(!CallbackParser::parseNotificationPage(body, &page));
    QCOMPARE(page.messages.size(), slow.size());
    for (qsizetype i = 0; i < slow.size(); ++i) {
        compareMessages(page.messages.at(i), slow.at(i));
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(page.messages.at(i).callbackIndex, slow.at(i).callbackIndex);
        QCOMPARE(page.messages.at(i).notificationIndex, slow.at(i).notificationIndex);
        // Reading the message again from its place in the body gives it once more.
        const InboundMessage &message = page.messages.at(i);
        if (message.rawOffset < 0)
            continue;
        compareMessages(CallbackParser::parseNotification(message.pageBody, message.rawOffset, message.rawLength),
                        slow.at(i));
        if (QTest::currentTestFailed())
            return;
    }

    ++comparison->pages;
    comparison->messages += int(slow.size());
    SimdPageReader::Page simdPage;
    if (!SimdPageReader::readPage(body, &simdPage))
        return;
    ++comparison->pagesReadBySimdjson;
    QCOMPARE(simdPage.notifications.size(), slow.size());
    for (qsizetype i = 0; i < slow.size(); ++i) {
        const SimdPageReader::Notification &entry = simdPage.notifications.at(i);
        QCOMPARE(body.mid(entry.offset, 1), QByteArray("{"));
        QCOMPARE(body.mid(entry.offset + entry.length - 1, 1), QByteArray("}"));
        if (entry.message) {
            ++comparison->readBySimdjson;
            InboundMessage message = *entry.message;
            message.pageBody = body;
            message.rawOffset = int(entry.offset);
            message.rawLength = int(entry.length);
            compareMessages(message, slow.at(i));
            if (QTest::currentTestFailed())
                return;
        }
    }
}

QByteArray page(const QByteArray &notification)
{
    return "{\"results\":[{\"contacts\":[{\"profile\":{\"name\":\"Ana\"},\"wa_id\":\"46700000001\"}],"
           "\"notifications\":["
        + notification + "]}]}";
}

const QByteArray plainMessage = R"({"message_id":"m1","from":"46700000001","to":"bot","timestamp":"2026-11-30T08:15:02.123Z","message":{"type":"text","body":"hi"}})";

} // namespace

class SimdPageReaderTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fixtureReadsTheSame();
    void generatedPagesReadTheSame_data();
    void generatedPagesReadTheSame();
    void oddBodiesReadTheSame_data();
    void oddBodiesReadTheSame();
    void notValidJsonIsAnErrorFromBoth_data();
    void notValidJsonIsAnErrorFromBoth();
    void offsetOutsideTheBodyGivesAnEmptyMessage();
};

void SimdPageReaderTest::fixtureReadsTheSame()
{
    Comparison comparison;
    compareBody(fixture(QStringLiteral("notifications-mixed-types.json")), &comparison);
    QVERIFY(comparison.messages > 0);
}

void SimdPageReaderTest::generatedPagesReadTheSame_data()
{
    using Quirk = CallbackStoreSimulator::Quirk;
    QTest::addColumn<CallbackStoreSimulator::Quirks>("quirks");
    // The share of messages, in percent, that simdjson must read by itself, so that
    // the comparison covers that reader. Shared contacts, group events, sticker
    // metadata and referrals, and with partial data every message with a problem,
    // go to the QJsonDocument reading.
    QTest::addColumn<int>("minimumPercent");
    QTest::newRow("clean") << CallbackStoreSimulator::Quirks() << 90;
    QTest::newRow("epoch times") << CallbackStoreSimulator::Quirks(Quirk::EpochTimes) << 90;
    QTest::newRow("offset times") << CallbackStoreSimulator::Quirks(Quirk::OffsetTimes) << 90;
    QTest::newRow("missing times") << CallbackStoreSimulator::Quirks(Quirk::MissingTimes) << 90;
    QTest::newRow("messy numbers") << CallbackStoreSimulator::Quirks(Quirk::MessyNumbers) << 90;
    QTest::newRow("partial data") << CallbackStoreSimulator::Quirks(Quirk::PartialData) << 25;
    QTest::newRow("all of them") << (Quirk::EpochTimes | Quirk::OffsetTimes | Quirk::MissingTimes | Quirk::MessyNumbers
                                     | Quirk::PartialData)
                                 << 25;
}

void SimdPageReaderTest::generatedPagesReadTheSame()
{
    QFETCH(CallbackStoreSimulator::Quirks, quirks);
    QFETCH(int, minimumPercent);
    Comparison comparison;
    for (quint32 seed : {1u, 7u}) {
        const QList<QByteArray> pages = generatedPages(quirks, seed);
        QVERIFY(pages.size() >= 5);
        for (const QByteArray &body : pages) {
            compareBody(body, &comparison);
            if (QTest::currentTestFailed())
                return;
        }
    }
    qInfo("%d of %d messages read by simdjson alone", comparison.readBySimdjson, comparison.messages);
    QCOMPARE(comparison.pagesReadBySimdjson, comparison.pages);
    QVERIFY2(comparison.readBySimdjson * 100 >= comparison.messages * minimumPercent,
             "too few messages read by simdjson for the comparison to cover it");
}

void SimdPageReaderTest::oddBodiesReadTheSame_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("plain") << page(plainMessage);
    QTest::newRow("repeated key") << page(R"({"message_id":"m1","message_id":"m2","from":"4670","message":{"type":"text","body":"a"}})");
    QTest::newRow("repeated key inside the content")
        << page(R"({"message_id":"m1","from":"4670","message":{"type":"text","body":"a","body":"b"}})");
    QTest::newRow("escaped key") << page(R"({"message_id":"m1","from":"4670","message":{"type":"text","b\u006fdy":"a"}})");
    QTest::newRow("escapes in text")
        << page(R"({"message_id":"m\"1","from":"4670","message":{"type":"text","body":"line\nnext \u00e9 \ud83d\ude00 \/"}})");
    QTest::newRow("number as text") << page(R"({"message_id":1e3,"from":"4670","message":{"type":"text","body":"a"}})");
    QTest::newRow("big integer")
        << page(R"({"message_id":"m1","from":"4670","message":{"type":"location","latitude":123456789012345678901234567890}})");
    QTest::newRow("integer coordinates")
        << page(R"({"message_id":"m1","from":"4670","message":{"type":"location","latitude":59,"longitude":-18}})");
    QTest::newRow("null flag") << page(R"({"message_id":"m1","from":"4670","forwarded":null,"message":{"type":"text"}})");
    QTest::newRow("flag as number") << page(R"({"message_id":"m1","from":"4670","forwarded":1,"message":{"type":"text"}})");
    QTest::newRow("missing id") << page(R"({"from":"4670","message":{"type":"text","body":"a"}})");
    QTest::newRow("empty type") << page(R"({"message_id":"m1","from":"4670","message":{"type":""}})");
    QTest::newRow("unknown type") << page(R"({"message_id":"m1","from":"4670","message":{"type":"poll","x":[1,{"y":2}]}})");
    QTest::newRow("reply without id") << page(R"({"message_id":"m1","from":"4670","replying_to":{"from":"bot"},"message":{"type":"text"}})");
    QTest::newRow("reply as text") << page(R"({"message_id":"m1","from":"4670","replying_to":"m0","message":{"type":"text"}})");
    QTest::newRow("interactive reply")
        << page(R"({"message_id":"m1","from":"4670","message":{"type":"interactive","message":{"type":"list","id":"a","title":"T"}}})");
    QTest::newRow("interactive without reply") << page(R"({"message_id":"m1","from":"4670","message":{"type":"interactive"}})");
    QTest::newRow("invalid time") << page(R"({"message_id":"m1","from":"4670","timestamp":"soon","message":{"type":"text"}})");
    QTest::newRow("epoch seconds") << page(R"({"message_id":"m1","from":"4670","timestamp":1764490502,"message":{"type":"text"}})");
    QTest::newRow("epoch milliseconds")
        << page(R"({"message_id":"m1","from":"4670","timestamp":1764490502123,"message":{"type":"text"}})");
    QTest::newRow("fractional epoch") << page(R"({"message_id":"m1","from":"4670","timestamp":1764490502.5,"message":{"type":"text"}})");
    QTest::newRow("negative epoch") << page(R"({"message_id":"m1","from":"4670","timestamp":-1e300,"message":{"type":"text"}})");
    QTest::newRow("null time") << page(R"({"message_id":"m1","from":"4670","timestamp":null,"message":{"type":"text"}})");
    QTest::newRow("many fields")
        << page(R"({"message_id":"m1","from":"4670","message":{"type":"text","body":"a"},)"
                R"("a1":1,"a2":1,"a3":1,"a4":1,"a5":1,"a6":1,"a7":1,"a8":1,"a9":1,"a10":1,"a11":1,"a12":1,"a13":1,)"
                R"("a14":1,"a15":1,"a16":1,"a17":1,"a18":1,"a19":1,"a20":1,"a21":1,"a22":1,"a23":1,"a24":1,"a25":1,)"
                R"("a26":1,"a27":1,"a28":1,"a29":1,"a30":1,"a31":1,"a32":1,"a33":1})");
    QTest::newRow("null notifications") << QByteArray(R"({"results":[{"notifications":null},{"notifications":[)" + plainMessage + "]}]}");
    QTest::newRow("repeated notifications key")
        << QByteArray(R"({"results":[{"notifications":[],"notifications":[)" + plainMessage + "]}]}");
    QTest::newRow("repeated results key") << QByteArray(R"({"results":[],"results":[{"notifications":[)" + plainMessage + "]}]}");
    QTest::newRow("escaped results key") << QByteArray(R"({"res\u0075lts":[{"notifications":[)" + plainMessage + "]}]}");
    QTest::newRow("white space") << QByteArray("{ \"results\" : [ { \"notifications\" : [ " + plainMessage + " ,\n\t"
                                               + plainMessage + " ] } ] }");
}

void SimdPageReaderTest::oddBodiesReadTheSame()
{
    QFETCH(QByteArray, body);
    Comparison comparison;
    compareBody(body, &comparison);
}

void SimdPageReaderTest::notValidJsonIsAnErrorFromBoth_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("bad literal where nothing reads") << page(plainMessage).replace("}]}]}", "}],\"x\":tru}]}");
    QTest::newRow("cut") << page(plainMessage).left(80);
    QTest::newRow("huge number") << page(R"({"message_id":"m1","from":"4670","message":{"type":"location","latitude":1e400}})");
    QTest::newRow("trailing comma") << page(plainMessage + ",");
    QTest::newRow("not an object") << QByteArray("[1,2]");
    QTest::newRow("results not an array") << QByteArray(R"({"results":{}})");
    QTest::newRow("notification not an object") << QByteArray(R"({"results":[{"notifications":[1]}]})");
}

void SimdPageReaderTest::notValidJsonIsAnErrorFromBoth()
{
    QFETCH(QByteArray, body);
    CallbackParser::NotificationPage page;
    QVERIFY(CallbackParser::parseNotificationPage(body, &page));
    QList<Callback> callbacks;
    QVERIFY(CallbackParser::parseCallbacks(body, &callbacks));
    SimdPageReader::Page simdPage;
    QVERIFY(!SimdPageReader::readPage(body, &simdPage));
}

void SimdPageReaderTest::offsetOutsideTheBodyGivesAnEmptyMessage()
{
    const QByteArray body = page(plainMessage);
    QVERIFY(CallbackParser::parseNotification(body, 10, int(body.size())).messageId.isEmpty());
    QVERIFY(CallbackParser::parseNotification(body, -1, 5).messageId.isEmpty());
    const qsizetype start = body.indexOf("{\"message_id\"");
    QCOMPARE(CallbackParser::parseNotification(body, int(start), int(plainMessage.size())).messageId, QStringLiteral("m1"));
}

QTEST_GUILESS_MAIN(SimdPageReaderTest)
#include "simdpagereader_test.moc"
