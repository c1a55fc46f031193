#pragma once

#include "inboundmessage.h"
#include "timeformatter.h"

#include <QAbstractTableModel>
#include <QList>
#include <QPointer>

class NotificationPager;

// The inbound messages of one page, one row each.
class MessageTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { TimeColumn, SenderColumn, TypeColumn, PreviewColumn, MessageIdColumn, ReplyToColumn, FlagsColumn, ColumnCount };

    enum Role {
        // A value that sorts the column correctly. It is epoch milliseconds for the time
        // (missing and unreadable times sort last), digits for the sender, text otherwise.
        SortValueRole = Qt::UserRole + 1,
        // The row's position in the model's own list, unchanged by a sorting proxy.
        MessageIndexRole,
        // The text that the quick filter searches, in any column: the sender's name and
        // number, the type, the content at full length, the message id and the id it replies to.
        SearchTextRole,
    };

    explicit MessageTableModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Replaces every row, as when another page is shown.
    void setMessages(const QList<InboundMessage> &messages);
    // Adds rows after the last one.
    void appendMessages(const QList<InboundMessage> &messages);
    void appendMessages(QList<InboundMessage> &&messages);
    void clear();

    // The message of a row, valid until the rows change. row must be between 0 and
    // rowCount() - 1.
    const InboundMessage &messageAt(int row) const;
    const QList<InboundMessage> &messages() const { return m_messages; }

    // Feeds the model from the pager, so every loaded page replaces the rows. Pass
    // nullptr to stop.
    void setSource(NotificationPager *pager);

    void setTimeZone(TimeFormatter::Zone zone);
    TimeFormatter::Zone timeZone() const { return m_timeZone; }

private:
    QVariant displayValue(const InboundMessage &message, int column) const;
    QVariant toolTip(const InboundMessage &message, int column) const;
    QVariant sortValue(const InboundMessage &message, int column) const;
    QString senderText(const InboundMessage &message) const;
    QString replyToText(const InboundMessage &message) const;
    static QString searchText(const InboundMessage &message);
    QStringList flagTexts(const InboundMessage &message) const;

    QList<InboundMessage> m_messages;
    QPointer<NotificationPager> m_source;
    QMetaObject::Connection m_sourceConnection;
    TimeFormatter::Zone m_timeZone = TimeFormatter::Zone::Utc;
};
