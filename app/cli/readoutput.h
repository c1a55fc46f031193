#pragma once

#include "inboundmessage.h"
#include "statustimeline.h"

#include <QByteArray>
#include <QList>
#include <QString>

// Text and JSON renderings of what the command-line reading prints.
class ReadOutput
{
public:
    // One JSON object with the message id, its current state and every update.
    static QByteArray historyJson(const QString &messageId, const StatusTimeline &timeline);
    static QString historyTable(const QString &messageId, const StatusTimeline &timeline);

    // One JSON object per message, each on its own line (JSON Lines).
    static QByteArray messagesJsonLines(const QList<InboundMessage> &messages);
    static QString messagesTable(const QList<InboundMessage> &messages, bool withHeader);
};
