// callback-store-sim: serves a simulated Callback Store on 127.0.0.1 for
// debugging and benchmarks.

#include "callbackstoresimulator.h"
#include "simulateddataset.h"
#include "simulatorformat.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

#include <chrono>
#include <cstdio>

using namespace Qt::StringLiterals;

namespace {

const QString demoToken = u"demo-token"_s;
const char tokenVariable[] = "CALLBACK_STORE_SIM_TOKEN";

struct Settings
{
    quint16 port = 0;
    QString botId;
    QString region;
    QString token;
    QString tokenSource;
    quint32 seed = 1;
    int messageCount = 300;
    QDateTime referenceTime;
    std::chrono::milliseconds latency{0};
    CallbackStoreSimulator::Quirks quirks;
    SimulatorFault fault;
    QString fixtureDirectory;
};

void printError(const QString &text)
{
    QTextStream(stderr) << text << u'\n';
}

// Reads an integer option in [minimum, maximum], or prints why it is invalid.
std::optional<qint64> integerOption(const QCommandLineParser &parser, const QString &name,
                                    qint64 minimum, qint64 maximum)
{
    bool ok = false;
    const qint64 value = parser.value(name).toLongLong(&ok);
    if (!ok || value < minimum || value > maximum) {
        printError(u"Invalid --%1 '%2': expected an integer from %3 to %4."_s.arg(
                       name, parser.value(name))
                       .arg(minimum)
                       .arg(maximum));
        return std::nullopt;
    }
    return value;
}

std::optional<Settings> readSettings(const QCommandLineParser &parser)
{
    Settings settings;

    const auto port = integerOption(parser, u"port"_s, 0, 65535);
    const auto seed = integerOption(parser, u"seed"_s, 0, 4294967295LL);
    const auto latency = integerOption(parser, u"latency"_s, 0, 600000);
    const auto messages = integerOption(parser, u"messages"_s, 0, 1000000);
    if (!port || !seed || !latency || !messages)
        return std::nullopt;
    settings.port = quint16(*port);
    settings.seed = quint32(*seed);
    settings.latency = std::chrono::milliseconds(*latency);
    settings.messageCount = int(*messages);

    settings.botId = parser.value(u"bot"_s);
    settings.region = parser.value(u"region"_s).toLower();
    if (!CallbackStoreSimulator::regions().contains(settings.region)) {
        printError(u"Invalid --region '%1': expected us or eu."_s.arg(settings.region));
        return std::nullopt;
    }

    if (parser.isSet(u"token"_s)) {
        settings.token = parser.value(u"token"_s);
        settings.tokenSource = u"the --token option"_s;
    } else if (qEnvironmentVariableIsSet(tokenVariable)) {
        settings.token = qEnvironmentVariable(tokenVariable);
        settings.tokenSource = u"the environment variable %1"_s.arg(QLatin1StringView(tokenVariable));
    } else {
        settings.token = demoToken;
        settings.tokenSource = u"the built-in demo token"_s;
    }
    if (settings.token.isEmpty()) {
        printError(u"The token from %1 is empty."_s.arg(settings.tokenSource));
        return std::nullopt;
    }

    if (parser.isSet(u"reference-time"_s)) {
        settings.referenceTime = SimulatorFormat::parseIsoDateTime(parser.value(u"reference-time"_s));
        if (!settings.referenceTime.isValid()) {
            printError(u"Invalid --reference-time '%1': expected an ISO-8601 date-time."_s.arg(
                parser.value(u"reference-time"_s)));
            return std::nullopt;
        }
    } else {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        settings.referenceTime = QDateTime(now.date(), QTime(now.time().hour(), now.time().minute()), Qt::UTC);
    }

    QStringList unknownQuirks;
    settings.quirks = CallbackStoreSimulator::parseQuirks(parser.value(u"quirks"_s), &unknownQuirks);
    if (!unknownQuirks.isEmpty()) {
        printError(u"Unknown quirks: %1. Known quirks: %2."_s.arg(
            unknownQuirks.join(u", "_s), CallbackStoreSimulator::quirkNames().join(u", "_s)));
        return std::nullopt;
    }

    if (parser.isSet(u"fault"_s)) {
        QString error;
        const std::optional<SimulatorFault> fault = SimulatorFault::parse(parser.value(u"fault"_s), &error);
        if (!fault) {
            printError(error);
            return std::nullopt;
        }
        settings.fault = *fault;
    }

    settings.fixtureDirectory = parser.value(u"fixtures"_s);
    return settings;
}

std::optional<SimulatedDataSet> buildDataSet(const Settings &settings)
{
    if (settings.fixtureDirectory.isEmpty()) {
        SimulatedDataSet::Options options;
        options.seed = settings.seed;
        options.referenceTime = settings.referenceTime;
        options.botId = settings.botId;
        options.inboundCount = settings.messageCount;
        return SimulatedDataSet::generate(options);
    }

    SimulatedDataSet data;
    QString error;
    if (!data.loadFixtureDirectory(settings.fixtureDirectory, &error)) {
        printError(u"Could not load fixtures: %1"_s.arg(error));
        return std::nullopt;
    }
    return data;
}

void printSummary(const CallbackStoreSimulator &simulator, const Settings &settings,
                  const SimulatedDataSet &data)
{
    QTextStream out(stdout);
    out << u"Callback Store simulator on 127.0.0.1:%1\n"_s.arg(simulator.port());
    for (const QString &region : CallbackStoreSimulator::regions()) {
        out << u"  %1 base URL: %2%3\n"_s.arg(
            region.toUpper(), simulator.baseUrl(region).toString(),
            region == settings.region ? u" (the bot lives here)"_s : QString());
    }
    out << u"  bot:     %1\n"_s.arg(settings.botId);
    if (settings.token == demoToken)
        out << u"  token:   %1, from %2\n"_s.arg(settings.token, settings.tokenSource);
    else
        out << u"  token:   from %1 (not shown)\n"_s.arg(settings.tokenSource);

    if (settings.fixtureDirectory.isEmpty()) {
        out << u"  data:    %1 inbound messages from seed %2, ending %3\n"_s.arg(
                   QString::number(data.notifications().size()), QString::number(settings.seed),
                   SimulatorFormat::formatUtc(settings.referenceTime, false));
    } else {
        out << u"  data:    %1 inbound messages from %2\n"_s.arg(
                   QString::number(data.notifications().size()), settings.fixtureDirectory);
    }
    out << u"  status histories: %1\n"_s.arg(data.statusMessageIds().size());
    out << u"  latency: %1 ms\n"_s.arg(settings.latency.count());
    out << u"  quirks:  %1\n"_s.arg(CallbackStoreSimulator::quirksToString(settings.quirks));
    out << u"  fault:   %1\n"_s.arg(settings.fault.toString());
    out.flush();
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"callback-store-sim"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(INSPECTOR_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Serves a simulated WhatsApp Business API Callback Store on 127.0.0.1, for "
        u"debugging the inspector and for benchmarks. Press Ctrl+C to stop it."_s);
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOptions({
        {u"port"_s, u"TCP port to listen on. Default: 0, which picks a free port."_s, u"N"_s, u"0"_s},
        {u"bot"_s, u"Bot id to serve. Default: demo-bot."_s, u"ID"_s, u"demo-bot"_s},
        {u"region"_s, u"Region the bot lives in: us or eu. Default: eu."_s, u"REGION"_s, u"eu"_s},
        {u"token"_s,
         u"Bearer token the bot accepts. Without it the environment variable %1 is "
         u"used, and without that the demo token '%2'."_s.arg(QLatin1StringView(tokenVariable), demoToken),
         u"TOKEN"_s},
        {u"seed"_s, u"Seed of the generated data. The same seed gives the same data. Default: 1."_s,
         u"S"_s, u"1"_s},
        {u"messages"_s, u"Number of generated inbound messages. Default: 300."_s, u"N"_s, u"300"_s},
        {u"reference-time"_s,
         u"ISO-8601 time that the generated week ends at. Default: now."_s, u"TIME"_s},
        {u"latency"_s, u"Delay before every response, in milliseconds. Default: 0."_s, u"MS"_s, u"0"_s},
        {u"quirks"_s,
         u"Comma-separated misbehaviours: %1."_s.arg(CallbackStoreSimulator::quirkNames().join(u", "_s)),
         u"LIST"_s},
        {u"fault"_s,
         u"Fail every request to the endpoints in one way, before the token check. FAULT is one of:\n"_s
             + SimulatorFault::syntaxHelp().join(u'\n'),
         u"FAULT"_s},
        {u"fixtures"_s,
         u"Serve the notifications*.json and status*.json files in this folder instead "
         u"of generated data."_s,
         u"DIR"_s},
    });
    parser.process(app);

    const std::optional<Settings> settings = readSettings(parser);
    if (!settings)
        return 2;

    const std::optional<SimulatedDataSet> data = buildDataSet(*settings);
    if (!data)
        return 1;

    CallbackStoreSimulator simulator;
    simulator.setLatency(settings->latency);
    simulator.setQuirks(settings->quirks);
    simulator.setFault(settings->fault);
    if (!simulator.addBot(settings->botId, settings->region, settings->token, *data)) {
        printError(u"Invalid --bot '%1': use a non-empty id without '/'."_s.arg(settings->botId));
        return 2;
    }
    if (!simulator.listen(settings->port)) {
        printError(u"Could not listen on 127.0.0.1:%1. Is the port in use? "
                   u"Use --port 0 for a free port."_s.arg(settings->port));
        return 1;
    }

    printSummary(simulator, *settings, *data);
    return app.exec();
}
