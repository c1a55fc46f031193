#include "pagesequence.h"

#include "apireply.h"

#include <algorithm>
#include <limits>

void PageSequence::clear()
{
    m_firstPageOfId.clear();
    m_acceptedIds.clear();
}

PageSequence::Result PageSequence::accept(int page, CallbackParser::NotificationPage content, int pageSize,
                                          bool followsAccepted)
{
    Result result;
    // The parser collects the ids; a page built by hand may come without them.
    QSet<QString> ids = std::move(content.messageIds);
    if (ids.isEmpty()) {
        ids.reserve(content.messages.size());
        for (const InboundMessage &message : std::as_const(content.messages))
            ids.insert(message.messageId);
    }

    if (followsAccepted && content.callbackCount == 0) {
        result.verdict = Verdict::EmptyPastEnd;
        return result;
    }
    if (followsAccepted && !ids.isEmpty() && ids == m_acceptedIds) {
        result.verdict = Verdict::Repeated;
        return result;
    }

    // A message that an earlier page already listed is kept there only. Messages
    // without an id cannot be matched, so they always stay.
    QList<InboundMessage> &messages = content.messages;
    const auto listedEarlier = [this, page](const InboundMessage &message) {
        return !message.messageId.isEmpty()
               && m_firstPageOfId.value(message.messageId, std::numeric_limits<int>::max()) < page;
    };
    const auto repeated = std::remove_if(messages.begin(), messages.end(), listedEarlier);
    result.droppedCount = std::distance(repeated, messages.end());
    messages.erase(repeated, messages.end());

    for (const QString &id : std::as_const(ids)) {
        auto found = m_firstPageOfId.find(id);
        if (found == m_firstPageOfId.end())
            m_firstPageOfId.insert(id, page);
        else if (page < found.value())
            found.value() = page;
    }
    m_acceptedIds = std::move(ids);

    result.messagesWithProblems = int(std::count_if(messages.cbegin(), messages.cend(), [](const InboundMessage &message) {
        return !message.problems.isEmpty();
    }));
    // page_size counts the response's results, the callbacks, and one callback can
    // carry several messages, so a short page is one with fewer callbacks.
    result.verdict = content.callbackCount < pageSize ? Verdict::Last : Verdict::More;
    result.messages = std::move(messages);
    return result;
}

bool PageSequence::errorEndsData(const ApiError &error)
{
    if (error.kind != ApiError::Kind::Http)
        return false;
    const int status = error.httpStatus;
    return status >= 400 && status != 401 && status != 403 && !ApiReply::isRetryableStatus(status);
}
