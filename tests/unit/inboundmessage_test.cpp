#include "inboundmessage.h"

#include <QTest>

namespace {

InboundMessage textMessage(const QString &body)
{
    InboundMessage message;
    message.type = QStringLiteral("text");
    message.content.value = MessageContent::Text{body};
    return message;
}

} // namespace

class InboundMessageTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void previewCutsAtGraphemes_data();
    void previewCutsAtGraphemes();
    void previewByType();
    void senderLabelFallsBackToNumber();
};

void InboundMessageTest::previewCutsAtGraphemes_data()
{
    QTest::addColumn<QString>("body");
    QTest::addColumn<int>("limit");
    QTest::addColumn<QString>("expected");

    const QString ellipsis(QChar(0x2026));
    QTest::newRow("short text unchanged") << QStringLiteral("Hello") << 10 << QStringLiteral("Hello");
    QTest::newRow("plain cut") << QStringLiteral("Hello world") << 5 << QStringLiteral("Hello") + ellipsis;
    // U+1F4E6 is a surrogate pair in UTF-16; the cut must not split it.
    QTest::newRow("surrogate pair") << QStringLiteral("ab\U0001F4E6cd") << 3 << QStringLiteral("ab\U0001F4E6") + ellipsis;
    // A thumbs-up with a skin tone is one grapheme of four UTF-16 units.
    QTest::newRow("skin tone") << QStringLiteral("\U0001F44D\U0001F3FDxyz") << 1 << QStringLiteral("\U0001F44D\U0001F3FD") + ellipsis;
    // A family joined with zero-width joiners is one grapheme.
    const QString family = QStringLiteral("\U0001F468\u200D\U0001F469\u200D\U0001F467");
    QTest::newRow("joiner sequence") << family + QStringLiteral("!!") << 1 << family + ellipsis;
    QTest::newRow("combining accent") << QStringLiteral("e\u0301tude") << 1 << QStringLiteral("e\u0301") + ellipsis;
    QTest::newRow("arabic") << QStringLiteral("مرحبا بك") << 5 << QStringLiteral("مرحبا") + ellipsis;
    QTest::newRow("newlines folded") << QStringLiteral("one\ntwo") << 20 << QStringLiteral("one two");
}

void InboundMessageTest::previewCutsAtGraphemes()
{
    QFETCH(QString, body);
    QFETCH(int, limit);
    QFETCH(QString, expected);
    QCOMPARE(textMessage(body).preview(limit), expected);
}

void InboundMessageTest::previewByType()
{
    InboundMessage location;
    location.type = QStringLiteral("location");
    location.content.value = MessageContent::Location{59.5, 18.25, QStringLiteral("Pickup point"), QString(), QString()};
    QCOMPARE(location.preview(), QStringLiteral("Location: Pickup point (59.5, 18.25)"));

    InboundMessage unknown;
    unknown.type = QStringLiteral("reaction");
    QVERIFY(unknown.preview().contains(QStringLiteral("reaction")));

    InboundMessage empty;
    QCOMPARE(empty.preview(), QStringLiteral("(no message content)"));

    InboundMessage media;
    media.type = QStringLiteral("document");
    media.content.value = MessageContent::Media{QString(), QString(), QStringLiteral("Receipt"), QStringLiteral("r.pdf"), {}};
    QCOMPARE(media.preview(), QStringLiteral("[document] r.pdf Receipt"));
}

void InboundMessageTest::senderLabelFallsBackToNumber()
{
    InboundMessage message;
    message.from = QStringLiteral("+46 70 000 01 01");
    QCOMPARE(message.senderLabel(), QStringLiteral("+46 70 000 01 01"));
    message.contactName = QStringLiteral("Ada");
    QCOMPARE(message.senderLabel(), QStringLiteral("Ada"));
}

QTEST_APPLESS_MAIN(InboundMessageTest)
#include "inboundmessage_test.moc"
