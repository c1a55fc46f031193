#include "statushistorymodel.h"

#include <QBrush>
#include <QColor>

#include <limits>

namespace {

// Light backgrounds with dark text, readable in light and dark palettes alike.
const QColor FailureBackground(0xfd, 0xde, 0xde);
const QColor FailureForeground(0x8b, 0x1a, 0x1a);
const QColor WarningBackground(0xff, 0xef, 0xc2);
const QColor WarningForeground(0x6b, 0x4a, 0x00);

bool isFailureEntry(const StatusTimeline::Entry &entry)
{
    return DeliveryReport::isFailure(entry.report.state())
           || entry.report.status.compare(QLatin1String("failure"), Qt::CaseInsensitive) == 0;
}

bool isWarningEntry(const StatusTimeline::Entry &entry)
{
    return entry.flags.testAnyFlags(StatusTimeline::Regression | StatusTimeline::AfterTerminal);
}

QList<int> arrivalPositions(const StatusTimeline::Entry &entry)
{
    QList<int> positions;
    for (const DeliveryReport &copy : entry.copies)
        positions.append(copy.arrival + 1);
    return positions;
}

QString joinNumbers(const QList<int> &numbers)
{
    QStringList texts;
    for (int number : numbers)
        texts.append(QString::number(number));
    return texts.join(QStringLiteral(", "));
}

} // namespace

StatusHistoryModel::StatusHistoryModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

int StatusHistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_timeline.entries().size());
}

int StatusHistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant StatusHistoryModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_timeline.entries().size() || index.column() >= ColumnCount)
        return QVariant();

    const StatusTimeline::Entry &entry = m_timeline.entries().at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayValue(entry, index.column());
    case Qt::ToolTipRole:
        return toolTip(entry, index.column());
    case Qt::BackgroundRole:
        if (isFailureEntry(entry))
            return QBrush(FailureBackground);
        if (isWarningEntry(entry))
            return QBrush(WarningBackground);
        return QVariant();
    case Qt::ForegroundRole:
        if (isFailureEntry(entry))
            return QBrush(FailureForeground);
        if (isWarningEntry(entry))
            return QBrush(WarningForeground);
        return QVariant();
    case SortValueRole:
        return sortValue(entry, index.column());
    case EntryIndexRole:
        return index.row();
    default:
        break;
    }
    return QVariant();
}

QVariant StatusHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QAbstractTableModel::headerData(section, orientation, role);

    if (role == Qt::ToolTipRole) {
        switch (section) {
        case GapColumn:
            return tr("Time since the previous update that has a time");
        case ArrivalColumn:
            return tr("Position of each copy of this update in the server's response, from 1");
        case CountColumn:
            return tr("How many times the same update arrived");
        default:
            return QVariant();
        }
    }
    if (role != Qt::DisplayRole)
        return QVariant();

    switch (section) {
    case StateColumn:
        return tr("State");
    case StatusColumn:
        return tr("Status");
    case TimeColumn:
        return m_timeZone == TimeFormatter::Zone::Utc ? tr("Time (UTC)") : tr("Time (local)");
    case GapColumn:
        return tr("Gap");
    case DetailsColumn:
        return tr("Details");
    case ArrivalColumn:
        return tr("Arrival");
    case CountColumn:
        return tr("Count");
    case FlagsColumn:
        return tr("Flags");
    default:
        break;
    }
    return QVariant();
}

QVariant StatusHistoryModel::displayValue(const StatusTimeline::Entry &entry, int column) const
{
    switch (column) {
    case StateColumn:
        return entry.report.stateName.isEmpty() ? tr("(no state)") : entry.report.stateName;
    case StatusColumn:
        return entry.report.status;
    case TimeColumn:
        return TimeFormatter::format(entry.report.timestamp, m_timeZone, TimeFormatter::Precision::Milliseconds);
    case GapColumn:
        return entry.gapMilliseconds ? TimeFormatter::formatGap(*entry.gapMilliseconds) : QString();
    case DetailsColumn:
        return entry.report.details;
    case ArrivalColumn:
        return joinNumbers(arrivalPositions(entry));
    case CountColumn:
        return entry.count() > 1 ? tr("\u00d7%1").arg(entry.count()) : QString();
    case FlagsColumn:
        return flagTexts(entry.flags).join(QStringLiteral(", "));
    default:
        break;
    }
    return QVariant();
}

