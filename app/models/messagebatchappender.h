#pragma once

#include "inboundmessage.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <chrono>

class MessageTableModel;

// Appends messages that arrive page by page to a MessageTableModel in batches: the
// first batch on the next pass of the event loop, then at most one per interval. A load of hundreds of pages
// then updates the views a few times a second instead of once per page, and each
// update is one beginInsertRows() with the exact range.
class MessageBatchAppender : public QObject
{
    Q_OBJECT

public:
    static constexpr std::chrono::milliseconds DefaultInterval{250};

    explicit MessageBatchAppender(MessageTableModel *model, QObject *parent = nullptr);

    void setInterval(std::chrono::milliseconds interval);
    std::chrono::milliseconds interval() const { return m_interval; }

    // Queues messages. They reach the model on the next pass of the event loop when
    // no batch went out within the interval, otherwise when the interval ends.
    void append(QList<InboundMessage> messages);
    // Appends everything queued now, as at the end of a load.
    void flush();
    // Drops what is queued, as when the model is cleared for another search.
    void discard();

    qsizetype pendingCount() const { return m_pendingCount; }
    // Batches appended to the model so far.
    int batchCount() const { return m_batchCount; }

Q_SIGNALS:
    // A batch reached the model; rowCount is the model's row count after it.
    void batchAppended(int messageCount, int rowCount);

private:
    void handleTimeout();

    QPointer<MessageTableModel> m_model;
    // Pages as they arrived. Keeping them apart lets the model take each page's
    // messages by moving them once the sender has let go of its copy, instead of
    // copying them into one list here.
    QList<QList<InboundMessage>> m_pending;
    qsizetype m_pendingCount = 0;
    QTimer m_timer;
    std::chrono::milliseconds m_interval = DefaultInterval;
    int m_batchCount = 0;
};
