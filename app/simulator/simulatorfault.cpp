#include "simulatorfault.h"

#include <QHostAddress>

using namespace Qt::StringLiterals;

namespace {

// The largest body huge-body writes: large enough for any size limit a client
// sets, small enough that a typo cannot keep the simulator streaming for hours.
constexpr qint64 MaxHugeBodyBytes = qint64(4) * 1024 * 1024 * 1024;

std::optional<qint64> readInteger(const QString &text, qint64 minimum, qint64 maximum)
{
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    if (!ok || value < minimum || value > maximum)
        return std::nullopt;
    return value;
}

// The statuses that status: and html-error-page: accept. QHttpServer 6.4 writes
// the reason phrase from its own table, and a status missing there throws.
bool isServableErrorStatus(qint64 status)
{
    static const QList<qint64> statuses{400, 401, 403, 404, 405, 408, 409, 410, 413,
                                        429, 500, 501, 502, 503, 504};
    return statuses.contains(status);
}

bool isLoopback(const QUrl &url)
{
    if (url.host() == u"localhost"_s)
        return true;
    const QHostAddress address(url.host());
    return !address.isNull() && address.isLoopback();
}

} // namespace

SimulatorFault SimulatorFault::resetMidBody()
{
    return SimulatorFault(Kind::ResetMidBody);
}

SimulatorFault SimulatorFault::neverAnswer()
{
    return SimulatorFault(Kind::NeverAnswer);
}

SimulatorFault SimulatorFault::dripBody(std::chrono::milliseconds interval)
{
    SimulatorFault fault(Kind::DripBody);
    fault.m_interval = interval;
    return fault;
}

SimulatorFault SimulatorFault::hugeBody(qint64 bytes, bool announceLength)
{
    SimulatorFault fault(Kind::HugeBody);
    fault.m_bodyBytes = bytes;
    fault.m_announceLength = announceLength;
    return fault;
}

SimulatorFault SimulatorFault::rateLimit(std::optional<int> retryAfterSeconds)
{
    SimulatorFault fault(Kind::RateLimit);
    fault.m_httpStatus = 429;
    fault.m_retryAfterSeconds = retryAfterSeconds;
    return fault;
}

SimulatorFault SimulatorFault::status(int httpStatus)
{
    SimulatorFault fault(Kind::Status);
    fault.m_httpStatus = httpStatus;
    return fault;
}

SimulatorFault SimulatorFault::htmlErrorPage(int httpStatus)
{
    SimulatorFault fault(Kind::HtmlErrorPage);
    fault.m_httpStatus = httpStatus;
    return fault;
}

SimulatorFault SimulatorFault::emptyOk()
{
    return SimulatorFault(Kind::EmptyOk);
}

SimulatorFault SimulatorFault::notJson()
{
    return SimulatorFault(Kind::NotJson);
}

SimulatorFault SimulatorFault::invalidUtf8()
{
    return SimulatorFault(Kind::InvalidUtf8);
}

SimulatorFault SimulatorFault::deepNesting(int depth)
{
    SimulatorFault fault(Kind::DeepNesting);
    fault.m_depth = depth;
    return fault;
}

SimulatorFault SimulatorFault::redirectTo(const QUrl &target)
{
    SimulatorFault fault(Kind::RedirectTo);
    fault.m_httpStatus = 302;
    fault.m_target = target;
    return fault;
}

bool SimulatorFault::breaksConnection() const
{
    return m_kind == Kind::ResetMidBody || m_kind == Kind::NeverAnswer || m_kind == Kind::DripBody
           || m_kind == Kind::HugeBody;
}

QStringList SimulatorFault::syntaxHelp()
{
    return {
        u"none: normal service"_s,
        u"reset-mid-body: half of a real page, then a TCP reset"_s,
        u"never-answer: read the request and send nothing"_s,
        u"drip-body[:MS]: a real page, one byte every MS milliseconds (default 1000)"_s,
        u"huge-body:BYTES: a valid JSON page of BYTES bytes with Content-Length"_s,
        u"huge-body-chunked:BYTES: the same, chunked, without Content-Length"_s,
        u"rate-limit[:SECONDS]: HTTP 429, with Retry-After when SECONDS is given"_s,
        u"status:CODE: HTTP CODE (a common 4xx or 5xx) with a JSON error body"_s,
        u"html-error-page[:CODE]: a proxy's HTML error page with HTTP CODE (default 502)"_s,
        u"empty-ok: HTTP 200 with an empty body"_s,
        u"not-json: HTTP 200 with a plain-text body"_s,
        u"invalid-utf8: HTTP 200 with a page whose text is not valid UTF-8"_s,
        u"deep-nesting[:DEPTH]: HTTP 200 with arrays nested DEPTH levels deep (default 10000)"_s,
        u"redirect-to:URL: HTTP 302 to URL, which must be on 127.0.0.1, ::1 or localhost"_s,
    };
}

