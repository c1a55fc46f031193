#include "messagetablemodel.h"

#include "callbackparser.h"
#include "logcategories.h"
#include "notificationpager.h"

#include <QThreadPool>

#include <limits>
#include <memory>

namespace {

// Keeps a name in its own direction, so that a right-to-left name does not pull the
// number after it into its run (first-strong isolate and pop directional isolate).
QString isolated(const QString &text)
{
    return QChar(0x2068) + text + QChar(0x2069);
}

constexpr int ToolTipPreviewGraphemes = 600;

// The number of parsed messages the cache keeps: more than a screen of rows, so
// that painting parses each shown row once.
constexpr int CachedMessageCount = 1024;

qint64 timeSortValue(const Timestamp &timestamp)
{
    return timestamp.isValid() ? timestamp.toMSecsSinceEpoch() : std::numeric_limits<qint64>::max();
}

} // namespace

MessageTableModel::MessageTableModel(QObject *parent)
    : QAbstractTableModel(parent), m_cache(CachedMessageCount)
{
}

int MessageTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int MessageTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MessageTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || std::size_t(index.row()) >= m_rows.size() || index.column() >= ColumnCount)
        return QVariant();

    switch (role) {
    case Qt::DisplayRole:
        return displayValue(message(index.row()), index.column());
    case Qt::ToolTipRole:
        return toolTip(message(index.row()), index.column());
    case SortValueRole:
        // Sorting by time, the usual sort, reads no message.
        if (index.column() == TimeColumn)
            return m_rows[std::size_t(index.row())].sortTime;
        return sortValue(message(index.row()), index.column());
    case MessageIndexRole:
        return index.row();
    case SearchTextRole:
        return searchText(message(index.row()));
    default:
        break;
    }
    return QVariant();
}

QVariant MessageTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);

    switch (section) {
    case TimeColumn:
        return m_timeZone == TimeFormatter::Zone::Utc ? tr("Time (UTC)") : tr("Time (local)");
    case SenderColumn:
        return tr("Sender");
    case TypeColumn:
        return tr("Type");
    case PreviewColumn:
        return tr("Preview");
    case MessageIdColumn:
        return tr("Message id");
    case ReplyToColumn:
        return tr("Replies to");
    case FlagsColumn:
        return tr("Flags");
    default:
        break;
    }
    return QVariant();
}

QVariant MessageTableModel::displayValue(const InboundMessage &message, int column) const
{
    switch (column) {
    case TimeColumn:
        return TimeFormatter::format(message.timestamp, m_timeZone);
    case SenderColumn:
        return senderText(message);
    case TypeColumn:
        return message.type.isEmpty() ? tr("(none)") : message.type;
    case PreviewColumn:
        return message.preview();
    case MessageIdColumn:
        return message.messageId;
    case ReplyToColumn:
        return replyToText(message);
    case FlagsColumn:
        return flagTexts(message).join(QStringLiteral(", "));
    default:
        break;
    }
    return QVariant();
}

QVariant MessageTableModel::toolTip(const InboundMessage &message, int column) const
{
    switch (column) {
    case TimeColumn: {
        if (!message.timestamp.isValid())
            return message.timestamp.isMissing() ? tr("The message came without a timestamp.")
                                                 : tr("The timestamp \"%1\" could not be read.").arg(message.timestamp.raw());
        const TimeFormatter::Zone other = m_timeZone == TimeFormatter::Zone::Utc ? TimeFormatter::Zone::Local
                                                                                 : TimeFormatter::Zone::Utc;
        return tr("%1\nAs sent: %2").arg(TimeFormatter::format(message.timestamp, other), message.timestamp.raw());
    }
    case SenderColumn:
        return message.contactName.isEmpty()
                   ? tr("No profile name came with this message.")
                   : tr("%1, number as sent: %2").arg(isolated(message.contactName), message.from);
    case PreviewColumn:
        return message.preview(ToolTipPreviewGraphemes);
    case ReplyToColumn:
        if (!message.replyingTo)
            return QVariant();
        if (message.replyingTo->messageId.isEmpty())
            return tr("Replies to a message from %1, but the callback left out that message's id.")
                .arg(message.replyingTo->from);
        return tr("Replies to message %1 from %2").arg(message.replyingTo->messageId, message.replyingTo->from);
    case FlagsColumn:
        if (message.problems.isEmpty())
            return QVariant();
        return tr("Parts that could not be read:\n%1").arg(message.problems.join(QLatin1Char('\n')));
    default:
        break;
    }
    return QVariant();
}

QVariant MessageTableModel::sortValue(const InboundMessage &message, int column) const
{
    switch (column) {
    case TimeColumn:
        return timeSortValue(message.timestamp);
    case SenderColumn:
        return message.fromDigits.isEmpty() ? message.from : message.fromDigits;
    case TypeColumn:
        return message.type;
    case PreviewColumn:
        return message.preview();
    case MessageIdColumn:
        return message.messageId;
    case ReplyToColumn:
        return message.replyingTo ? message.replyingTo->messageId : QString();
    case FlagsColumn:
        return int(flagTexts(message).size());
    default:
        break;
    }
    return QVariant();
}

QString MessageTableModel::senderText(const InboundMessage &message) const
{
    if (message.contactName.isEmpty())
        return message.from.isEmpty() ? tr("(unknown sender)") : message.from;
    return tr("%1 (%2)").arg(isolated(message.contactName), message.from);
}

QString MessageTableModel::replyToText(const InboundMessage &message) const
{
    if (!message.replyingTo)
        return QString();
    if (message.replyingTo->messageId.isEmpty())
        return tr("(id missing)");
    return message.replyingTo->messageId;
}

