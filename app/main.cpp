#include "callbackstoresimulator.h"
#include "demosession.h"
#include "mainwindow.h"
#include "profilepanel.h"
#include "profilestore.h"
#include "readcommand.h"
#include "tokenvault.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFile>
#include <QLoggingCategory>
#include <QIcon>
#include <QSettings>
#include <QTimer>

#include <cstdio>
#include <memory>

namespace {

QIcon applicationIcon()
{
    QIcon icon;
    for (int size : {32, 64, 256})
        icon.addFile(QStringLiteral(":/icons/callback-inspector-%1.png").arg(size), QSize(size, size));
    return icon;
}

// Whether the arguments ask only for help or the version, which need no display.
bool asksForHelpOrVersion(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray argument(argv[i]);
        if (argument == "-h" || argument == "--help" || argument == "--help-all" || argument == "-?"
            || argument == "-v" || argument == "--version")
            return true;
    }
    return false;
}

struct Options
{
    QCommandLineOption demo{QStringLiteral("demo"),
                            QCoreApplication::translate("main", "Start a simulated Callback Store on 127.0.0.1 with "
                                                                "generated data, fill the profile with its demo bot "
                                                                "and search it.")};
    QCommandLineOption demoQuirks{QStringLiteral("demo-quirks"),
                                  QCoreApplication::translate("main", "With --demo, make the simulator misbehave like real "
                                                                      "traffic, e.g. out-of-order,duplicates,epoch-times. "
                                                                      "callback-store-sim --help lists the names."),
                                  QStringLiteral("list")};
    QCommandLineOption profile{QStringLiteral("profile"),
                               QCoreApplication::translate("main", "Open this saved connection profile instead of the "
                                                                   "one used last."),
                               QStringLiteral("name")};
};

void setUpParser(QCommandLineParser &parser, const Options &options)
{
    parser.setApplicationDescription(QCoreApplication::translate(
        "main", "Reads the inbound messages and delivery status updates of a WhatsApp Business API bot "
                "from its Callback Store.\n\n"
                "Without a command it opens the window. The commands read without a window:\n"
                "  history MESSAGE_ID   the ordered status history of one outbound message\n"
                "  messages             the inbound messages of the bot\n"
                "Run \"callback-inspector history --help\" or \"callback-inspector messages --help\" for their options."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption(options.demo);
    parser.addOption(options.demoQuirks);
    parser.addOption(options.profile);
}

// Runs "history" or "messages" without a display and returns the exit status.
int runReadCommand(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    // The command prints every failure in its own words, so the log lines that repeat
    // them are left out unless QT_LOGGING_RULES requests them.
    if (qEnvironmentVariableIsEmpty("QT_LOGGING_RULES"))
        QLoggingCategory::setFilterRules(QStringLiteral("inspector.*.info=false\ninspector.*.warning=false"));
    QFile output;
    QFile errors;
    if (!output.open(stdout, QIODevice::WriteOnly) || !errors.open(stderr, QIODevice::WriteOnly))
        return 2;

    ReadCommand command(&output, &errors);
    if (const std::optional<int> exitStatus = command.start(QCoreApplication::arguments()))
        return *exitStatus;
    QObject::connect(&command, &ReadCommand::finished, &app, [](int exitStatus) { QCoreApplication::exit(exitStatus); });
    return app.exec();
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication::setApplicationName(QStringLiteral("callback-inspector"));
    QCoreApplication::setApplicationVersion(QStringLiteral(INSPECTOR_VERSION));
    // QSettings finds the profiles by these names, in the window and the commands alike.
    if (QCoreApplication::organizationName().isEmpty())
        QCoreApplication::setOrganizationName(QStringLiteral("callback-store-inspector"));
    const Options options;

    if (argc >= 2 && ReadCommand::isReadCommand({QString(), QString::fromLocal8Bit(argv[1])}))
        return runReadCommand(argc, argv);

    if (argc >= 2 && argv[1][0] != '-') {
        fprintf(stderr, "%s\n",
                qPrintable(QCoreApplication::translate("main", "Unknown command \"%1\": use history or messages, or no "
                                                               "command to open the window. See --help.")
                               .arg(QString::fromLocal8Bit(argv[1]))));
        return 2;
    }

    if (asksForHelpOrVersion(argc, argv)) {
        QCoreApplication app(argc, argv);
        QCommandLineParser parser;
        setUpParser(parser, options);
        parser.process(app); // prints the help or version and exits
        return 0;
    }

    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")
        && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        fprintf(stderr, "%s\n",
                qPrintable(QCoreApplication::translate(
                    "main", "No display found: DISPLAY and WAYLAND_DISPLAY are not set. Start the window from a desktop "
                            "session, or under a virtual X server with \"xvfb-run -a callback-inspector\". The history "
                            "and messages commands need no display.")));
        return 1;
    }

    QApplication app(argc, argv);
    QApplication::setWindowIcon(applicationIcon());
    QCommandLineParser parser;
    setUpParser(parser, options);
    parser.process(app);

    QSettings settings;
    TokenVault vault;
    ProfileStore profiles(&settings, &vault);
    const QString profileName = parser.value(options.profile);
    if (parser.isSet(options.profile) && parser.isSet(options.demo)) {
        fprintf(stderr, "%s\n",
                qPrintable(QCoreApplication::translate("main", "--demo opens its own temporary profile, so it cannot "
                                                               "be combined with --profile.")));
        return 2;
    }
    if (parser.isSet(options.profile) && !profiles.contains(profileName)) {
        fprintf(stderr, "%s\n", qPrintable(ReadCommand::unknownProfileMessage(profileName, profiles.profileNames())));
        return 2;
    }

    MainWindow window;
    // Only --demo creates the session, because constructing its HTTP server and routes
    // delayed every start by 6 to 10 ms on a 2-core Debian 12 machine.
    std::unique_ptr<DemoSession> demo;
    if (parser.isSet(options.demo)) {
        QString error;
        QStringList unknownQuirks;
        const CallbackStoreSimulator::Quirks quirks =
            CallbackStoreSimulator::parseQuirks(parser.value(options.demoQuirks), &unknownQuirks);
        if (!unknownQuirks.isEmpty()) {
            qCritical("Unknown quirk names: %s. Known names: %s", qPrintable(unknownQuirks.join(QLatin1String(", "))),
                      qPrintable(CallbackStoreSimulator::quirkNames().join(QLatin1String(", "))));
            return 2;
        }
        demo = std::make_unique<DemoSession>();
        if (!demo->start(&error)) {
            qCritical("%s", qPrintable(error));
            return 1;
        }
        demo->simulator()->setQuirks(quirks);
        window.profilePanel()->showTemporaryProfile(ProfilePanel::demoProfileName(), demo->endpoint());
        QTimer::singleShot(0, &window, &MainWindow::search);
    }
    window.profilePanel()->setProfileStore(&profiles, profileName);

    window.show();
    return app.exec();
}
