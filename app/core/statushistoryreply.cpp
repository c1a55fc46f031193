#include "statushistoryreply.h"

#include "callbackparser.h"

StatusHistoryReply::StatusHistoryReply(Sender sender, Settings settings, QString messageId, QString regionName, QObject *parent)
    : ApiReply(std::move(sender), settings, std::move(regionName), parent),
      m_messageId(std::move(messageId)),
      m_storage(std::make_shared<QList<DeliveryReport>>())
{
    setParseJob([storage = m_storage](const QByteArray &body) {
        return CallbackParser::parseStatusHistory(body, storage.get());
    });
}

void StatusHistoryReply::parsed()
{
    m_result = std::move(*m_storage);
}
