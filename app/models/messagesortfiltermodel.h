#pragma once

#include <QAbstractProxyModel>
#include <QString>

#include <vector>

// Sorts and filters the rows of a flat table model such as MessageTableModel, for a
// view over a hundred thousand rows and more.
//
// A sort reads each row's key once from the source's sort role and keeps the keys
// for later sorts and appended rows, so sorting costs little more than
// std::stable_sort over an index vector. Equal keys keep the source order. The quick
// filter keeps the rows whose filter-role text contains the filter text, ignoring
// case. It is applied when the text changes and to appended rows, but not when a
// row's data changes.
//
// Rows that the source appends join at the end. While dynamic sorting is on (the
// default) they are then sorted in with one layout change per append. While it is
// off they stay at the end until sort() or setDynamicSortFilter(true), so that a long
// load does not sort the whole table at every batch. Inserting elsewhere, removing
// or moving source rows rebuilds the proxy with a reset.
class MessageSortFilterModel : public QAbstractProxyModel
{
    Q_OBJECT

public:
    explicit MessageSortFilterModel(QObject *parent = nullptr);

    void setSourceModel(QAbstractItemModel *sourceModel) override;

    QModelIndex index(int row, int column, const QModelIndex &parent = QModelIndex()) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    QModelIndex sibling(int row, int column, const QModelIndex &index) const override;
    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    bool hasChildren(const QModelIndex &parent = QModelIndex()) const override;
    QModelIndex mapToSource(const QModelIndex &proxyIndex) const override;
    QModelIndex mapFromSource(const QModelIndex &sourceIndex) const override;

    // Sorts by column; a negative column restores the source order.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }

    // The role whose values sort a column: numbers compare as numbers, anything else
    // as text ignoring case. MessageTableModel::SortValueRole unless set.
    void setSortRole(int role);
    // The role whose text the filter searches, read from column 0.
    // MessageTableModel::SearchTextRole unless set.
    void setFilterRole(int role);

    void setFilterText(const QString &text);
    QString filterText() const { return m_filterText; }

    void setDynamicSortFilter(bool enabled);
    bool dynamicSortFilter() const { return m_dynamicSort; }
    // Whether appended rows wait at the end for the next sort.
    bool hasUnsortedRows() const { return m_unsortedRows; }

private:
    void handleRowsAboutToBeInserted(const QModelIndex &parent, int first, int last);
    void handleRowsInserted(const QModelIndex &parent, int first, int last);
    void handleDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight, const QList<int> &roles);
    void beginRebuild();
    void endRebuild();

    bool acceptsRow(int sourceRow) const;
    // Fills m_rows with the accepted source rows in the current sort order.
    void rebuildRows();
    void sortRows();
    void rebuildSourceToProxy();
    // Reorders the rows with one layout change, keeping persistent indexes on their rows.
    void applySortWithLayoutChange();
    void ensureKeys(int column);
    void appendKeys(int first, int last);
    void clearKeys();

    // Proxy row to source row, and source row to proxy row (-1 when filtered out).
    std::vector<int> m_rows;
    std::vector<int> m_proxyRowOfSource;

    // Sort keys of every source row for m_keyColumn: numbers, or case-folded text when
    // any key is not a whole number.
    std::vector<qint64> m_numberKeys;
    std::vector<QString> m_textKeys;
    int m_keyColumn = -1;
    bool m_textKeysUsed = false;

    QList<QMetaObject::Connection> m_sourceConnections;
    QString m_filterText;
    int m_sortRole;
    int m_filterRole;
    int m_sortColumn = -1;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    bool m_dynamicSort = true;
    bool m_unsortedRows = false;
    bool m_resetPending = false;
};
