#pragma once

#include "inboundmessage.h"
#include "timeformatter.h"

#include <QAbstractTableModel>
#include <QList>
#include <QPointer>

#include <deque>
#include <vector>

class NotificationPager;

// The inbound messages in the table, one row each: one page, or every page of a
// load of all pages.
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
    // Adds the messages of several lists, in order, with one insertion.
    void appendBatches(QList<QList<InboundMessage>> &&batches);
    void clear();

    // The message of a row. row must be between 0 and rowCount() - 1.
    InboundMessage messageAt(int row) const;


    // Feeds the model from the pager, so every loaded page replaces the rows. Pass
    // nullptr to stop.
    void setSource(NotificationPager *pager);

    void setTimeZone(TimeFormatter::Zone zone);
    TimeFormatter::Zone timeZone() const { return m_timeZone; }

private:
    // A row of a message parsed from a page: its place in the page body, which the
    // rows of that page share. The model parses the message again when it is shown,
    // because a parsed message takes several times the memory of its JSON. A
    // message without a page body, such as one built in code, is kept whole.
    struct Row
    {
        qint64 sortTime = 0;  // the time column's sort value
        QString contactName;  // joined from the page's contacts by the parser
        qint32 page = -1;     // index into m_pageBodies, or -1 for a message kept whole
        qint32 offset = 0;    // into the page body, or into m_wholeMessages
        qint32 length = 0;
        qint32 callbackIndex = -1;
        qint32 notificationIndex = -1;
    };

    // A message parsed again recently, by row. A view requests the same rows many
    // times while it paints.
    struct CachedMessage
    {
        int row = -1;
        InboundMessage message;
    };

    // The message of a row, valid until the next call.
    const InboundMessage &message(int row) const;
    void appendRow(const InboundMessage &message);
    void forgetCache() const;
    static void releaseElsewhere(QList<QList<InboundMessage>> &&batches);
    QVariant displayValue(const InboundMessage &message, int column) const;
    QVariant toolTip(const InboundMessage &message, int column) const;
    QVariant sortValue(const InboundMessage &message, int column) const;
    QString senderText(const InboundMessage &message) const;
    QString replyToText(const InboundMessage &message) const;
    static QString searchText(const InboundMessage &message);
    QStringList flagTexts(const InboundMessage &message) const;

    // Deques, because appending to them never moves what they already hold.
    std::deque<Row> m_rows;
    std::deque<QByteArray> m_pageBodies;
    std::deque<InboundMessage> m_wholeMessages;
    mutable std::vector<CachedMessage> m_cache;
    QPointer<NotificationPager> m_source;
    QMetaObject::Connection m_sourceConnection;
    TimeFormatter::Zone m_timeZone = TimeFormatter::Zone::Utc;
};
