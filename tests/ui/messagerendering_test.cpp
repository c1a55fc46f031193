#include "callbackparser.h"
#include "messagehtmlrenderer.h"
#include "whatsappformatter.h"

#include <QFile>
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>
#include <QTimeZone>

namespace {

QList<InboundMessage> fixtureMessages()
{
    QFile file(QStringLiteral(FIXTURES_DIR "/notifications-mixed-types.json"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open fixture %s", qPrintable(file.fileName()));
    CallbackParser::NotificationPage page;
    const std::optional<ParseError> error = CallbackParser::parseNotificationPage(file.readAll(), &page);
    if (error)
        qFatal("fixture does not parse: %s", qPrintable(error->toString()));
    return page.messages;
}

InboundMessage fixtureMessage(const QString &messageId)
{
    const QList<InboundMessage> messages = fixtureMessages();
    for (const InboundMessage &message : messages) {
        if (message.messageId == messageId)
            return message;
    }
    qFatal("no fixture message %s", qPrintable(messageId));
    return {};
}

// The text a reader sees once the HTML is laid out.
QString visibleText(const QString &html)
{
    QTextDocument document;
    document.setHtml(html);
    return document.toPlainText();
}

const QDateTime Now(QDate(2026, 12, 3), QTime(12, 0), QTimeZone::utc());

} // namespace

class MessageRenderingTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void formatting_data();
    void formatting();
    void everyFixtureTypeRenders_data();
    void everyFixtureTypeRenders();
    void valuesAreEscaped();
    void mediaExpiry();
    void linksOnlyForHttp();
    void rightToLeftBodyKeepsItsBlock();
    void unknownTypeSaysSo();
};

void MessageRenderingTest::formatting_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("html");

    QTest::newRow("plain") << QStringLiteral("Hello") << QStringLiteral("Hello");
    QTest::newRow("bold") << QStringLiteral("order *#4711* now") << QStringLiteral("order <b>#4711</b> now");
    QTest::newRow("italic") << QStringLiteral("_check_ it") << QStringLiteral("<i>check</i> it");
    QTest::newRow("strike") << QStringLiteral("~old~ new") << QStringLiteral("<s>old</s> new");
    QTest::newRow("nested") << QStringLiteral("*_both_*") << QStringLiteral("<b><i>both</i></b>");
    QTest::newRow("snake case stays") << QStringLiteral("use snake_case_names") << QStringLiteral("use snake_case_names");
    QTest::newRow("arithmetic stays") << QStringLiteral("2*3*4") << QStringLiteral("2*3*4");
    QTest::newRow("space inside marker stays") << QStringLiteral("a * b * c") << QStringLiteral("a * b * c");
    QTest::newRow("marker does not span lines") << QStringLiteral("*one\ntwo*") << QStringLiteral("*one<br/>two*");
    QTest::newRow("code") << QStringLiteral("run ```ls *x*``` now")
                          << QStringLiteral("run <code style=\"white-space: pre-wrap;\">ls *x*</code> now");
    QTest::newRow("multi-line code") << QStringLiteral("```a\nb```")
                                     << QStringLiteral("<code style=\"white-space: pre-wrap;\">a<br/>b</code>");
    QTest::newRow("unpaired fence") << QStringLiteral("```open") << QStringLiteral("```open");
    QTest::newRow("escaped") << QStringLiteral("<b>&\"") << QStringLiteral("&lt;b&gt;&amp;&quot;");
    QTest::newRow("escaped inside bold") << QStringLiteral("*<i>*") << QStringLiteral("<b>&lt;i&gt;</b>");
    QTest::newRow("emoji") << QStringLiteral("*\U0001F44D\U0001F3FD ok*") << QStringLiteral("<b>\U0001F44D\U0001F3FD ok</b>");
    QTest::newRow("arabic") << QStringLiteral("*مرحبا*") << QStringLiteral("<b>مرحبا</b>");
}

void MessageRenderingTest::formatting()
{
    QFETCH(QString, text);
    QFETCH(QString, html);
    QCOMPARE(WhatsAppFormatter::toHtml(text), html);
}

