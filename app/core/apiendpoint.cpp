#include "apiendpoint.h"

#include <QHostAddress>

QUrl ApiEndpoint::productionBaseUrl(Region region)
{
    switch (region) {
    case Region::Us:
        return QUrl(QStringLiteral("https://us1.whatsapp.api.sinch.com"));
    case Region::Eu:
        return QUrl(QStringLiteral("https://eu1.whatsapp.api.sinch.com"));
    case Region::Custom:
        break;
    }
    return QUrl();
}

QString ApiEndpoint::regionName(Region region)
{
    switch (region) {
    case Region::Us:
        return tr("US");
    case Region::Eu:
        return tr("EU");
    case Region::Custom:
        break;
    }
    return tr("custom URL");
}

QString ApiEndpoint::regionKey(Region region)
{
    switch (region) {
    case Region::Us:
        return QStringLiteral("us");
    case Region::Eu:
        return QStringLiteral("eu");
    case Region::Custom:
        break;
    }
    return QStringLiteral("custom");
}

std::optional<ApiEndpoint::Region> ApiEndpoint::regionFromKey(const QString &key)
{
    const QString lower = key.trimmed().toLower();
    if (lower == QLatin1String("us"))
        return Region::Us;
    if (lower == QLatin1String("eu"))
        return Region::Eu;
    if (lower == QLatin1String("custom"))
        return Region::Custom;
    return std::nullopt;
}

QUrl ApiEndpoint::baseUrl() const
{
    switch (region) {
    case Region::Us:
        return usBaseUrl;
    case Region::Eu:
        return euBaseUrl;
    case Region::Custom:
        break;
    }
    return customBaseUrl;
}

QUrl ApiEndpoint::endpointUrl(const QString &tail) const
{
    QUrl url = baseUrl();
    QString path = url.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    url.setPath(path + QStringLiteral("/whatsapp/v1/") + botId + tail);
    url.setQuery(QString());
    url.setFragment(QString());
    return url;
}

QUrl ApiEndpoint::notificationsUrl() const
{
    return endpointUrl(QStringLiteral("/callbacks/notifications"));
}

QUrl ApiEndpoint::statusUrl(const QString &messageId) const
{
    return endpointUrl(QStringLiteral("/callbacks/status/") + QString::fromUtf8(QUrl::toPercentEncoding(messageId)));
}

bool ApiEndpoint::isLoopbackHost(const QString &host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

std::optional<QString> ApiEndpoint::validate() const
{
    if (botId.trimmed().isEmpty())
        return tr("Enter the bot id.");
    if (botId.contains(QLatin1Char('/')) || botId.trimmed() != botId)
        return tr("The bot id \"%1\" contains a slash or spaces.").arg(botId);
    if (token.isEmpty())
        return tr("Enter the bearer token.");

    const QUrl url = baseUrl();
    if (!url.isValid() || url.host().isEmpty())
        return tr("The base URL \"%1\" is not a valid URL; use a form like https://host.example.").arg(url.toString());
    const QString scheme = url.scheme().toLower();
    if (scheme != QLatin1String("https") && scheme != QLatin1String("http"))
        return tr("The base URL must start with https:// (found \"%1\").").arg(url.scheme());
    if (scheme == QLatin1String("http") && !isLoopbackHost(url.host()))
        return tr("Plain http:// is refused for %1 because the token would travel unencrypted; "
                  "use https://, or http:// only for 127.0.0.1 or localhost.")
            .arg(url.host());
    if (!url.userInfo().isEmpty())
        return tr("The base URL must not contain a user name or password.");
    return std::nullopt;
}
