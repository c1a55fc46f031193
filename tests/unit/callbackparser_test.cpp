#include "callbackparser.h"

#include <QFile>
#include <QTest>

namespace {

QByteArray readFixture(const QString &name)
{
    QFile file(QStringLiteral(FIXTURES_DIR "/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open fixture %s", qPrintable(name));
    return file.readAll();
}

template <typename T>
const T *contentAs(const InboundMessage &message)
{
    return std::get_if<T>(&message.content.value);
}

} // namespace

class CallbackParserTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fixtures_data();
    void fixtures();
    void mixedTypesContent();
    void contactsMatchSenders();
    void rawJsonFindsNotification();
    void statusFixtureFields();
    void trailingCommaSample();
    void brokenBodies_data();
    void brokenBodies();
    void partialMessages_data();
    void partialMessages();
    void errorBodies_data();
    void errorBodies();
};

void CallbackParserTest::fixtures_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("callbacks");
    QTest::addColumn<int>("notifications");
    QTest::addColumn<int>("statuses");

    QTest::newRow("mixed types") << "notifications-mixed-types.json" << 6 << 11 << 0;
    QTest::newRow("read") << "status-history-read.json" << 5 << 0 << 5;
    QTest::newRow("failed") << "status-history-failed.json" << 3 << 0 << 3;
    QTest::newRow("out of order") << "status-history-out-of-order.json" << 4 << 0 << 5;
}

void CallbackParserTest::fixtures()
{
    QFETCH(QString, file);
    QFETCH(int, callbacks);
    QFETCH(int, notifications);
    QFETCH(int, statuses);

    QList<Callback> parsed;
    const std::optional<ParseError> error = CallbackParser::parseCallbacks(readFixture(file), &parsed);
    QVERIFY2(!error, error ? qPrintable(error->toString()) : "");
    QCOMPARE(parsed.size(), callbacks);

    int notificationCount = 0;
    int statusCount = 0;
    for (const Callback &callback : parsed) {
        QCOMPARE(callback.type, QStringLiteral("whatsapp"));
        notificationCount += int(callback.notifications.size());
        statusCount += int(callback.statuses.size());
    }
    QCOMPARE(notificationCount, notifications);
    QCOMPARE(statusCount, statuses);
}

