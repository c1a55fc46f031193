#pragma once

#include "apiendpoint.h"
#include "notificationquery.h"

#include <QCoreApplication>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QStringList>
#include <QUrl>

#include <optional>

class ApiClient;
class NotificationPager;
class ProfileStore;
class QFile;
class TokenVaultReply;

// The command-line reading of the Callback Store: "history MESSAGE_ID" prints the
// ordered status history of one outbound message, "messages" prints inbound
// messages. Both use the same core as the window, so they read the data exactly
// as the window does. The token comes from the environment variable
// CALLBACK_INSPECTOR_TOKEN, never from an argument, because other users of the
// machine can read a process's arguments. With --profile NAME the bot, region or
// base URL and filter encoding come from a saved profile, and the token, unless
// the variable is set, from the profile's keychain entry.
class ReadCommand : public QObject
{
    Q_OBJECT

public:
    static constexpr const char *TokenVariable = "CALLBACK_INSPECTOR_TOKEN";

    ReadCommand(QFile *output, QFile *errors, QObject *parent = nullptr);

    // Whether the first argument after the program names a reading command.
    static bool isReadCommand(const QStringList &arguments);
    // The error for a --profile name that matches no saved profile, listing the saved names.
    static QString unknownProfileMessage(const QString &name, const QStringList &savedNames);

    // Reads --profile from store instead of the user's settings file. The store
    // must outlive the command.
    void setProfileStore(ProfileStore *store) { m_store = store; }
    // Replaces the base URLs behind the US and EU regions of profiles, for tests.
    void setRegionBaseUrls(const QUrl &usBaseUrl, const QUrl &euBaseUrl);

    // Parses the arguments and starts the requests. Returns an exit status when it
    // ended at once (help, invalid arguments); otherwise finished() follows.
    std::optional<int> start(const QStringList &arguments);

Q_SIGNALS:
    void finished(int exitStatus);

private:
    enum class Format { Table, Json };

    std::optional<int> parseEndpoint(const QString &baseUrl, const QString &region, const QString &bot);
    std::optional<int> loadProfile(const QString &name);
    // Starts the command once the token is known, reading it from the keychain first
    // when the profile's token is not in the environment.
    std::optional<int> startWithToken();
    void handleTokenRead(TokenVaultReply *reply);
    std::optional<int> startRequests();
    void startHistory(const QString &messageId);
    void startMessages();
    void printError(const QString &text);
    void finish(int exitStatus);

    QFile *m_output;
    QFile *m_errors;
    ApiClient *m_client;
    ProfileStore *m_store = nullptr;
    QUrl m_usBaseUrl = ApiEndpoint::productionBaseUrl(ApiEndpoint::Region::Us);
    QUrl m_euBaseUrl = ApiEndpoint::productionBaseUrl(ApiEndpoint::Region::Eu);
    // The profile given with --profile, empty without one.
    QString m_profileName;
    // The message id of "history", empty for "messages".
    QString m_messageId;
    NotificationPager *m_pager = nullptr;
    ApiEndpoint m_endpoint;
    NotificationQuery m_query;
    Format m_format = Format::Table;
    bool m_allPages = false;
    bool m_headerPrinted = false;
    int m_messageCount = 0;
};
