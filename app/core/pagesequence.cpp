#include "pagesequence.h"

#include "apireply.h"

#include <algorithm>
#include <limits>

void PageSequence::clear()
{
    m_firstPageOfKey.clear();
    m_acceptedKeys.clear();
}

quint64 PageSequence::idKey(QStringView id)
{
    if (id.isEmpty())
        return 0;
    // Any fixed seed: the keys are compared only within one run of the program.
    const quint64 key = qHash(id, size_t(0x9e3779b97f4a7c15ULL));
    return key == 0 ? 1 : key;
}

void PageSequence::computeIdKeys(const QList<InboundMessage> &messages, std::vector<quint64> *keys,
                                 std::vector<quint64> *sorted)
{
    keys->clear();
    keys->reserve(std::size_t(messages.size()));
    for (const InboundMessage &message : messages)
        keys->push_back(idKey(message.messageId));
    *sorted = *keys;
    std::sort(sorted->begin(), sorted->end());
    sorted->erase(std::unique(sorted->begin(), sorted->end()), sorted->end());
}

PageSequence::Result PageSequence::accept(int page, CallbackParser::NotificationPage content, int pageSize,
                                          bool followsAccepted)
{
    Result result;
    // The parser computes the keys; a page built by hand may come without them.
    std::vector<quint64> keys = std::move(content.messageIdKeys);
    std::vector<quint64> sorted = std::move(content.sortedIdKeys);
    if (keys.size() != std::size_t(content.messages.size()))
        computeIdKeys(content.messages, &keys, &sorted);

    if (followsAccepted && content.callbackCount == 0) {
        result.verdict = Verdict::EmptyPastEnd;
        return result;
    }
    if (followsAccepted && !sorted.empty() && sorted == m_acceptedKeys) {
        result.verdict = Verdict::Repeated;
        return result;
    }

    // A message that an earlier page already listed is kept there only. Messages
    // without an id cannot be matched, so they always stay. One lookup per message
    // both checks and records its id. Page numbers start at 1, so 0 marks a new id.
    QList<InboundMessage> &messages = content.messages;
    qsizetype keptCount = 0;
    for (qsizetype i = 0; i < messages.size(); ++i) {
        const quint64 key = keys[std::size_t(i)];
        if (key != 0) {
            int &firstPage = m_firstPageOfKey[key];
            if (firstPage != 0 && firstPage < page)
                continue;
            firstPage = page;
        }
        if (keptCount != i)
            messages[keptCount] = std::move(messages[i]);
        ++keptCount;
    }
    result.droppedCount = messages.size() - keptCount;
    if (result.droppedCount > 0)
        messages.resize(keptCount);

    m_acceptedKeys = std::move(sorted);

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
