#pragma once

#include "callbackstoresimulator.h"
#include "simulateddataset.h"

#include <QJsonObject>
#include <QList>

// Rewrites served JSON the way a misbehaving Callback Store would, for the quirks
// that change content. The same input and index always give the same output, so
// that a page fetched twice looks the same.
class QuirkRewriter
{
public:
    explicit QuirkRewriter(CallbackStoreSimulator::Quirks quirks);

    bool changesNotifications() const;
    bool changesStatuses() const;

    // index is the message's position in its data set, which picks among the
    // variants of a quirk.
    QJsonObject rewriteNotification(QJsonObject notification, qsizetype index) const;
    QList<QList<QJsonObject>> rewriteStatusHistory(const SimulatedDataSet::StatusHistory &history) const;

private:
    void rewriteTimestamp(QJsonObject *object, qsizetype index) const;
    void rewriteNumber(QJsonObject *object, const QString &key, qsizetype index) const;
    void breakNotification(QJsonObject *notification, qsizetype index) const;
    void breakStatus(QJsonObject *status, qsizetype index) const;

    CallbackStoreSimulator::Quirks m_quirks;
};
