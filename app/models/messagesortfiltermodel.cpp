#include "messagesortfiltermodel.h"

#include "logcategories.h"
#include "messagetablemodel.h"

#include <QElapsedTimer>

#include <algorithm>

MessageSortFilterModel::MessageSortFilterModel(QObject *parent)
    : QAbstractProxyModel(parent),
      m_sortRole(MessageTableModel::SortValueRole),
      m_filterRole(MessageTableModel::SearchTextRole)
{
}

void MessageSortFilterModel::setSourceModel(QAbstractItemModel *model)
{
    beginResetModel();
    for (const QMetaObject::Connection &connection : std::as_const(m_sourceConnections))
        disconnect(connection);
    m_sourceConnections.clear();
    QAbstractProxyModel::setSourceModel(model);
    clearKeys();
    m_unsortedRows = false;

    if (model) {
        m_sourceConnections = {
            connect(model, &QAbstractItemModel::modelAboutToBeReset, this, &MessageSortFilterModel::beginRebuild),
            connect(model, &QAbstractItemModel::modelReset, this, &MessageSortFilterModel::endRebuild),
            connect(model, &QAbstractItemModel::rowsAboutToBeInserted, this,
                    &MessageSortFilterModel::handleRowsAboutToBeInserted),
            connect(model, &QAbstractItemModel::rowsInserted, this, &MessageSortFilterModel::handleRowsInserted),
            connect(model, &QAbstractItemModel::rowsAboutToBeRemoved, this, &MessageSortFilterModel::beginRebuild),
            connect(model, &QAbstractItemModel::rowsRemoved, this, &MessageSortFilterModel::endRebuild),
            connect(model, &QAbstractItemModel::rowsAboutToBeMoved, this, &MessageSortFilterModel::beginRebuild),
            connect(model, &QAbstractItemModel::rowsMoved, this, &MessageSortFilterModel::endRebuild),
            connect(model, &QAbstractItemModel::layoutAboutToBeChanged, this, &MessageSortFilterModel::beginRebuild),
            connect(model, &QAbstractItemModel::layoutChanged, this, &MessageSortFilterModel::endRebuild),
            connect(model, &QAbstractItemModel::columnsAboutToBeInserted, this, &MessageSortFilterModel::beginRebuild),
            connect(model, &QAbstractItemModel::columnsInserted, this, &MessageSortFilterModel::endRebuild),
            connect(model, &QAbstractItemModel::columnsAboutToBeRemoved, this, &MessageSortFilterModel::beginRebuild),
            connect(model, &QAbstractItemModel::columnsRemoved, this, &MessageSortFilterModel::endRebuild),
            connect(model, &QAbstractItemModel::dataChanged, this, &MessageSortFilterModel::handleDataChanged),
            connect(model, &QAbstractItemModel::headerDataChanged, this, &QAbstractItemModel::headerDataChanged),
        };
    }
    rebuildRows();
    endResetModel();
}

QModelIndex MessageSortFilterModel::index(int row, int column, const QModelIndex &parent) const
{
    if (parent.isValid() || row < 0 || column < 0 || row >= rowCount() || column >= columnCount())
        return QModelIndex();
    return createIndex(row, column);
}

QModelIndex MessageSortFilterModel::parent(const QModelIndex &child) const
{
    Q_UNUSED(child);
    return QModelIndex();
}

QModelIndex MessageSortFilterModel::sibling(int row, int column, const QModelIndex &index) const
{
    return index.isValid() ? this->index(row, column) : QModelIndex();
}

int MessageSortFilterModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int MessageSortFilterModel::columnCount(const QModelIndex &parent) const
{
    if (parent.isValid() || !sourceModel())
        return 0;
    return sourceModel()->columnCount();
}

bool MessageSortFilterModel::hasChildren(const QModelIndex &parent) const
{
    return !parent.isValid() && rowCount() > 0 && columnCount() > 0;
}

QModelIndex MessageSortFilterModel::mapToSource(const QModelIndex &proxyIndex) const
{
    if (!proxyIndex.isValid() || !sourceModel() || proxyIndex.model() != this)
        return QModelIndex();
    const auto row = std::size_t(proxyIndex.row());
    if (row >= m_rows.size())
        return QModelIndex();
    return sourceModel()->index(m_rows[row], proxyIndex.column());
}

QModelIndex MessageSortFilterModel::mapFromSource(const QModelIndex &sourceIndex) const
{
    if (!sourceIndex.isValid() || sourceIndex.model() != sourceModel() || sourceIndex.parent().isValid())
        return QModelIndex();
    const auto sourceRow = std::size_t(sourceIndex.row());
    if (sourceRow >= m_proxyRowOfSource.size() || m_proxyRowOfSource[sourceRow] < 0)
        return QModelIndex();
    return index(m_proxyRowOfSource[sourceRow], sourceIndex.column());
}

