#pragma once

#include "callbackstoresimulator.h"
#include "simulatorquery.h"
#include "quirkrewriter.h"
#include "simulateddataset.h"

#include <QByteArray>
#include <QJsonObject>

// Writes the JSON bodies of the Callback Store from a data set: one page of
// inbound messages, the status history of one message, and error bodies.
class CallbackResponseWriter
{
public:
    explicit CallbackResponseWriter(CallbackStoreSimulator::Quirks quirks);

    // Filters by time and sender, groups neighbouring messages with the same callback
    // id into one Callback, and returns the requested page of Callbacks, oldest first.
    QByteArray notificationsPage(const SimulatedDataSet &data, const SimulatorQuery &query) const;
    // Returns {"results": []} for a message id without a history.
    QByteArray statusHistory(const SimulatedDataSet &data, const QString &messageId) const;

    static QByteArray errorBody(const QString &message, const QString &details);

private:
    QJsonObject notificationsCallback(const SimulatedDataSet &data,
                                      const QList<qsizetype> &indexes) const;

    CallbackStoreSimulator::Quirks m_quirks;
    QuirkRewriter m_rewriter;
};
