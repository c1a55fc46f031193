#pragma once

#include "apiendpoint.h"
#include "notificationquery.h"

#include <QCoreApplication>
#include <QObject>
#include <QSet>
#include <QStringList>

#include <optional>

class ApiClient;
class NotificationPager;
class QFile;

// The command-line reading of the Callback Store: "history MESSAGE_ID" prints the
// ordered status history of one outbound message, "messages" prints inbound
// messages. Both use the same core as the window, so they read the data exactly
// as the window does. The token comes from the environment variable
// CALLBACK_INSPECTOR_TOKEN, never from an argument, because other users of the
// machine can read a process's arguments.
class ReadCommand : public QObject
{
    Q_OBJECT

public:
    static constexpr const char *TokenVariable = "CALLBACK_INSPECTOR_TOKEN";

    ReadCommand(QFile *output, QFile *errors, QObject *parent = nullptr);

    // Whether the first argument after the program names a reading command.
    static bool isReadCommand(const QStringList &arguments);

    // Parses the arguments and starts the requests. Returns an exit status when it
    // ended at once (help, invalid arguments); otherwise finished() follows.
    std::optional<int> start(const QStringList &arguments);

Q_SIGNALS:
    void finished(int exitStatus);

private:
    enum class Format { Table, Json };

    std::optional<int> parseEndpoint(const QString &baseUrl, const QString &region, const QString &bot);
    void startHistory(const QString &messageId);
    void startMessages();
    void printError(const QString &text);
    void finish(int exitStatus);

    QFile *m_output;
    QFile *m_errors;
    ApiClient *m_client;
    NotificationPager *m_pager = nullptr;
    ApiEndpoint m_endpoint;
    NotificationQuery m_query;
    Format m_format = Format::Table;
    bool m_allPages = false;
    bool m_headerPrinted = false;
    int m_messageCount = 0;
};
