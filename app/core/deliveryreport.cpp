#include "deliveryreport.h"

#include <QHash>

DeliveryReport::State DeliveryReport::stateFromName(const QString &name)
{
    static const QHash<QString, State> states = {
        {QStringLiteral("queued"), State::Queued},
        {QStringLiteral("dispatched"), State::Dispatched},
        {QStringLiteral("sent"), State::Sent},
        {QStringLiteral("delivered"), State::Delivered},
        {QStringLiteral("read"), State::Read},
        {QStringLiteral("deleted"), State::Deleted},
        {QStringLiteral("failed"), State::Failed},
        {QStringLiteral("no_opt_in"), State::NoOptIn},
        {QStringLiteral("no_capability"), State::NoCapability},
    };
    return states.value(name.trimmed().toLower(), State::Unknown);
}

int DeliveryReport::progressionRank(State state)
{
    switch (state) {
    case State::Queued:
        return 1;
    case State::Dispatched:
        return 2;
    case State::Sent:
        return 3;
    case State::Delivered:
        return 4;
    case State::Read:
        return 5;
    case State::Deleted:
    case State::Failed:
    case State::NoOptIn:
    case State::NoCapability:
        return 6;
    case State::Unknown:
        break;
    }
    return 0;
}

bool DeliveryReport::isTerminal(State state)
{
    return progressionRank(state) == 6;
}

bool DeliveryReport::isFailure(State state)
{
    return state == State::Failed || state == State::NoOptIn || state == State::NoCapability;
}
