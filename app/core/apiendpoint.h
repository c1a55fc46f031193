#pragma once

#include <QCoreApplication>
#include <QString>
#include <QUrl>

#include <optional>

// Connection settings of the client: the base URL (by region or custom), the bot id and the token.
class ApiEndpoint
{
    Q_DECLARE_TR_FUNCTIONS(ApiEndpoint)

public:
    enum class Region { Us, Eu, Custom };
    enum class FilterEncoding { QueryString, JsonBody };

    static QUrl productionBaseUrl(Region region);
    static QString regionName(Region region);
    // "us", "eu" or "custom", as stored in settings and typed on the command line.
    static QString regionKey(Region region);
    static std::optional<Region> regionFromKey(const QString &key);

    Region region = Region::Eu;
    QUrl customBaseUrl;
    // The base URLs behind the US and EU choices. They are the production servers
    // unless the demo or a test points them at the local simulator.
    QUrl usBaseUrl = productionBaseUrl(Region::Us);
    QUrl euBaseUrl = productionBaseUrl(Region::Eu);
    QString botId;
    QString token;
    FilterEncoding filterEncoding = FilterEncoding::QueryString;

    QUrl baseUrl() const;
    QUrl notificationsUrl() const;
    QUrl statusUrl(const QString &messageId) const;

    // Why no request can be sent with these settings, or nothing when they are usable.
    // Plain http is accepted for loopback addresses only, so a token never crosses a
    // network unencrypted.
    std::optional<QString> validate() const;

    static bool isLoopbackHost(const QString &host);

private:
    QUrl endpointUrl(const QString &tail) const;
};