std::optional<SimulatorFault> SimulatorFault::parse(const QString &text, QString *error)
{
    const qsizetype colon = text.indexOf(u':');
    const QString name = (colon < 0 ? text : text.left(colon)).trimmed().toLower();
    const QString argument = colon < 0 ? QString() : text.mid(colon + 1).trimmed();
    const bool hasArgument = colon >= 0;

    const auto fail = [&](const QString &reason) -> std::optional<SimulatorFault> {
        *error = u"Invalid fault '%1': %2"_s.arg(text, reason);
        return std::nullopt;
    };
    const auto noArgument = [&](SimulatorFault fault) -> std::optional<SimulatorFault> {
        if (hasArgument)
            return fail(u"%1 takes no argument."_s.arg(name));
        return fault;
    };

    if (name == u"none"_s)
        return noArgument(none());
    if (name == u"reset-mid-body"_s)
        return noArgument(resetMidBody());
    if (name == u"never-answer"_s)
        return noArgument(neverAnswer());
    if (name == u"empty-ok"_s)
        return noArgument(emptyOk());
    if (name == u"not-json"_s)
        return noArgument(notJson());
    if (name == u"invalid-utf8"_s)
        return noArgument(invalidUtf8());

    if (name == u"drip-body"_s) {
        if (!hasArgument)
            return dripBody();
        const auto interval = readInteger(argument, 1, 60000);
        if (!interval)
            return fail(u"expected an interval from 1 to 60000 milliseconds."_s);
        return dripBody(std::chrono::milliseconds(*interval));
    }
    if (name == u"huge-body"_s || name == u"huge-body-chunked"_s) {
        const auto bytes = readInteger(argument, 64, MaxHugeBodyBytes);
        if (!bytes)
            return fail(u"expected a size from 64 to %1 bytes."_s.arg(MaxHugeBodyBytes));
        return hugeBody(*bytes, name == u"huge-body"_s);
    }
    if (name == u"rate-limit"_s) {
        if (!hasArgument)
            return rateLimit();
        const auto seconds = readInteger(argument, 0, 86400);
        if (!seconds)
            return fail(u"expected a Retry-After from 0 to 86400 seconds."_s);
        return rateLimit(int(*seconds));
    }
    if (name == u"status"_s || name == u"html-error-page"_s) {
        if (!hasArgument && name == u"html-error-page"_s)
            return htmlErrorPage();
        const auto code = readInteger(argument, 400, 599);
        if (!code || !isServableErrorStatus(*code))
            return fail(u"expected one of the HTTP statuses 400, 401, 403, 404, 405, 408, 409, 410, 413, "
                        u"429, 500, 501, 502, 503 and 504."_s);
        return name == u"status"_s ? status(int(*code)) : htmlErrorPage(int(*code));
    }
    if (name == u"deep-nesting"_s) {
        if (!hasArgument)
            return deepNesting();
        const auto depth = readInteger(argument, 1, 10000000);
        if (!depth)
            return fail(u"expected a depth from 1 to 10000000."_s);
        return deepNesting(int(*depth));
    }
    if (name == u"redirect-to"_s) {
        const QUrl target(argument, QUrl::StrictMode);
        if (!target.isValid() || (target.scheme() != u"http"_s && target.scheme() != u"https"_s))
            return fail(u"expected an http:// or https:// URL."_s);
        if (!isLoopback(target))
            return fail(u"the URL must point at 127.0.0.1, ::1 or localhost."_s);
        return redirectTo(target);
    }
    return fail(u"unknown fault. Known faults:\n  %1"_s.arg(syntaxHelp().join(u"\n  "_s)));
}

QString SimulatorFault::toString() const
{
    switch (m_kind) {
    case Kind::None:
        return u"none"_s;
    case Kind::ResetMidBody:
        return u"reset-mid-body"_s;
    case Kind::NeverAnswer:
        return u"never-answer"_s;
    case Kind::DripBody:
        return u"drip-body:%1"_s.arg(m_interval.count());
    case Kind::HugeBody:
        return (m_announceLength ? u"huge-body:%1"_s : u"huge-body-chunked:%1"_s).arg(m_bodyBytes);
    case Kind::RateLimit:
        return m_retryAfterSeconds ? u"rate-limit:%1"_s.arg(*m_retryAfterSeconds) : u"rate-limit"_s;
    case Kind::Status:
        return u"status:%1"_s.arg(m_httpStatus);
    case Kind::HtmlErrorPage:
        return u"html-error-page:%1"_s.arg(m_httpStatus);
    case Kind::EmptyOk:
        return u"empty-ok"_s;
    case Kind::NotJson:
        return u"not-json"_s;
    case Kind::InvalidUtf8:
        return u"invalid-utf8"_s;
    case Kind::DeepNesting:
        return u"deep-nesting:%1"_s.arg(m_depth);
    case Kind::RedirectTo:
        return u"redirect-to:%1"_s.arg(m_target.toString());
    }
    return QString();
}
