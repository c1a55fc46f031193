#pragma once

#include "deliveryreport.h"

#include <QList>
#include <QString>

#include <optional>

// The status history of one outbound message, put in order for reading.
//
// Every update is kept. Updates are ordered by time. Ties, and updates without a
// time, are placed by the normal progression (queued, dispatched, sent, delivered,
// read, then the terminal states). Repeats (the same state, status, details and
// time, even when the time is written differently) collapse into one entry that
// counts them and keeps every copy as it came.
class StatusTimeline
{
public:
    enum Flag {
        NoFlags = 0,
        Regression = 1 << 0,    // a state before one already reached
        AfterTerminal = 1 << 1, // comes after deleted, failed, no_opt_in or no_capability
        Duplicate = 1 << 2,     // the same update arrived more than once
        NoTime = 1 << 3,        // missing or unreadable timestamp
        UnknownState = 1 << 4,
    };
    Q_DECLARE_FLAGS(Flags, Flag)

    struct Entry
    {
        DeliveryReport report;        // the first copy that arrived
        QList<DeliveryReport> copies; // every copy, in arrival order
        Flags flags;
        // Milliseconds since the previous entry that has a time; empty when either has none.
        std::optional<qint64> gapMilliseconds;

        int count() const { return int(copies.size()); }
    };

    static StatusTimeline build(const QList<DeliveryReport> &reports);

    const QList<Entry> &entries() const { return m_entries; }
    bool isEmpty() const { return m_entries.isEmpty(); }
    // The furthest state reached, a terminal state counting as furthest; empty without updates.
    QString currentState() const { return m_currentState; }
    // Whether a failed, no_opt_in or no_capability update is among the entries.
    bool hasFailure() const { return m_hasFailure; }

    // Flag names as used in JSON output: "regression", "after_terminal", "duplicate", "no_time", "unknown_state".
    static QStringList flagNames(Flags flags);

private:
    QList<Entry> m_entries;
    QString m_currentState;
    bool m_hasFailure = false;
};

Q_DECLARE_OPERATORS_FOR_FLAGS(StatusTimeline::Flags)