QString MessageTableModel::searchText(const InboundMessage &message)
{
    const QChar separator(QLatin1Char('\n'));
    QString text = message.contactName;
    text += separator + message.from + separator + message.type + separator + message.summary() + separator
            + message.messageId;
    if (message.replyingTo)
        text += separator + message.replyingTo->messageId;
    return text;
}

QStringList MessageTableModel::flagTexts(const InboundMessage &message) const
{
    QStringList flags;
    if (message.frequentlyForwarded)
        flags.append(tr("frequently forwarded"));
    else if (message.forwarded)
        flags.append(tr("forwarded"));
    if (message.referral)
        flags.append(tr("referral"));
    if (!message.problems.isEmpty())
        flags.append(message.problems.size() == 1 ? tr("1 unreadable part")
                                                  : tr("%1 unreadable parts").arg(message.problems.size()));
    return flags;
}

void MessageTableModel::setMessages(const QList<InboundMessage> &messages)
{
    beginResetModel();
    m_rows.clear();
    m_pageBodies.clear();
    m_wholeMessages.clear();
    forgetCache();
    for (const InboundMessage &message : messages)
        appendRow(message);
    endResetModel();
    qCDebug(lcModel) << "message table shows" << m_rows.size() << "messages";
}

void MessageTableModel::appendMessages(const QList<InboundMessage> &messages)
{
    if (messages.isEmpty())
        return;
    const int first = int(m_rows.size());
    beginInsertRows(QModelIndex(), first, first + int(messages.size()) - 1);
    for (const InboundMessage &message : messages)
        appendRow(message);
    endInsertRows();
}

void MessageTableModel::appendMessages(QList<InboundMessage> &&messages)
{
    appendMessages(std::as_const(messages));
    releaseElsewhere(QList<QList<InboundMessage>>{std::move(messages)});
}

void MessageTableModel::appendBatches(QList<QList<InboundMessage>> &&batches)
{
    qsizetype count = 0;
    for (const QList<InboundMessage> &batch : std::as_const(batches))
        count += batch.size();
    if (count == 0)
        return;
    const int first = int(m_rows.size());
    beginInsertRows(QModelIndex(), first, first + int(count) - 1);
    for (const QList<InboundMessage> &batch : std::as_const(batches)) {
        for (const InboundMessage &message : batch)
            appendRow(message);
    }
    endInsertRows();
    releaseElsewhere(std::move(batches));
}

void MessageTableModel::releaseElsewhere(QList<QList<InboundMessage>> &&batches)
{
    // Freeing a page of parsed messages takes longer than storing their rows, so a
    // pool thread frees them. Their text is shared with nothing but the rows'
    // contact names and page bodies, whose reference counts are atomic.
    auto released = std::make_shared<QList<QList<InboundMessage>>>(std::move(batches));
    batches.clear();
    QThreadPool::globalInstance()->start([released] { released->clear(); });
}

void MessageTableModel::appendRow(const InboundMessage &message)
{
    Row row;
    row.sortTime = timeSortValue(message.timestamp);
    row.contactName = message.contactName;
    row.callbackIndex = message.callbackIndex;
    row.notificationIndex = message.notificationIndex;
    if (message.rawOffset >= 0 && !message.pageBody.isEmpty()) {
        // Messages of one page share its body, and pages arrive one after another.
        if (m_pageBodies.empty() || m_pageBodies.back().constData() != message.pageBody.constData())
            m_pageBodies.push_back(message.pageBody);
        row.page = qint32(m_pageBodies.size() - 1);
        row.offset = message.rawOffset;
        row.length = message.rawLength;
    } else {
        row.offset = qint32(m_wholeMessages.size());
        m_wholeMessages.push_back(message);
    }
    m_rows.push_back(std::move(row));
}

const InboundMessage &MessageTableModel::message(int row) const
{
    const Row &stored = m_rows[std::size_t(row)];
    if (stored.page < 0)
        return m_wholeMessages[std::size_t(stored.offset)];

    CachedMessage &cached = m_cache[std::size_t(row) % m_cache.size()];
    if (cached.row != row) {
        cached.message = CallbackParser::parseNotification(m_pageBodies[std::size_t(stored.page)], stored.offset,
                                                           stored.length);
        cached.message.contactName = stored.contactName;
        cached.message.callbackIndex = stored.callbackIndex;
        cached.message.notificationIndex = stored.notificationIndex;
        cached.row = row;
    }
    return cached.message;
}

void MessageTableModel::forgetCache() const
{
    for (CachedMessage &cached : m_cache) {
        cached.row = -1;
        cached.message = InboundMessage();
    }
}

void MessageTableModel::clear()
{
    setMessages({});
}

InboundMessage MessageTableModel::messageAt(int row) const
{
    Q_ASSERT(row >= 0 && std::size_t(row) < m_rows.size());
    return message(row);
}

void MessageTableModel::setSource(NotificationPager *pager)
{
    if (m_source == pager)
        return;
    disconnect(m_sourceConnection);
    m_source = pager;
    if (!pager)
        return;
    m_sourceConnection = connect(pager, &NotificationPager::pageLoaded, this,
                                 [this](int, const QList<InboundMessage> &messages, int) { setMessages(messages); });
}

void MessageTableModel::setTimeZone(TimeFormatter::Zone zone)
{
    if (zone == m_timeZone)
        return;
    m_timeZone = zone;
    Q_EMIT headerDataChanged(Qt::Horizontal, TimeColumn, TimeColumn);
    if (m_rows.empty())
        return;
    Q_EMIT dataChanged(index(0, TimeColumn), index(rowCount() - 1, TimeColumn), {Qt::DisplayRole, Qt::ToolTipRole});
}