void MessageRenderingTest::everyFixtureTypeRenders_data()
{
    QTest::addColumn<QString>("messageId");
    QTest::addColumn<QStringList>("expectedTexts");

    QTest::newRow("text") << QStringLiteral("01HZX0TEXT000000000000001")
                          << QStringList{QStringLiteral("Hi! My order #4711 hasn't arrived yet"),
                                         QStringLiteral("\u2068Ada Lindqvist\u2069 (46700000101)")};
    QTest::newRow("location") << QStringLiteral("01HZX0LOC0000000000000002")
                              << QStringList{QStringLiteral("Pickup point"), QStringLiteral("Drottninggatan 1, Stockholm"),
                                             QStringLiteral("59.332600, 18.064900")};
    QTest::newRow("image") << QStringLiteral("01HZX0IMG0000000000000003")
                           << QStringList{QStringLiteral("Image"), QStringLiteral("The parcel arrived damaged"),
                                          QStringLiteral("image/jpeg"), QStringLiteral("Forwarded by the user."),
                                          QStringLiteral("https://media.example.invalid/abc/photo.jpg")};
    QTest::newRow("document") << QStringLiteral("01HZX0DOC0000000000000004")
                              << QStringList{QStringLiteral("receipt-4711.pdf"), QStringLiteral("application/pdf")};
    QTest::newRow("contacts") << QStringLiteral("01HZX0CON0000000000000005")
                              << QStringList{QStringLiteral("Cecilia Berg"), QStringLiteral("+46 70 000 01 99"),
                                             QStringLiteral("cecilia@example.invalid"), QStringLiteral("Example AB")};
    QTest::newRow("button") << QStringLiteral("01HZX0BTN0000000000000006")
                            << QStringList{QStringLiteral("Quick-reply button pressed"), QStringLiteral("Track my order"),
                                           QStringLiteral("TRACK_ORDER"), QStringLiteral("01HZX0OUT0000000000000A01")};
    QTest::newRow("interactive button") << QStringLiteral("01HZX0IBT0000000000000007")
                                        << QStringList{QStringLiteral("Reply button chosen"),
                                                       QStringLiteral("Yes, reschedule"), QStringLiteral("yes-1")};
    QTest::newRow("interactive list") << QStringLiteral("01HZX0ILS0000000000000008")
                                      << QStringList{QStringLiteral("List item chosen"), QStringLiteral("Friday 10-12"),
                                                     QStringLiteral("Home delivery")};
    QTest::newRow("error") << QStringLiteral("01HZX0ERR0000000000000009")
                           << QStringList{QStringLiteral("could not process"),
                                          QStringLiteral("without its quick reply buttons"),
                                          QStringLiteral("(id missing) from demo-bot")};
    QTest::newRow("referral") << QStringLiteral("01HZX0REF0000000000000010")
                              << QStringList{QStringLiteral("Winter sale"), QStringLiteral("advertisement"),
                                             QStringLiteral("Frequently forwarded"),
                                             QStringLiteral("https://ads.example.invalid/1234567890")};
    QTest::newRow("sticker") << QStringLiteral("01HZX0STK0000000000000011")
                             << QStringList{QStringLiteral("Sticker"), QStringLiteral("Parcels"), QStringLiteral("image/webp")};
}

void MessageRenderingTest::everyFixtureTypeRenders()
{
    QFETCH(QString, messageId);
    QFETCH(QStringList, expectedTexts);

    const QString text = visibleText(MessageHtmlRenderer::render(fixtureMessage(messageId), TimeFormatter::Zone::Utc, Now));
    QVERIFY2(text.contains(messageId), qPrintable(text));
    for (const QString &expected : expectedTexts)
        QVERIFY2(text.contains(expected), qPrintable(expected + QStringLiteral(" missing in:\n") + text));
}

