#include "demosession.h"

#include "callbackstoresimulator.h"
#include "logcategories.h"
#include "simulateddataset.h"

DemoSession::DemoSession(QObject *parent)
    : QObject(parent), m_simulator(new CallbackStoreSimulator(this))
{
}

bool DemoSession::start(QString *errorMessage)
{
    SimulatedDataSet::Options options;
    options.seed = Seed;
    options.referenceTime = QDateTime::currentDateTimeUtc();
    options.botId = QString::fromLatin1(BotId);
    const SimulatedDataSet data = SimulatedDataSet::generate(options);

    if (!m_simulator->listen(0)) {
        if (errorMessage)
            *errorMessage = tr("The demo server could not listen on 127.0.0.1.");
        return false;
    }
    m_simulator->addBot(QString::fromLatin1(BotId), QString::fromLatin1(Region), QString::fromLatin1(Token), data);
    qCInfo(lcUi) << "demo Callback Store listening on port" << m_simulator->port() << "with"
                 << data.notifications().size() << "inbound messages";
    return true;
}

ApiEndpoint DemoSession::endpoint() const
{
    ApiEndpoint endpoint;
    endpoint.usBaseUrl = m_simulator->baseUrl(QStringLiteral("us"));
    endpoint.euBaseUrl = m_simulator->baseUrl(QStringLiteral("eu"));
    endpoint.region = ApiEndpoint::Region::Eu;
    endpoint.botId = QString::fromLatin1(BotId);
    endpoint.token = QString::fromLatin1(Token);
    return endpoint;
}