void MessageSortFilterModel::sort(int column, Qt::SortOrder order)
{
    if (!sourceModel())
        return;
    m_sortColumn = column < sourceModel()->columnCount() ? column : -1;
    m_sortOrder = order;

    QElapsedTimer timer;
    timer.start();
    applySortWithLayoutChange();
    qCDebug(lcModel) << "sorted" << m_rows.size() << "rows by column" << m_sortColumn << "in" << timer.elapsed() << "ms";
}

void MessageSortFilterModel::setSortRole(int role)
{
    if (role == m_sortRole)
        return;
    m_sortRole = role;
    clearKeys();
    if (m_sortColumn >= 0)
        applySortWithLayoutChange();
}

void MessageSortFilterModel::setFilterRole(int role)
{
    if (role == m_filterRole)
        return;
    m_filterRole = role;
    if (m_filterText.isEmpty())
        return;
    beginResetModel();
    rebuildRows();
    endResetModel();
}

void MessageSortFilterModel::setFilterText(const QString &text)
{
    if (text == m_filterText)
        return;
    QElapsedTimer timer;
    timer.start();
    beginResetModel();
    m_filterText = text;
    rebuildRows();
    endResetModel();
    qCDebug(lcModel) << "filter kept" << m_rows.size() << "of" << m_proxyRowOfSource.size() << "rows in"
                     << timer.elapsed() << "ms";
}

void MessageSortFilterModel::setDynamicSortFilter(bool enabled)
{
    m_dynamicSort = enabled;
    if (enabled && m_unsortedRows)
        applySortWithLayoutChange();
}

void MessageSortFilterModel::beginRebuild()
{
    if (m_resetPending)
        return;
    m_resetPending = true;
    beginResetModel();
}

void MessageSortFilterModel::endRebuild()
{
    if (!m_resetPending)
        return;
    clearKeys();
    rebuildRows();
    m_resetPending = false;
    endResetModel();
}

void MessageSortFilterModel::handleRowsAboutToBeInserted(const QModelIndex &parent, int first, int last)
{
    Q_UNUSED(last);
    // Appending keeps every mapping; rows inserted anywhere else shift them.
    if (parent.isValid() || std::size_t(first) != m_proxyRowOfSource.size())
        beginRebuild();
}

void MessageSortFilterModel::handleRowsInserted(const QModelIndex &parent, int first, int last)
{
    if (m_resetPending) {
        endRebuild();
        return;
    }
    if (parent.isValid())
        return;

    appendKeys(first, last);
    m_proxyRowOfSource.resize(std::size_t(last) + 1, -1);
    std::vector<int> accepted;
    accepted.reserve(std::size_t(last - first + 1));
    for (int row = first; row <= last; ++row) {
        if (acceptsRow(row))
            accepted.push_back(row);
    }
    if (accepted.empty())
        return;

    const int firstProxyRow = int(m_rows.size());
    beginInsertRows(QModelIndex(), firstProxyRow, firstProxyRow + int(accepted.size()) - 1);
    for (int sourceRow : accepted) {
        m_proxyRowOfSource[std::size_t(sourceRow)] = int(m_rows.size());
        m_rows.push_back(sourceRow);
    }
    endInsertRows();

    if (m_sortColumn < 0)
        return;
    if (m_dynamicSort)
        applySortWithLayoutChange();
    else
        m_unsortedRows = true;
}

void MessageSortFilterModel::handleDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight,
                                               const QList<int> &roles)
{
    if (!topLeft.isValid() || !bottomRight.isValid() || topLeft.parent().isValid())
        return;

    const bool keysChanged = m_keyColumn >= topLeft.column() && m_keyColumn <= bottomRight.column()
                             && (roles.isEmpty() || roles.contains(m_sortRole));
    if (keysChanged)
        clearKeys();

    int firstProxyRow = int(m_rows.size());
    int lastProxyRow = -1;
    for (int sourceRow = topLeft.row(); sourceRow <= bottomRight.row(); ++sourceRow) {
        const int proxyRow = m_proxyRowOfSource[std::size_t(sourceRow)];
        if (proxyRow < 0)
            continue;
        firstProxyRow = std::min(firstProxyRow, proxyRow);
        lastProxyRow = std::max(lastProxyRow, proxyRow);
    }
    if (lastProxyRow >= 0)
        Q_EMIT dataChanged(index(firstProxyRow, topLeft.column()), index(lastProxyRow, bottomRight.column()), roles);

    if (keysChanged && m_sortColumn == m_keyColumn && m_sortColumn >= 0 && m_dynamicSort)
        applySortWithLayoutChange();
}

bool MessageSortFilterModel::acceptsRow(int sourceRow) const
{
    if (m_filterText.isEmpty())
        return true;
    const QModelIndex index = sourceModel()->index(sourceRow, 0);
    return sourceModel()->data(index, m_filterRole).toString().contains(m_filterText, Qt::CaseInsensitive);
}

