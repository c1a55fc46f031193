#pragma once

#include "apireply.h"
#include "callbackparser.h"
#include "notificationquery.h"

#include <memory>
#include <utility>

// The reply to one inbound-messages page request.
class NotificationPageReply : public ApiReply
{
    Q_OBJECT

public:
    NotificationPageReply(Sender sender, Settings settings, NotificationQuery query, QString regionName, QObject *parent);

    const NotificationQuery &query() const { return m_query; }
    // The page's content; empty until finished() without error.
    const CallbackParser::NotificationPage &page() const { return m_result; }
    // Moves the page's content out, leaving page() empty; cheaper than a copy that
    // is then changed.
    CallbackParser::NotificationPage takePage() { return std::exchange(m_result, {}); }

protected:
    void parsed() override;

private:
    NotificationQuery m_query;
    std::shared_ptr<CallbackParser::NotificationPage> m_storage;
    CallbackParser::NotificationPage m_result;
};