void CallbackParserTest::mixedTypesContent()
{
    CallbackParser::NotificationPage page;
    const std::optional<ParseError> error =
        CallbackParser::parseNotificationPage(readFixture(QStringLiteral("notifications-mixed-types.json")), &page);
    QVERIFY(!error);
    QCOMPARE(page.messages.size(), 11);
    QCOMPARE(page.messagesWithProblems, 0);

    const InboundMessage &text = page.messages.at(0);
    QCOMPARE(text.type, QStringLiteral("text"));
    QCOMPARE(text.messageId, QStringLiteral("01HZX0TEXT000000000000001"));
    QCOMPARE(text.from, QStringLiteral("46700000101"));
    QCOMPARE(text.to, QStringLiteral("demo-bot"));
    QCOMPARE(text.timestamp.toIsoUtc(), QStringLiteral("2026-11-30T08:15:02.000Z"));
    QVERIFY(contentAs<MessageContent::Text>(text));
    QVERIFY(contentAs<MessageContent::Text>(text)->body.contains(QStringLiteral("*#4711*")));

    const auto *location = contentAs<MessageContent::Location>(page.messages.at(1));
    QVERIFY(location);
    QCOMPARE(location->latitude.value_or(0), 59.3326);
    QCOMPARE(location->longitude.value_or(0), 18.0649);
    QCOMPARE(location->name, QStringLiteral("Pickup point"));
    QCOMPARE(page.messages.at(1).timestamp.toIsoUtc(), QStringLiteral("2026-11-30T08:16:40.512Z"));

    const InboundMessage &image = page.messages.at(2);
    QVERIFY(image.forwarded);
    QCOMPARE(contentAs<MessageContent::Media>(image)->caption, QStringLiteral("The parcel arrived damaged"));
    QCOMPARE(contentAs<MessageContent::Media>(page.messages.at(3))->filename, QStringLiteral("receipt-4711.pdf"));

    const auto *shared = contentAs<MessageContent::SharedContacts>(page.messages.at(4));
    QVERIFY(shared);
    QCOMPARE(shared->cards.size(), 1);
    QCOMPARE(shared->cards.at(0).formattedName, QStringLiteral("Cecilia Berg"));
    QVERIFY(std::any_of(shared->cards.at(0).entries.cbegin(), shared->cards.at(0).entries.cend(), [](const auto &entry) {
        return entry.field == MessageContent::ContactCard::Field::Phone && entry.value == QStringLiteral("+46 70 000 01 99");
    }));

    const InboundMessage &button = page.messages.at(5);
    QCOMPARE(contentAs<MessageContent::Button>(button)->payload, QStringLiteral("TRACK_ORDER"));
    QVERIFY(button.replyingTo.has_value());
    QCOMPARE(button.replyingTo->messageId, QStringLiteral("01HZX0OUT0000000000000A01"));

    QCOMPARE(contentAs<MessageContent::Interactive>(page.messages.at(6))->replyType, QStringLiteral("button"));
    QCOMPARE(contentAs<MessageContent::Interactive>(page.messages.at(7))->description, QStringLiteral("Home delivery"));

    const InboundMessage &errorMessage = page.messages.at(8);
    QVERIFY(contentAs<MessageContent::Error>(errorMessage));
    QVERIFY(errorMessage.replyingTo.has_value());
    QVERIFY(errorMessage.replyingTo->messageId.isEmpty());

    const InboundMessage &referral = page.messages.at(9);
    QVERIFY(referral.frequentlyForwarded);
    QVERIFY(referral.referral != nullptr);
    QCOMPARE(referral.referral->sourceType, QStringLiteral("ad"));
    QCOMPARE(referral.referral->mediaType, QStringLiteral("image"));

    const auto *sticker = contentAs<MessageContent::Media>(page.messages.at(10));
    QVERIFY(sticker);
    QVERIFY(std::any_of(sticker->metadata.cbegin(), sticker->metadata.cend(), [](const auto &pair) {
        return pair.first == QStringLiteral("stickerpack-name") && pair.second == QStringLiteral("Parcels");
    }));
}

void CallbackParserTest::contactsMatchSenders()
{
    CallbackParser::NotificationPage page;
    QVERIFY(!CallbackParser::parseNotificationPage(readFixture(QStringLiteral("notifications-mixed-types.json")), &page));
    QCOMPARE(page.messages.at(0).contactName, QStringLiteral("Ada Lindqvist"));
    QCOMPARE(page.messages.at(1).senderLabel(), QStringLiteral("Ada Lindqvist"));
    QCOMPARE(page.messages.at(4).contactName, QStringLiteral("Bo Ek"));
    QVERIFY(page.messages.at(2).contactName.isEmpty());
    QCOMPARE(page.messages.at(2).senderLabel(), QStringLiteral("46700000102"));
}

void CallbackParserTest::statusFixtureFields()
{
    QList<DeliveryReport> reports;
    QVERIFY(!CallbackParser::parseStatusHistory(readFixture(QStringLiteral("status-history-failed.json")), &reports));
    QCOMPARE(reports.size(), 3);
    const DeliveryReport &failed = reports.at(2);
    QCOMPARE(failed.state(), DeliveryReport::State::Failed);
    QCOMPARE(failed.status, QStringLiteral("failure"));
    QCOMPARE(failed.recipient, QStringLiteral("+46700000108"));
    QCOMPARE(failed.details, QStringLiteral("Message template parameter count does not match the template"));
    QCOMPARE(failed.arrival, 2);

    QVERIFY(!CallbackParser::parseStatusHistory(readFixture(QStringLiteral("status-history-out-of-order.json")), &reports));
    QCOMPARE(reports.size(), 5);
    QVERIFY(reports.at(4).timestamp.isMissing());
    QVERIFY(reports.at(4).problems.isEmpty());
}