void MessageRenderingTest::valuesAreEscaped()
{
    InboundMessage message;
    message.messageId = QStringLiteral("<script>id</script>");
    message.from = QStringLiteral("46700000101");
    message.contactName = QStringLiteral("<b>Eve</b>");
    message.type = QStringLiteral("text");
    message.content.value = MessageContent::Text{QStringLiteral("<img src=x> & <a href=\"y\">z</a>")};

    const QString html = MessageHtmlRenderer::render(message, TimeFormatter::Zone::Utc, Now);
    QVERIFY(!html.contains(QStringLiteral("<script>")));
    QVERIFY(!html.contains(QStringLiteral("<img")));
    QVERIFY(!html.contains(QStringLiteral("<b>Eve")));
    QVERIFY(!html.contains(QStringLiteral("href=\"y\"")));

    const QString text = visibleText(html);
    QVERIFY2(text.contains(QStringLiteral("<img src=x> & <a href=\"y\">z</a>")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("<script>id</script>")), qPrintable(text));
}

void MessageRenderingTest::mediaExpiry()
{
    const InboundMessage image = fixtureMessage(QStringLiteral("01HZX0IMG0000000000000003"));
    const QString fresh = visibleText(MessageHtmlRenderer::render(image, TimeFormatter::Zone::Utc, Now));
    QVERIFY2(fresh.contains(QStringLiteral("Media URLs expire 7 days after the message was sent.")), qPrintable(fresh));
    QVERIFY2(fresh.contains(QStringLiteral("This one expires on 2026-12-07 09:01:00 UTC.")), qPrintable(fresh));

    const QString old = visibleText(MessageHtmlRenderer::render(image, TimeFormatter::Zone::Utc, Now.addDays(30)));
    QVERIFY2(old.contains(QStringLiteral("This one expired on 2026-12-07 09:01:00 UTC.")), qPrintable(old));
}

void MessageRenderingTest::linksOnlyForHttp()
{
    InboundMessage message;
    message.messageId = QStringLiteral("in-1");
    message.type = QStringLiteral("image");
    message.content.value = MessageContent::Media{QStringLiteral("file:///etc/passwd"), QStringLiteral("image/png"), {}, {}, {}};
    const QString html = MessageHtmlRenderer::render(message, TimeFormatter::Zone::Utc, Now);
    QVERIFY(!html.contains(QStringLiteral("href")));
    QVERIFY(visibleText(html).contains(QStringLiteral("file:///etc/passwd")));

    message.content.value = MessageContent::Media{QStringLiteral("https://media.example.invalid/a.png"), {}, {}, {}, {}};
    QVERIFY(MessageHtmlRenderer::render(message, TimeFormatter::Zone::Utc, Now)
                .contains(QStringLiteral("href=\"https://media.example.invalid/a.png\"")));
}

void MessageRenderingTest::rightToLeftBodyKeepsItsBlock()
{
    InboundMessage message;
    message.messageId = QStringLiteral("in-rtl");
    message.type = QStringLiteral("text");
    const QString body = QStringLiteral("שלום, ההזמנה שלי עדיין לא הגיעה");
    message.content.value = MessageContent::Text{body};

    QTextDocument document;
    document.setHtml(MessageHtmlRenderer::render(message, TimeFormatter::Zone::Utc, Now));
    bool found = false;
    for (QTextBlock block = document.begin(); block.isValid(); block = block.next()) {
        if (block.text() != body)
            continue;
        found = true;
        QCOMPARE(block.textDirection(), Qt::RightToLeft);
    }
    QVERIFY2(found, qPrintable(document.toPlainText()));
}

void MessageRenderingTest::unknownTypeSaysSo()
{
    InboundMessage message;
    message.messageId = QStringLiteral("in-unknown");
    message.type = QStringLiteral("reaction");
    const QString text = visibleText(MessageHtmlRenderer::render(message, TimeFormatter::Zone::Utc, Now));
    QVERIFY2(text.contains(QStringLiteral("\"reaction\"")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("raw JSON")), qPrintable(text));
}

QTEST_MAIN(MessageRenderingTest)
#include "messagerendering_test.moc"
