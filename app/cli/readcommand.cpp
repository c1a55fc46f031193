#include "readcommand.h"

#include "apiclient.h"
#include "notificationpager.h"
#include "profilestore.h"
#include "readoutput.h"
#include "statushistoryreply.h"
#include "timestamp.h"
#include "tokenvault.h"
#include "tokenvaultreply.h"

#include <QCommandLineParser>
#include <QFile>
#include <QSettings>

#include <algorithm>
#include <limits>

namespace {

enum ExitStatus { Success = 0, RequestFailed = 1, UsageError = 2 };

} // namespace

ReadCommand::ReadCommand(QFile *output, QFile *errors, QObject *parent)
    : QObject(parent), m_output(output), m_errors(errors), m_client(new ApiClient(this))
{
}

bool ReadCommand::isReadCommand(const QStringList &arguments)
{
    if (arguments.size() < 2)
        return false;
    const QString &command = arguments.at(1);
    return command == QLatin1String("history") || command == QLatin1String("messages");
}

QString ReadCommand::unknownProfileMessage(const QString &name, const QStringList &savedNames)
{
    if (savedNames.isEmpty())
        return tr("There is no saved profile named \"%1\", and no profile is saved yet; create one in the window.")
            .arg(name);
    QStringList quoted;
    for (const QString &savedName : savedNames)
        quoted.append(QLatin1Char('"') + savedName + QLatin1Char('"'));
    return tr("There is no saved profile named \"%1\". The saved profiles are: %2.")
        .arg(name, quoted.join(QLatin1String(", ")));
}

void ReadCommand::setRegionBaseUrls(const QUrl &usBaseUrl, const QUrl &euBaseUrl)
{
    m_usBaseUrl = usBaseUrl;
    m_euBaseUrl = euBaseUrl;
}

void ReadCommand::printError(const QString &text)
{
    m_errors->write((text + QLatin1Char('\n')).toUtf8());
    m_errors->flush();
}

void ReadCommand::finish(int exitStatus)
{
    m_output->flush();
    m_errors->flush();
    Q_EMIT finished(exitStatus);
}