// The public API page's own status sample has a trailing comma. It must be
// reported with its position, not read as an empty history.
void CallbackParserTest::trailingCommaSample()
{
    QList<DeliveryReport> reports;
    const std::optional<ParseError> error =
        CallbackParser::parseStatusHistory(readFixture(QStringLiteral("status-seed-sample-trailing-comma.json")), &reports);
    QVERIFY(error.has_value());
    QVERIFY(error->offset > 0);
    QCOMPARE(error->line, 11);
    QVERIFY(error->toString().contains(QStringLiteral("line 11")));
    QVERIFY(reports.isEmpty());
}

void CallbackParserTest::brokenBodies_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("syntax");
    QTest::addColumn<QString>("path");

    QTest::newRow("empty") << QByteArray() << true << "";
    QTest::newRow("html") << QByteArray("<html><body>Bad Gateway</body></html>") << true << "";
    QTest::newRow("truncated") << QByteArray(R"({"results": [{"type": "whatsapp", "notif)") << true << "";
    QTest::newRow("invalid utf-8") << QByteArray("{\"results\": [\"\xff\xfe\"]}") << true << "";
    QTest::newRow("deep nesting") << (QByteArray(10000, '[') + QByteArray(10000, ']')) << true << "";
    QTest::newRow("top-level array") << QByteArray("[]") << false << "";
    QTest::newRow("no results") << QByteArray(R"({"data": []})") << false << "results";
    QTest::newRow("results is a string") << QByteArray(R"({"results": "none"})") << false << "results";
    QTest::newRow("results is null") << QByteArray(R"({"results": null})") << false << "results";
    QTest::newRow("callback is a number") << QByteArray(R"({"results": [42]})") << false << "results[0]";
    QTest::newRow("notifications is an object")
        << QByteArray(R"({"results": [{"notifications": {}}]})") << false << "results[0].notifications";
    QTest::newRow("status is a string")
        << QByteArray(R"({"results": [{}, {"statuses": ["read"]}]})") << false << "results[1].statuses[0]";
    QTest::newRow("contacts is a string")
        << QByteArray(R"({"results": [{"contacts": "x"}]})") << false << "results[0].contacts";
}

void CallbackParserTest::brokenBodies()
{
    QFETCH(QByteArray, body);
    QFETCH(bool, syntax);
    QFETCH(QString, path);

    QList<Callback> callbacks;
    const std::optional<ParseError> error = CallbackParser::parseCallbacks(body, &callbacks);
    QVERIFY(error.has_value());
    QCOMPARE(error->offset >= 0, syntax);
    QCOMPARE(error->path, path);
    QVERIFY(!error->reason.isEmpty());
    QVERIFY(!error->toString().isEmpty());
    QVERIFY(callbacks.isEmpty());
}

void CallbackParserTest::partialMessages_data()
{
    QTest::addColumn<QByteArray>("notification");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("problem");

    QTest::newRow("missing message") << QByteArray(R"({"from": "1", "message_id": "m"})") << "" << "message is missing";
    QTest::newRow("message is null")
        << QByteArray(R"({"from": "1", "message_id": "m", "message": null})") << "" << "message is null, not an object";
    QTest::newRow("null body") << QByteArray(R"({"from": "1", "message_id": "m", "message": {"type": "text", "body": null}})")
                               << "text" << "message.body is null";
    QTest::newRow("latitude as text")
        << QByteArray(R"({"from": "1", "message_id": "m", "message": {"type": "location", "latitude": "59.3", "longitude": 18}})")
        << "location" << "message.latitude was sent as text";
    QTest::newRow("number as sender")
        << QByteArray(R"({"from": 46700000101, "message_id": "m", "message": {"type": "text", "body": "x"}})") << "text"
        << "from was sent as a number";
    QTest::newRow("unreadable timestamp")
        << QByteArray(R"({"from": "1", "message_id": "m", "timestamp": "later", "message": {"type": "text", "body": "x"}})")
        << "text" << "timestamp \"later\" is not a date-time";
    QTest::newRow("missing id") << QByteArray(R"({"from": "1", "message": {"type": "text", "body": "x"}})") << "text"
                                << "message_id is missing";
    QTest::newRow("forwarded as text")
        << QByteArray(R"({"from": "1", "message_id": "m", "forwarded": "true", "message": {"type": "text", "body": "x"}})")
        << "text" << "forwarded was sent as text";
}

