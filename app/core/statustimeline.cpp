#include "statustimeline.h"

#include "msisdn.h"

#include <algorithm>

namespace {

// Returns whether two recipients are the same number, whichever way each was written
// ("+46 70-000 01", "whatsapp:+4670000 01", "004670000 01").
bool sameRecipient(const QString &left, const QString &right)
{
    if (left == right)
        return true;
    const QString leftDigits = Msisdn::normalize(left);
    return !leftDigits.isEmpty() && leftDigits == Msisdn::normalize(right);
}

// Whether two updates report the same thing: the same state, status, details and
// recipient at the same moment, whatever format the time and number came in.
bool isRepeat(const DeliveryReport &left, const DeliveryReport &right)
{
    if (left.stateName != right.stateName || left.status != right.status || left.details != right.details
        || left.messageId != right.messageId || !sameRecipient(left.recipient, right.recipient))
        return false;
    if (left.timestamp.isValid() != right.timestamp.isValid())
        return false;
    if (left.timestamp.isValid()) {
        const qint64 leftMs = left.timestamp.toMSecsSinceEpoch();
        const qint64 rightMs = right.timestamp.toMSecsSinceEpoch();
        if (leftMs == rightMs)
            return true;
        // A time written in whole seconds (epoch seconds, ISO without a fraction)
        // matches the same second written with milliseconds.
        const bool eitherWholeSecond = leftMs % 1000 == 0 || rightMs % 1000 == 0;
        return eitherWholeSecond && leftMs / 1000 == rightMs / 1000;
    }
    return left.timestamp.raw() == right.timestamp.raw();
}

int rankOf(const DeliveryReport &report)
{
    return DeliveryReport::progressionRank(report.state());
}

// Orders timed entries by time, then by progression, then by arrival.
bool timedBefore(const StatusTimeline::Entry &left, const StatusTimeline::Entry &right)
{
    const QDateTime leftTime = left.report.timestamp.utc();
    const QDateTime rightTime = right.report.timestamp.utc();
    if (leftTime != rightTime)
        return leftTime < rightTime;
    const int leftRank = rankOf(left.report);
    const int rightRank = rankOf(right.report);
    if (leftRank != rightRank)
        return leftRank < rightRank;
    return left.report.arrival < right.report.arrival;
}

// Returns the index for an update without a time: before the first timed entry
// further along the progression. Unknown states have no place in it and go last.
qsizetype insertionIndex(const QList<StatusTimeline::Entry> &ordered, const StatusTimeline::Entry &untimed)
{
    const int rank = rankOf(untimed.report);
    if (rank == 0)
        return ordered.size();
    for (qsizetype i = 0; i < ordered.size(); ++i) {
        const int otherRank = rankOf(ordered.at(i).report);
        if (otherRank > rank)
            return i;
    }
    return ordered.size();
}

} // namespace

StatusTimeline StatusTimeline::build(const QList<DeliveryReport> &reports)
{
    // Collapse repeats, whatever order they arrived in.
    QList<Entry> distinct;
    for (const DeliveryReport &report : reports) {
        auto same = std::find_if(distinct.begin(), distinct.end(),
                                 [&](const Entry &entry) { return isRepeat(entry.report, report); });
        if (same != distinct.end()) {
            same->copies.append(report);
            continue;
        }
        distinct.append(Entry{report, {report}, NoFlags, std::nullopt});
    }

    QList<Entry> timed;
    QList<Entry> untimed;
    for (Entry &entry : distinct)
        (entry.report.timestamp.isValid() ? timed : untimed).append(std::move(entry));

    std::stable_sort(timed.begin(), timed.end(), timedBefore);
    std::stable_sort(untimed.begin(), untimed.end(), [](const Entry &left, const Entry &right) {
        return rankOf(left.report) < rankOf(right.report);
    });

    QList<Entry> ordered = std::move(timed);
    for (Entry &entry : untimed) {
        const qsizetype index = insertionIndex(ordered, entry);
        ordered.insert(index, std::move(entry));
    }

    StatusTimeline timeline;
    int furthestRank = -1;
    bool terminalSeen = false;
    std::optional<QDateTime> previousTime;
    for (Entry &entry : ordered) {
        const DeliveryReport::State state = entry.report.state();
        const int rank = rankOf(entry.report);

        if (entry.count() > 1)
            entry.flags |= Duplicate;
        if (!entry.report.timestamp.isValid())
            entry.flags |= NoTime;
        if (state == DeliveryReport::State::Unknown)
            entry.flags |= UnknownState;
        if (rank > 0 && rank < furthestRank)
            entry.flags |= Regression;
        if (terminalSeen && !DeliveryReport::isTerminal(state))
            entry.flags |= AfterTerminal;

        if (entry.report.timestamp.isValid()) {
            const QDateTime time = entry.report.timestamp.utc();
            if (previousTime)
                entry.gapMilliseconds = previousTime->msecsTo(time);
            previousTime = time;
        }

        if (rank > furthestRank) {
            furthestRank = rank;
            timeline.m_currentState = entry.report.stateName;
        }
        terminalSeen = terminalSeen || DeliveryReport::isTerminal(state);
        timeline.m_hasFailure = timeline.m_hasFailure || DeliveryReport::isFailure(state);
    }
    timeline.m_entries = std::move(ordered);
    return timeline;
}

QStringList StatusTimeline::flagNames(Flags flags)
{
    QStringList names;
    if (flags.testFlag(Regression))
        names.append(QStringLiteral("regression"));
    if (flags.testFlag(AfterTerminal))
        names.append(QStringLiteral("after_terminal"));
    if (flags.testFlag(Duplicate))
        names.append(QStringLiteral("duplicate"));
    if (flags.testFlag(NoTime))
        names.append(QStringLiteral("no_time"));
    if (flags.testFlag(UnknownState))
        names.append(QStringLiteral("unknown_state"));
    return names;
}