std::optional<int> ReadCommand::start(const QStringList &arguments)
{
    const QString command = arguments.value(1);
    QCommandLineParser parser;
    parser.setApplicationDescription(command == QLatin1String("history")
                                         ? tr("Print the ordered status history of one outbound message.")
                                         : tr("Print the inbound messages of a bot."));
    parser.addHelpOption();
    // The help of a command shows that command in its usage line, not a choice.
    parser.addPositionalArgument(command, tr("The command."), command);
    if (command == QLatin1String("history"))
        parser.addPositionalArgument(QStringLiteral("message-id"), tr("The id of the outbound message."));

    const QCommandLineOption baseUrl(QStringLiteral("base-url"), tr("Base URL of the API, e.g. a proxy or the local simulator."),
                                     QStringLiteral("url"));
    const QCommandLineOption region(QStringLiteral("region"), tr("Region of the bot: us or eu."), QStringLiteral("region"));
    const QCommandLineOption bot(QStringLiteral("bot"), tr("The bot id."), QStringLiteral("id"));
    const QCommandLineOption format(QStringLiteral("format"), tr("Output format: table or json (default: table)."),
                                    QStringLiteral("format"), QStringLiteral("table"));
    const QCommandLineOption timeout(QStringLiteral("timeout"), tr("Seconds a transfer may stall before it fails (default: 30)."),
                                     QStringLiteral("seconds"), QStringLiteral("30"));
    const QCommandLineOption jsonBody(QStringLiteral("json-body"),
                                      tr("Send the filter as a JSON body on the GET instead of query parameters."));
    const QCommandLineOption profile(QStringLiteral("profile"),
                                     tr("Take the bot, region or base URL and filter encoding from this saved profile, "
                                        "and the token from %1 or else from the profile's keychain entry.")
                                         .arg(QLatin1String(TokenVariable)),
                                     QStringLiteral("name"));
    parser.addOptions({baseUrl, region, bot, profile, format, timeout});

    const QCommandLineOption from(QStringLiteral("from"), tr("Only messages from this sender number."), QStringLiteral("msisdn"));
    const QCommandLineOption startTime(QStringLiteral("start"), tr("Earliest message time (ISO-8601, a date, or epoch seconds)."),
                                       QStringLiteral("time"));
    const QCommandLineOption endTime(QStringLiteral("end"), tr("Latest message time (ISO-8601, a date, or epoch seconds)."),
                                     QStringLiteral("time"));
    const QCommandLineOption page(QStringLiteral("page"), tr("Page to print, from 1 (default: 1)."), QStringLiteral("number"),
                                  QStringLiteral("1"));
    const QCommandLineOption pageSize(QStringLiteral("page-size"), tr("Results (callbacks) per page; a callback usually carries one message (default: 20)."),
                                      QStringLiteral("number"), QStringLiteral("20"));
    const QCommandLineOption allPages(QStringLiteral("all-pages"), tr("Print every page from --page on, until the data ends."));
    if (command == QLatin1String("messages"))
        parser.addOptions({from, startTime, endTime, page, pageSize, allPages, jsonBody});

    if (!parser.parse(arguments)) {
        printError(parser.errorText());
        printError(tr("Run with --help for the options."));
        return UsageError;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        m_output->write(parser.helpText().toUtf8());
        return Success;
    }

    const QString formatName = parser.value(format).toLower();
    if (formatName != QLatin1String("table") && formatName != QLatin1String("json")) {
        printError(tr("Invalid --format \"%1\": use table or json.").arg(parser.value(format)));
        return UsageError;
    }
    m_format = formatName == QLatin1String("json") ? Format::Json : Format::Table;

    bool timeoutOk = false;
    const int timeoutSeconds = parser.value(timeout).toInt(&timeoutOk);
    if (!timeoutOk || timeoutSeconds < 1) {
        printError(tr("Invalid --timeout \"%1\": give a whole number of seconds, 1 or more.").arg(parser.value(timeout)));
        return UsageError;
    }
    m_client->setTransferTimeout(std::chrono::seconds(timeoutSeconds));

    if (parser.isSet(profile)) {
        if (parser.isSet(baseUrl) || parser.isSet(region) || parser.isSet(bot)) {
            printError(tr("--profile sets the server and bot, so it cannot be combined with --base-url, --region "
                          "or --bot."));
            return UsageError;
        }
        if (auto status = loadProfile(parser.value(profile)))
            return status;
    } else if (auto status = parseEndpoint(parser.value(baseUrl), parser.value(region), parser.value(bot))) {
        return status;
    }

    if (command == QLatin1String("history")) {
        const QStringList positional = parser.positionalArguments();
        if (positional.size() > 2) {
            printError(tr("Unexpected argument \"%1\": history takes one message id.").arg(positional.at(2)));
            return UsageError;
        }
        if (positional.size() != 2 || positional.at(1).trimmed().isEmpty()) {
            printError(tr("Missing message id: callback-inspector history MESSAGE_ID"));
            return UsageError;
        }
        m_messageId = positional.at(1).trimmed();
        return startWithToken();
    }

    if (parser.positionalArguments().size() > 1) {
        printError(tr("Unexpected argument \"%1\".").arg(parser.positionalArguments().at(1)));
        return UsageError;
    }
    m_query.sender = parser.value(from);
    for (const auto &[option, target] : {std::pair{&startTime, &m_query.startTime}, std::pair{&endTime, &m_query.endTime}}) {
        if (!parser.isSet(*option))
            continue;
        const Timestamp time = Timestamp::parse(parser.value(*option));
        if (!time.isValid()) {
            printError(tr("Invalid --%1 \"%2\": use ISO-8601 such as 2026-11-30T08:00:00Z, a date, or epoch seconds.")
                           .arg(option->names().constFirst(), parser.value(*option)));
            return UsageError;
        }
        *target = time.utc();
    }
    for (const auto &[option, target] : {std::pair{&page, &m_query.page}, std::pair{&pageSize, &m_query.pageSize}}) {
        bool ok = false;
        // A whole number too large for an int still gets the range message.
        const qlonglong value = parser.value(*option).toLongLong(&ok);
        *target = int(std::clamp<qlonglong>(value, std::numeric_limits<int>::min(), std::numeric_limits<int>::max()));
        if (!ok) {
            printError(tr("Invalid --%1 \"%2\": it must be a whole number.")
                           .arg(option->names().constFirst(), parser.value(*option)));
            return UsageError;
        }
    }
    const QList<NotificationQuery::Problem> problems = m_query.validate();
    if (!problems.isEmpty()) {
        for (const NotificationQuery::Problem &problem : problems)
            printError(problem.message);
        return UsageError;
    }
    m_allPages = parser.isSet(allPages);
    if (parser.isSet(jsonBody))
        m_endpoint.filterEncoding = ApiEndpoint::FilterEncoding::JsonBody;
    return startWithToken();
}

std::optional<int> ReadCommand::loadProfile(const QString &name)
{
    if (!m_store) {
        // The settings file of the window: QSettings finds it by the organization
        // and application names that main() sets.
        auto *settings = new QSettings(this);
        m_store = new ProfileStore(settings, new TokenVault(this), this);
    }
    const std::optional<ConnectionProfile> profile = m_store->profile(name);
    if (!profile) {
        printError(unknownProfileMessage(name, m_store->profileNames()));
        return UsageError;
    }
    m_profileName = profile->name;
    m_endpoint = profile->toEndpoint(qEnvironmentVariable(TokenVariable), m_usBaseUrl, m_euBaseUrl);
    return std::nullopt;
}

std::optional<int> ReadCommand::startWithToken()
{
    // Only a profile can come without a token here: parseEndpoint() requires the variable.
    if (!m_endpoint.token.isEmpty() || m_profileName.isEmpty())
        return startRequests();

    TokenVaultReply *reply = m_store->tokenVault()->readToken(m_profileName, this);
    connect(reply, &TokenVaultReply::finished, this, [this, reply] { handleTokenRead(reply); });
    return std::nullopt;
}