void CallbackParserTest::partialMessages()
{
    QFETCH(QByteArray, notification);
    QFETCH(QString, type);
    QFETCH(QString, problem);

    const QByteArray body = R"({"results": [{"type": "whatsapp", "notifications": [)" + notification + "]}]}";
    CallbackParser::NotificationPage page;
    const std::optional<ParseError> error = CallbackParser::parseNotificationPage(body, &page);
    QVERIFY2(!error, error ? qPrintable(error->toString()) : "");
    QCOMPARE(page.messages.size(), 1);
    QCOMPARE(page.messagesWithProblems, 1);
    QCOMPARE(page.messages.at(0).type, type);
    QVERIFY2(page.messages.at(0).problems.contains(problem), qPrintable(page.messages.at(0).problems.join(QLatin1String("; "))));
    QVERIFY(!page.messages.at(0).rawJson().isEmpty());
}

void CallbackParserTest::errorBodies_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("readable");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("details");

    QTest::newRow("400 fixture") << readFixture(QStringLiteral("error-400.json")) << true << "Bad Request"
                                 << "start_time: could not parse '2026-13-01' as an ISO-8601 date-time";
    QTest::newRow("401 fixture") << readFixture(QStringLiteral("error-401.json")) << true << "Unauthorized"
                                 << "Bearer token is not valid for this bot in this region";
    QTest::newRow("message only") << QByteArray(R"({"message": "Oops"})") << true << "Oops" << "";
    QTest::newRow("html") << QByteArray("<h1>502</h1>") << false << "" << "";
    QTest::newRow("other object") << QByteArray(R"({"error": "x"})") << false << "" << "";
    QTest::newRow("empty") << QByteArray() << false << "" << "";
}

void CallbackParserTest::errorBodies()
{
    QFETCH(QByteArray, body);
    QFETCH(bool, readable);
    QFETCH(QString, message);
    QFETCH(QString, details);

    QString parsedMessage;
    QString parsedDetails;
    QCOMPARE(CallbackParser::parseErrorBody(body, &parsedMessage, &parsedDetails), readable);
    QCOMPARE(parsedMessage, message);
    QCOMPARE(parsedDetails, details);
}

void CallbackParserTest::rawJsonFindsNotification()
{
    const QByteArray body = R"({"results": [
        {"type": "whatsapp", "notifications": [{"message_id": "a", "from": "1", "message": {"type": "text", "body": "x"}}]},
        {"type": "whatsapp", "notifications": [
            {"message_id": "b", "from": "2", "message": {"type": "text", "body": "y"}},
            {"message_id": "c", "from": "3", "message": {"type": "text", "body": "z"}}]}]})";
    CallbackParser::NotificationPage page;
    QVERIFY(!CallbackParser::parseNotificationPage(body, &page));
    QCOMPARE(page.messages.size(), 3);

    for (const InboundMessage &message : std::as_const(page.messages))
        QCOMPARE(message.rawJson().value(QLatin1String("message_id")).toString(), message.messageId);
    QCOMPARE(page.messages.at(2).rawJson().value(QLatin1String("from")).toString(), QStringLiteral("3"));
    QVERIFY(page.messages.at(2).prettyJson().contains(QStringLiteral("\"body\": \"z\"")));

    QList<Callback> callbacks;
    QVERIFY(!CallbackParser::parseCallbacks(body, &callbacks));
    QCOMPARE(callbacks.at(1).notifications.at(1).rawJson().value(QLatin1String("message_id")).toString(),
             QStringLiteral("c"));
    QVERIFY(InboundMessage().rawJson().isEmpty());
}

QTEST_APPLESS_MAIN(CallbackParserTest)
#include "callbackparser_test.moc"
