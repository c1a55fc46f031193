#include "apierror.h"

#include <QTest>

namespace {

ApiError httpError(int status, const QString &message, const QString &details, const QByteArray &raw = {})
{
    ApiError error;
    error.kind = ApiError::Kind::Http;
    error.httpStatus = status;
    error.serverMessage = message;
    error.serverDetails = details;
    error.rawBody = raw;
    return error;
}

} // namespace

class ApiErrorTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sentences_data();
    void sentences();
    void unauthorizedNamesRegion();
    void noEnumNames();
};

void ApiErrorTest::sentences_data()
{
    QTest::addColumn<ApiError>("error");
    QTest::addColumn<QStringList>("expectedParts");

    QTest::newRow("400 with body") << httpError(400, QStringLiteral("Bad Request"), QStringLiteral("page_size: must be positive"))
                                   << QStringList{QStringLiteral("HTTP 400"), QStringLiteral("Bad Request: page_size: must be positive")};
    QTest::newRow("401 without region")
        << httpError(401, QStringLiteral("Unauthorized"), QString())
        << QStringList{QStringLiteral("token was rejected"), QStringLiteral("other region"), QStringLiteral("The server said: Unauthorized")};
    QTest::newRow("502 html") << httpError(502, QString(), QString(), QByteArrayLiteral("<html>Bad Gateway</html>"))
                              << QStringList{QStringLiteral("HTTP 502"), QStringLiteral("<html>Bad Gateway</html>")};
    QTest::newRow("503 empty") << httpError(503, QString(), QString())
                               << QStringList{QStringLiteral("HTTP 503"), QStringLiteral("no body")};

    ApiError refused;
    refused.kind = ApiError::Kind::Network;
    refused.networkErrorText = QStringLiteral("Connection refused");
    QTest::newRow("refused") << refused << QStringList{QStringLiteral("Could not reach"), QStringLiteral("Connection refused")};

    ApiError timeout;
    timeout.kind = ApiError::Kind::Timeout;
    QTest::newRow("timeout") << timeout << QStringList{QStringLiteral("did not answer in time")};

    ApiError tls;
    tls.kind = ApiError::Kind::Tls;
    tls.networkErrorText = QStringLiteral("The issuer certificate could not be found");
    QTest::newRow("tls") << tls << QStringList{QStringLiteral("secure connection"), QStringLiteral("issuer certificate")};

    ApiError unreadable;
    unreadable.kind = ApiError::Kind::InvalidResponse;
    unreadable.parseError.reason = QStringLiteral("unterminated object");
    unreadable.parseError.offset = 10;
    unreadable.parseError.line = 2;
    unreadable.parseError.column = 4;
    unreadable.rawBody = QByteArrayLiteral("{\"results\": [");
    QTest::newRow("invalid json") << unreadable
                                  << QStringList{QStringLiteral("could not be read"), QStringLiteral("line 2, column 4"),
                                                 QStringLiteral("{\"results\": [")};

    ApiError longBody = unreadable;
    longBody.rawBody = QByteArray(ApiError::MaxRawBodyShown, 'x');
    QTest::newRow("long body quoted in part")
        << longBody << QStringList{QString(ApiError::MaxRawBodyQuoted, QLatin1Char('x')) + QChar(0x2026)};

    QTest::newRow("settings") << ApiError::invalidSettings(QStringLiteral("Enter the bot id."))
                              << QStringList{QStringLiteral("Enter the bot id.")};
}

void ApiErrorTest::sentences()
{
    QFETCH(ApiError, error);
    QFETCH(QStringList, expectedParts);

    const QString text = error.toUserText();
    for (const QString &part : expectedParts)
        QVERIFY2(text.contains(part), qPrintable(QStringLiteral("\"%1\" not in \"%2\"").arg(part, text)));
    QVERIFY(text.startsWith(error.summary()));
}

void ApiErrorTest::unauthorizedNamesRegion()
{
    ApiError error = httpError(401, QStringLiteral("Unauthorized"), QStringLiteral("Bearer token is not valid"));
    error.regionName = QStringLiteral("EU");
    const QString text = error.toUserText();
    QVERIFY(text.contains(QStringLiteral("token")));
    QVERIFY(text.contains(QStringLiteral("EU region")));
    QVERIFY(text.contains(QStringLiteral("other region")));
}

void ApiErrorTest::noEnumNames()
{
    ApiError error;
    error.kind = ApiError::Kind::Network;
    error.networkError = QNetworkReply::ConnectionRefusedError;
    error.networkErrorText = QStringLiteral("Connection refused");
    QVERIFY(!error.toUserText().contains(QStringLiteral("ConnectionRefusedError")));
    QVERIFY(!error.toUserText().contains(QStringLiteral("Kind::")));
}

QTEST_APPLESS_MAIN(ApiErrorTest)
#include "apierror_test.moc"