QVariant StatusHistoryModel::toolTip(const StatusTimeline::Entry &entry, int column) const
{
    switch (column) {
    case StateColumn:
        if (entry.flags.testFlag(StatusTimeline::UnknownState))
            return tr("\"%1\" is not a state this program knows; it is shown as sent.").arg(entry.report.stateName);
        return QVariant();
    case TimeColumn:
        return entry.report.timestamp.isMissing() ? QVariant() : tr("As sent: %1").arg(entry.report.timestamp.raw());
    case DetailsColumn:
        return entry.report.details.isEmpty() ? QVariant() : entry.report.details;
    case FlagsColumn: {
        QStringList reasons;
        if (entry.flags.testFlag(StatusTimeline::Regression))
            reasons.append(tr("This state comes before a state the message had already reached."));
        if (entry.flags.testFlag(StatusTimeline::AfterTerminal))
            reasons.append(tr("This update came after the message had reached a final state."));
        if (entry.flags.testFlag(StatusTimeline::Duplicate))
            reasons.append(tr("The same update arrived %1 times.").arg(entry.count()));
        if (entry.flags.testFlag(StatusTimeline::NoTime))
            reasons.append(tr("The update has no readable time, so it is placed by its state."));
        return reasons.isEmpty() ? QVariant() : reasons.join(QLatin1Char('\n'));
    }
    default:
        break;
    }
    return QVariant();
}

QVariant StatusHistoryModel::sortValue(const StatusTimeline::Entry &entry, int column) const
{
    switch (column) {
    case StateColumn:
        return DeliveryReport::progressionRank(entry.report.state());
    case StatusColumn:
        return entry.report.status;
    case TimeColumn:
        return entry.report.timestamp.isValid() ? entry.report.timestamp.toMSecsSinceEpoch()
                                                : std::numeric_limits<qint64>::max();
    case GapColumn:
        return entry.gapMilliseconds ? *entry.gapMilliseconds : std::numeric_limits<qint64>::max();
    case DetailsColumn:
        return entry.report.details;
    case ArrivalColumn:
        return entry.report.arrival;
    case CountColumn:
        return entry.count();
    case FlagsColumn:
        return int(entry.flags.toInt());
    default:
        break;
    }
    return QVariant();
}

QStringList StatusHistoryModel::flagTexts(StatusTimeline::Flags flags) const
{
    QStringList texts;
    if (flags.testFlag(StatusTimeline::Regression))
        texts.append(tr("regression"));
    if (flags.testFlag(StatusTimeline::AfterTerminal))
        texts.append(tr("after a terminal state"));
    if (flags.testFlag(StatusTimeline::Duplicate))
        texts.append(tr("duplicate"));
    if (flags.testFlag(StatusTimeline::NoTime))
        texts.append(tr("no time"));
    if (flags.testFlag(StatusTimeline::UnknownState))
        texts.append(tr("unknown state"));
    return texts;
}

void StatusHistoryModel::setReports(const QList<DeliveryReport> &reports)
{
    beginResetModel();
    m_timeline = StatusTimeline::build(reports);
    endResetModel();
}

void StatusHistoryModel::clear()
{
    beginResetModel();
    m_timeline = StatusTimeline();
    endResetModel();
}

void StatusHistoryModel::setTimeZone(TimeFormatter::Zone zone)
{
    if (zone == m_timeZone)
        return;
    m_timeZone = zone;
    Q_EMIT headerDataChanged(Qt::Horizontal, TimeColumn, TimeColumn);
    if (m_timeline.isEmpty())
        return;
    Q_EMIT dataChanged(index(0, TimeColumn), index(rowCount() - 1, TimeColumn), {Qt::DisplayRole, Qt::ToolTipRole});
}
