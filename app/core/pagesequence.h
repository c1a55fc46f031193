#pragma once

#include "apierror.h"
#include "callbackparser.h"

#include <QList>
#include <QString>

#include <vector>

#include <absl/container/flat_hash_map.h>

// The checks that the pages of one inbound-messages search get as they are shown:
// where the data ends, and which messages an earlier page already listed.
//
// The API sends no total count. A page with fewer results (callbacks) than the page
// size is the last one. An empty page, or a page that lists the same message ids as
// the page before it, means that the page before was the last. NotificationPager
// (one page at a time) and AllPagesLoader (every page, in page order) both use it.
class PageSequence
{
public:
    enum class Verdict {
        More,         // a full page: later pages may hold more messages
        Last,         // fewer callbacks than the page size, so no page follows
        EmptyPastEnd, // no callbacks after a page that was accepted: that page was the last
        Repeated,     // the same message ids as the page accepted before: that page was the last
    };

    struct Result
    {
        Verdict verdict = Verdict::More;
        // The page's messages that no earlier page listed; empty for EmptyPastEnd and Repeated.
        QList<InboundMessage> messages;
        // Messages left out because an earlier page of the search listed them.
        qsizetype droppedCount = 0;
        int messagesWithProblems = 0;
    };

    // Forgets every page, for a new search.
    void clear();

    // Checks one page and records its message ids. followsAccepted says that the
    // page comes right after the page accepted last, so that an empty or repeated
    // page ends the data; pages that end the data are not recorded.
    Result accept(int page, CallbackParser::NotificationPage content, int pageSize, bool followsAccepted);

    // Whether an error for the page after a full page means that the data ended
    // there. Some servers respond to a page past the end with an error instead of an
    // empty page; authentication failures and the statuses that ask to try again
    // later (429, 502, 503, 504) are real failures, whatever the page.
    static bool errorEndsData(const ApiError &error);

    // A 64-bit digest of a message id, which the checks compare instead of the id:
    // the parser computes the digests on its worker thread, so that checking a page
    // of a thousand messages costs the window's thread little. 0 for an empty id.
    // NOTE: Two different ids with the same digest would count as one message. For
    // a search of a million messages the chance is about 3 in 100 million.
    static quint64 idKey(QStringView id);
    // Sets *keys to idKey() of each message's id, in order, and *sorted to the same
    // keys sorted without repeats.
    static void computeIdKeys(const QList<InboundMessage> &messages, std::vector<quint64> *keys,
                              std::vector<quint64> *sorted);

private:
    // The first page of this search that listed each message id, by idKey(). A
    // load of every page looks up each message here on the window's thread, and
    // guithread_bench measured this flat table faster than QHash<quint64, int>.
    absl::flat_hash_map<quint64, int> m_firstPageOfKey;
    // The keys of the page accepted last, sorted without repeats.
    std::vector<quint64> m_acceptedKeys;
};
