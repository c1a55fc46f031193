#pragma once

#include "timestamp.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

// One element of a callback's "statuses" array: a state change of an outbound message.
struct DeliveryReport
{
    // States in the order a message normally moves through them, then the terminal
    // ones. Unknown keeps a state name this program does not know, shown as it came.
    enum class State { Queued, Dispatched, Sent, Delivered, Read, Deleted, Failed, NoOptIn, NoCapability, Unknown };

    QString status;     // "success" or "failure" as sent
    QString stateName;  // as sent, also when unknown
    QString messageId;
    QString recipient;
    QString details;
    Timestamp timestamp;
    int arrival = 0;    // position in the response, from 0
    QJsonObject rawJson; // the element as it came
    QStringList problems;

    State state() const { return stateFromName(stateName); }

    static State stateFromName(const QString &name);
    // Position in the normal progression: queued 1 to read 5, terminal states 6, unknown 0.
    static int progressionRank(State state);
    static bool isTerminal(State state);
    static bool isFailure(State state);
};
