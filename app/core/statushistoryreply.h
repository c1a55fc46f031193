#pragma once

#include "apireply.h"
#include "deliveryreport.h"

#include <QList>

#include <memory>

// The reply to one status-history request: every delivery report of one message, as sent.
class StatusHistoryReply : public ApiReply
{
    Q_OBJECT

public:
    StatusHistoryReply(Sender sender, Settings settings, QString messageId, QString regionName, QObject *parent);

    const QString &messageId() const { return m_messageId; }
    const QList<DeliveryReport> &reports() const { return m_result; }

protected:
    void parsed() override;

private:
    QString m_messageId;
    std::shared_ptr<QList<DeliveryReport>> m_storage;
    QList<DeliveryReport> m_result;
};