void MessageSortFilterModel::rebuildRows()
{
    m_rows.clear();
    m_proxyRowOfSource.clear();
    const int sourceRows = sourceModel() ? sourceModel()->rowCount() : 0;
    m_rows.reserve(std::size_t(sourceRows));
    for (int row = 0; row < sourceRows; ++row) {
        if (acceptsRow(row))
            m_rows.push_back(row);
    }
    m_proxyRowOfSource.assign(std::size_t(sourceRows), -1);
    sortRows();
    rebuildSourceToProxy();
}

void MessageSortFilterModel::sortRows()
{
    m_unsortedRows = false;
    if (m_sortColumn < 0) {
        std::sort(m_rows.begin(), m_rows.end());
        return;
    }

    ensureKeys(m_sortColumn);
    // Equal keys keep the source order, which makes the sort stable without std::stable_sort's buffer.
    const bool ascending = m_sortOrder == Qt::AscendingOrder;
    if (m_textKeysUsed) {
        const std::vector<QString> &keys = m_textKeys;
        std::sort(m_rows.begin(), m_rows.end(), [&keys, ascending](int left, int right) {
            const QString &leftKey = keys[std::size_t(left)];
            const QString &rightKey = keys[std::size_t(right)];
            if (leftKey != rightKey)
                return ascending ? leftKey < rightKey : rightKey < leftKey;
            return left < right;
        });
        return;
    }
    const std::vector<qint64> &keys = m_numberKeys;
    std::sort(m_rows.begin(), m_rows.end(), [&keys, ascending](int left, int right) {
        const qint64 leftKey = keys[std::size_t(left)];
        const qint64 rightKey = keys[std::size_t(right)];
        if (leftKey != rightKey)
            return ascending ? leftKey < rightKey : rightKey < leftKey;
        return left < right;
    });
}

void MessageSortFilterModel::rebuildSourceToProxy()
{
    std::fill(m_proxyRowOfSource.begin(), m_proxyRowOfSource.end(), -1);
    for (std::size_t proxyRow = 0; proxyRow < m_rows.size(); ++proxyRow)
        m_proxyRowOfSource[std::size_t(m_rows[proxyRow])] = int(proxyRow);
}

void MessageSortFilterModel::applySortWithLayoutChange()
{
    const QList<QPersistentModelIndex> noParents;
    Q_EMIT layoutAboutToBeChanged(noParents, QAbstractItemModel::VerticalSortHint);

    const QModelIndexList persistent = persistentIndexList();
    QList<QPair<int, int>> sourcePositions;
    sourcePositions.reserve(persistent.size());
    for (const QModelIndex &index : persistent)
        sourcePositions.append({m_rows[std::size_t(index.row())], index.column()});

    sortRows();
    rebuildSourceToProxy();

    QModelIndexList moved;
    moved.reserve(persistent.size());
    for (const auto &[sourceRow, column] : std::as_const(sourcePositions))
        moved.append(index(m_proxyRowOfSource[std::size_t(sourceRow)], column));
    changePersistentIndexList(persistent, moved);

    Q_EMIT layoutChanged(noParents, QAbstractItemModel::VerticalSortHint);
}

void MessageSortFilterModel::ensureKeys(int column)
{
    const int sourceRows = sourceModel() ? sourceModel()->rowCount() : 0;
    if (column == m_keyColumn && m_numberKeys.size() == std::size_t(sourceRows))
        return;
    clearKeys();
    m_keyColumn = column;
    appendKeys(0, sourceRows - 1);
}

void MessageSortFilterModel::appendKeys(int first, int last)
{
    if (m_keyColumn < 0 || last < first)
        return;

    const QAbstractItemModel *model = sourceModel();
    m_numberKeys.reserve(std::size_t(last) + 1);
    for (int row = first; row <= last; ++row) {
        const QVariant value = model->data(model->index(row, m_keyColumn), m_sortRole);
        const int type = value.typeId();
        const bool isNumber = type == QMetaType::Int || type == QMetaType::LongLong || type == QMetaType::UInt
                              || type == QMetaType::Bool;
        if (!isNumber && !m_textKeysUsed) {
            // From the first key that is not a whole number on, every key compares as text.
            m_textKeysUsed = true;
            m_textKeys.reserve(std::size_t(last) + 1);
            for (qint64 number : std::as_const(m_numberKeys))
                m_textKeys.push_back(QString::number(number));
        }
        m_numberKeys.push_back(isNumber ? value.toLongLong() : 0);
        // Folded once here, so that each comparison is a plain one.
        if (m_textKeysUsed)
            m_textKeys.push_back(value.toString().toCaseFolded());
    }
}

void MessageSortFilterModel::clearKeys()
{
    m_keyColumn = -1;
    m_textKeysUsed = false;
    m_numberKeys.clear();
    m_textKeys.clear();
}
