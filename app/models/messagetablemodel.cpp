#include "messagetablemodel.h"

#include "logcategories.h"
#include "notificationpager.h"

#include <limits>

namespace {

// Keeps a name in its own direction, so that a right-to-left name does not pull the
// number after it into its run (first-strong isolate and pop directional isolate).
QString isolated(const QString &text)
{
    return QChar(0x2068) + text + QChar(0x2069);
}

constexpr int ToolTipPreviewGraphemes = 600;

} // namespace

MessageTableModel::MessageTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

int MessageTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_messages.size());
}

int MessageTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MessageTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || std::size_t(index.row()) >= m_messages.size() || index.column() >= ColumnCount)
        return QVariant();

    const InboundMessage &message = m_messages[std::size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        return displayValue(message, index.column());
    case Qt::ToolTipRole:
        return toolTip(message, index.column());
    case SortValueRole:
        return sortValue(message, index.column());
    case MessageIndexRole:
        return index.row();
    case SearchTextRole:
        return searchText(message);
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
        return message.timestamp.isValid() ? message.timestamp.toMSecsSinceEpoch()
                                           : std::numeric_limits<qint64>::max();
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
    m_messages.assign(messages.cbegin(), messages.cend());
    endResetModel();
    qCDebug(lcModel) << "message table shows" << m_messages.size() << "messages";
}

void MessageTableModel::appendMessages(const QList<InboundMessage> &messages)
{
    if (messages.isEmpty())
        return;
    const int first = int(m_messages.size());
    const int last = first + int(messages.size()) - 1;
    beginInsertRows(QModelIndex(), first, last);
    m_messages.insert(m_messages.end(), messages.cbegin(), messages.cend());
    endInsertRows();
}

void MessageTableModel::appendMessages(QList<InboundMessage> &&messages)
{
    if (messages.isEmpty())
        return;
    const int first = int(m_messages.size());
    const int last = first + int(messages.size()) - 1;
    beginInsertRows(QModelIndex(), first, last);
    appendMoved(std::move(messages));
    endInsertRows();
}

void MessageTableModel::appendBatches(QList<QList<InboundMessage>> &&batches)
{
    qsizetype count = 0;
    for (const QList<InboundMessage> &batch : std::as_const(batches))
        count += batch.size();
    if (count == 0)
        return;
    const int first = int(m_messages.size());
    beginInsertRows(QModelIndex(), first, first + int(count) - 1);
    for (QList<InboundMessage> &batch : batches)
        appendMoved(std::move(batch));
    endInsertRows();
}

void MessageTableModel::appendMoved(QList<InboundMessage> &&messages)
{
    // Moving out of a list that another copy still shares would detach it first,
    // so a shared list is copied instead.
    if (messages.isDetached()) {
        for (InboundMessage &message : messages)
            m_messages.push_back(std::move(message));
    } else {
        m_messages.insert(m_messages.end(), messages.cbegin(), messages.cend());
    }
    messages.clear();
}

void MessageTableModel::clear()
{
    setMessages({});
}

const InboundMessage &MessageTableModel::messageAt(int row) const
{
    Q_ASSERT(row >= 0 && std::size_t(row) < m_messages.size());
    return m_messages[std::size_t(row)];
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
    if (m_messages.empty())
        return;
    Q_EMIT dataChanged(index(0, TimeColumn), index(rowCount() - 1, TimeColumn), {Qt::DisplayRole, Qt::ToolTipRole});
}
