#include "msisdn.h"

#include <QTest>

class MsisdnTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void normalize_data();
    void normalize();
    void plausibility_data();
    void plausibility();
};

void MsisdnTest::normalize_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("digits");

    QTest::newRow("digits") << "46700000101" << "46700000101";
    QTest::newRow("plus") << "+46700000101" << "46700000101";
    QTest::newRow("spaces") << "+46 70 000 01 01" << "46700000101";
    QTest::newRow("dashes") << "46-70-000-0101" << "46700000101";
    QTest::newRow("double zero") << "0046700000101" << "46700000101";
    QTest::newRow("whatsapp prefix") << "whatsapp:+46700000101" << "46700000101";
    QTest::newRow("whatsapp prefix upper case") << "WhatsApp: +46 70 000 0101" << "46700000101";
    QTest::newRow("brackets and dots") << "+1 (555) 010.0199" << "15550100199";
    QTest::newRow("surrounding space") << "  46700000101 " << "46700000101";
    QTest::newRow("letters") << "4670abc" << "";
    QTest::newRow("plus inside") << "46+700" << "";
    QTest::newRow("empty") << "" << "";
}

void MsisdnTest::normalize()
{
    QFETCH(QString, input);
    QFETCH(QString, digits);
    QCOMPARE(Msisdn::normalize(input), digits);
}

void MsisdnTest::plausibility_data()
{
    QTest::addColumn<QString>("digits");
    QTest::addColumn<bool>("plausible");

    QTest::newRow("typical") << "46700000101" << true;
    QTest::newRow("fifteen digits") << "123456789012345" << true;
    QTest::newRow("sixteen digits") << "1234567890123456" << false;
    QTest::newRow("five digits") << "12345" << false;
    QTest::newRow("not digits") << "46700a" << false;
}

void MsisdnTest::plausibility()
{
    QFETCH(QString, digits);
    QFETCH(bool, plausible);
    QCOMPARE(Msisdn::isPlausible(digits), plausible);
}

QTEST_APPLESS_MAIN(MsisdnTest)
#include "msisdn_test.moc"
