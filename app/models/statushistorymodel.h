#pragma once

#include "deliveryreport.h"
#include "statustimeline.h"
#include "timeformatter.h"

#include <QAbstractTableModel>
#include <QList>

// The status history of one outbound message, one row per timeline entry, in the
// order StatusTimeline puts them.
class StatusHistoryModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { StateColumn, StatusColumn, TimeColumn, GapColumn, DetailsColumn, ArrivalColumn, CountColumn, FlagsColumn, ColumnCount };

    enum Role {
        // A value that sorts the column correctly. It is epoch milliseconds for the time
        // (missing times sort last), a number for the state's progression, gap, arrival,
        // count and flags, and text otherwise.
        SortValueRole = Qt::UserRole + 1,
        // The row's position in timeline().entries(), unchanged by a sorting proxy.
        EntryIndexRole,
    };

    explicit StatusHistoryModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Orders the reports into a timeline and shows it in place of the previous one.
    void setReports(const QList<DeliveryReport> &reports);
    void clear();
    const StatusTimeline &timeline() const { return m_timeline; }

    void setTimeZone(TimeFormatter::Zone zone);
    TimeFormatter::Zone timeZone() const { return m_timeZone; }

private:
    QVariant displayValue(const StatusTimeline::Entry &entry, int column) const;
    QVariant toolTip(const StatusTimeline::Entry &entry, int column) const;
    QVariant sortValue(const StatusTimeline::Entry &entry, int column) const;
    QStringList flagTexts(StatusTimeline::Flags flags) const;

    StatusTimeline m_timeline;
    TimeFormatter::Zone m_timeZone = TimeFormatter::Zone::Utc;
};
