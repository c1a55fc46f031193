#pragma once

#include "apiendpoint.h"

#include <QObject>
#include <QString>

class CallbackStoreSimulator;

// The demo's Callback Store, a simulator on 127.0.0.1 serving generated data for
// one bot in the EU region, and the profile that reaches it.
class DemoSession : public QObject
{
    Q_OBJECT

public:
    static constexpr const char *BotId = "demo-bot";
    static constexpr const char *Region = "eu";
    static constexpr const char *Token = "demo-token";
    // The same seed gives the same conversations on every start.
    static constexpr quint32 Seed = 1;

    explicit DemoSession(QObject *parent = nullptr);

    // Generates the data, ending just before now, and starts the server on a free
    // port. Returns false and sets *errorMessage when the server cannot listen.
    bool start(QString *errorMessage = nullptr);

    // The profile for the demo bot, with the US and EU base URLs pointing at the
    // simulator. Valid only after start() succeeded.
    ApiEndpoint endpoint() const;

    CallbackStoreSimulator *simulator() const { return m_simulator; }

private:
    CallbackStoreSimulator *m_simulator;
};