void ReadCommand::handleTokenRead(TokenVaultReply *reply)
{
    reply->deleteLater();
    if (reply->hasError()) {
        const TokenVaultError &error = *reply->error();
        const QString hint = tr("Set the environment variable %1 to the bot's bearer token, or save the token in "
                                "the profile in the window.")
                                 .arg(QLatin1String(TokenVariable));
        switch (error.kind) {
        case TokenVaultError::Kind::NotFound:
        case TokenVaultError::Kind::NoKeychain:
            printError(error.summary() + QLatin1Char(' ') + hint);
            finish(UsageError);
            return;
        case TokenVaultError::Kind::AccessDenied:
        case TokenVaultError::Kind::InvalidRequest:
        case TokenVaultError::Kind::Failed:
            break;
        }
        printError(error.toUserText() + QLatin1Char(' ') + hint);
        finish(RequestFailed);
        return;
    }

    m_endpoint.token = reply->token();
    if (const std::optional<int> exitStatus = startRequests())
        finish(*exitStatus);
}

std::optional<int> ReadCommand::startRequests()
{
    if (const std::optional<QString> problem = m_endpoint.validate()) {
        printError(*problem);
        return UsageError;
    }
    m_client->setEndpoint(m_endpoint);
    if (!m_messageId.isEmpty())
        startHistory(m_messageId);
    else
        startMessages();
    return std::nullopt;
}

std::optional<int> ReadCommand::parseEndpoint(const QString &baseUrl, const QString &region, const QString &bot)
{
    if (!baseUrl.isEmpty() && !region.isEmpty()) {
        printError(tr("Give either --base-url or --region, not both."));
        return UsageError;
    }
    if (baseUrl.isEmpty() && region.isEmpty()) {
        printError(tr("Missing server: give --region us|eu or --base-url URL."));
        return UsageError;
    }
    if (!region.isEmpty()) {
        const std::optional<ApiEndpoint::Region> parsed = ApiEndpoint::regionFromKey(region);
        if (!parsed || *parsed == ApiEndpoint::Region::Custom) {
            printError(tr("Invalid --region \"%1\": use us or eu.").arg(region));
            return UsageError;
        }
        m_endpoint.region = *parsed;
    } else {
        m_endpoint.region = ApiEndpoint::Region::Custom;
        m_endpoint.customBaseUrl = QUrl(baseUrl, QUrl::StrictMode);
    }

    if (bot.isEmpty()) {
        printError(tr("Missing bot id: give --bot ID."));
        return UsageError;
    }
    m_endpoint.botId = bot;
    m_endpoint.token = qEnvironmentVariable(TokenVariable);
    if (m_endpoint.token.isEmpty()) {
        printError(tr("Missing token: set the environment variable %1 to the bot's bearer token.")
                       .arg(QLatin1String(TokenVariable)));
        return UsageError;
    }
    if (const std::optional<QString> problem = m_endpoint.validate()) {
        printError(*problem);
        return UsageError;
    }
    m_client->setEndpoint(m_endpoint);
    return std::nullopt;
}

void ReadCommand::startHistory(const QString &messageId)
{
    StatusHistoryReply *reply = m_client->fetchStatusHistory(messageId, this);
    connect(reply, &ApiReply::finished, this, [this, reply, messageId] {
        reply->deleteLater();
        if (reply->hasError()) {
            printError(reply->error()->toUserText());
            finish(RequestFailed);
            return;
        }
        const StatusTimeline timeline = StatusTimeline::build(reply->reports());
        if (m_format == Format::Json)
            m_output->write(ReadOutput::historyJson(messageId, timeline));
        else
            m_output->write(ReadOutput::historyTable(messageId, timeline).toUtf8());
        finish(Success);
    });
}

void ReadCommand::startMessages()
{
    m_pager = new NotificationPager(m_client, this);
    connect(m_pager, &NotificationPager::pageLoaded, this,
            [this](int pageNumber, const QList<InboundMessage> &messages, int messagesWithProblems) {
                m_messageCount += int(messages.size());
                if (m_format == Format::Json) {
                    m_output->write(ReadOutput::messagesJsonLines(messages));
                } else {
                    m_output->write(ReadOutput::messagesTable(messages, !m_headerPrinted).toUtf8());
                    m_headerPrinted = true;
                }
                m_output->flush();
                if (messagesWithProblems > 0)
                    printError(tr("Page %1: %2 messages with unreadable parts.").arg(pageNumber).arg(messagesWithProblems));

                if (m_allPages && m_pager->hasNextPage()) {
                    m_pager->nextPage();
                    return;
                }
                finish(Success);
            });
    connect(m_pager, &NotificationPager::pageWarning, this,
            [this](int, const QString &message) { printError(tr("Warning: %1").arg(message)); });
    connect(m_pager, &NotificationPager::endReached, this, [this](int, const QString &message) {
        printError(tr("Warning: %1").arg(message));
        finish(Success);
    });
    connect(m_pager, &NotificationPager::loadFailed, this, [this](int pageNumber, const ApiError &error) {
        printError(tr("Page %1 failed. %2").arg(pageNumber).arg(error.toUserText()));
        finish(RequestFailed);
    });
    m_pager->search(m_query);
}
