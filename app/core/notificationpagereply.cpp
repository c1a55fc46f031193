#include "notificationpagereply.h"

NotificationPageReply::NotificationPageReply(Sender sender, Settings settings, NotificationQuery query, QString regionName,
                                             QObject *parent)
    : ApiReply(std::move(sender), settings, std::move(regionName), parent),
      m_query(std::move(query)),
      m_storage(std::make_shared<CallbackParser::NotificationPage>())
{
    setParseJob([storage = m_storage](const QByteArray &body) {
        return CallbackParser::parseNotificationPage(body, storage.get());
    });
}

void NotificationPageReply::parsed()
{
    m_result = std::move(*m_storage);
}
