#include "messagebatchappender.h"

#include "messagetablemodel.h"

MessageBatchAppender::MessageBatchAppender(MessageTableModel *model, QObject *parent)
    : QObject(parent), m_model(model)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(DefaultInterval);
    connect(&m_timer, &QTimer::timeout, this, &MessageBatchAppender::handleTimeout);
}

void MessageBatchAppender::setInterval(std::chrono::milliseconds interval)
{
    m_timer.setInterval(interval);
}

void MessageBatchAppender::append(QList<InboundMessage> messages)
{
    if (messages.isEmpty())
        return;
    if (m_pending.isEmpty())
        m_pending = std::move(messages);
    else
        m_pending.append(std::move(messages));

    // The timer runs for one interval after each batch; while it runs, messages wait.
    if (!m_timer.isActive())
        flush();
}

void MessageBatchAppender::flush()
{
    if (m_pending.isEmpty())
        return;
    const int count = int(m_pending.size());
    if (m_model)
        m_model->appendMessages(std::exchange(m_pending, {}));
    m_pending.clear();
    ++m_batchCount;
    m_timer.start();
    Q_EMIT batchAppended(count, m_model ? m_model->rowCount() : 0);
}

void MessageBatchAppender::discard()
{
    m_pending.clear();
    m_timer.stop();
}

void MessageBatchAppender::handleTimeout()
{
    flush();
}
