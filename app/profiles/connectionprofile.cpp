#include "connectionprofile.h"

namespace {

// Stand-ins that pass ApiEndpoint::validate(), so that each check below sees the
// problems of one field only.
const QString placeholderToken = QStringLiteral("placeholder-token");
const QString placeholderBotId = QStringLiteral("placeholder-bot");
const QUrl placeholderBaseUrl = QUrl(QStringLiteral("http://127.0.0.1"));

bool containsControlCharacter(const QString &text)
{
    for (const QChar character : text) {
        const QChar::Category category = character.category();
        if (category == QChar::Other_Control || category == QChar::Separator_Line
            || category == QChar::Separator_Paragraph)
            return true;
    }
    return false;
}

} // namespace

std::optional<QString> ConnectionProfile::checkName(const QString &name)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty())
        return tr("Enter a profile name.");
    if (containsControlCharacter(trimmed))
        return tr("The profile name contains a line break, tab or other control character.");
    if (trimmed.size() > MaxNameLength)
        return tr("The profile name is %1 characters long; the maximum is %2.").arg(trimmed.size()).arg(MaxNameLength);
    return std::nullopt;
}

QList<ConnectionProfile::Problem> ConnectionProfile::validate() const
{
    QList<Problem> problems;
    if (const std::optional<QString> nameProblem = checkName(name))
        problems.append({Field::Name, *nameProblem});

    ApiEndpoint botIdOnly;
    botIdOnly.region = ApiEndpoint::Region::Custom;
    botIdOnly.customBaseUrl = placeholderBaseUrl;
    botIdOnly.botId = botId;
    botIdOnly.token = placeholderToken;
    if (const std::optional<QString> botIdProblem = botIdOnly.validate())
        problems.append({Field::BotId, *botIdProblem});

    if (region == ApiEndpoint::Region::Custom) {
        ApiEndpoint urlOnly;
        urlOnly.region = ApiEndpoint::Region::Custom;
        urlOnly.customBaseUrl = customBaseUrl;
        urlOnly.botId = placeholderBotId;
        urlOnly.token = placeholderToken;
        if (const std::optional<QString> urlProblem = urlOnly.validate())
            problems.append({Field::BaseUrl, *urlProblem});
    }
    return problems;
}

ApiEndpoint ConnectionProfile::toEndpoint(const QString &token, const QUrl &usBaseUrl, const QUrl &euBaseUrl) const
{
    ApiEndpoint endpoint;
    endpoint.region = region;
    endpoint.customBaseUrl = customBaseUrl;
    endpoint.usBaseUrl = usBaseUrl;
    endpoint.euBaseUrl = euBaseUrl;
    endpoint.botId = botId;
    endpoint.token = token;
    endpoint.filterEncoding = filterEncoding;
    return endpoint;
}

QString ConnectionProfile::filterEncodingKey(ApiEndpoint::FilterEncoding encoding)
{
    switch (encoding) {
    case ApiEndpoint::FilterEncoding::QueryString:
        break;
    case ApiEndpoint::FilterEncoding::JsonBody:
        return QStringLiteral("json");
    }
    return QStringLiteral("query");
}

std::optional<ApiEndpoint::FilterEncoding> ConnectionProfile::filterEncodingFromKey(const QString &key)
{
    const QString lower = key.trimmed().toLower();
    if (lower == QLatin1String("query"))
        return ApiEndpoint::FilterEncoding::QueryString;
    if (lower == QLatin1String("json"))
        return ApiEndpoint::FilterEncoding::JsonBody;
    return std::nullopt;
}
