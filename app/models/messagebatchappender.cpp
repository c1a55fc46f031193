#include "messagebatchappender.h"

#include "messagetablemodel.h"

MessageBatchAppender::MessageBatchAppender(MessageTableModel *model, QObject *parent)
    : QObject(parent), m_model(model)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &MessageBatchAppender::handleTimeout);
}

void MessageBatchAppender::setInterval(std::chrono::milliseconds interval)
{
    m_interval = interval;
}

void MessageBatchAppender::append(QList<InboundMessage> messages)
{
    if (messages.isEmpty())
        return;
    m_pendingCount += messages.size();
    m_pending.append(std::move(messages));

    // The timer runs for one interval after each batch; while it runs, messages
    // wait. Otherwise they go out on the next pass of the event loop, when the
    // sender's copy is gone and the model can move them.
    if (!m_timer.isActive())
        m_timer.start(0);
}

void MessageBatchAppender::flush()
{
    if (m_pending.isEmpty())
        return;
    const int count = int(m_pendingCount);
    if (m_model)
        m_model->appendBatches(std::exchange(m_pending, {}));
    m_pending.clear();
    m_pendingCount = 0;
    ++m_batchCount;
    m_timer.start(m_interval);
    Q_EMIT batchAppended(count, m_model ? m_model->rowCount() : 0);
}

void MessageBatchAppender::discard()
{
    m_pending.clear();
    m_pendingCount = 0;
    m_timer.stop();
}

void MessageBatchAppender::handleTimeout()
{
    flush();
}
