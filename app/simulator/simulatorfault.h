#pragma once

#include <QString>
#include <QStringList>
#include <QUrl>

#include <chrono>
#include <optional>

// One way for the simulated Callback Store to fail on purpose, so that tests and
// the command line can check how the inspector copes with a hostile server or a
// broken network. CallbackStoreSimulator::setFault() applies it.
class SimulatorFault
{
public:
    enum class Kind {
        None,          // normal service
        ResetMidBody,  // half the body, then a TCP reset
        NeverAnswer,   // reads the request and sends nothing
        DripBody,      // a real page, one byte per interval
        HugeBody,      // a valid JSON body of the given size, streamed
        RateLimit,     // 429, with or without Retry-After
        Status,        // the given HTTP status with a JSON error body
        HtmlErrorPage, // a proxy's HTML error page
        EmptyOk,       // 200 with no body
        NotJson,       // 200 with a plain-text body
        InvalidUtf8,   // 200 with a page whose text is not valid UTF-8
        DeepNesting,   // 200 with JSON nested thousands of levels deep
        RedirectTo,    // 302 to the given URL
    };

    SimulatorFault() = default;

    static SimulatorFault none() { return {}; }
    static SimulatorFault resetMidBody();
    static SimulatorFault neverAnswer();
    static SimulatorFault dripBody(std::chrono::milliseconds interval = std::chrono::seconds(1));
    // announceLength false sends the body chunked, without Content-Length.
    static SimulatorFault hugeBody(qint64 bytes, bool announceLength = true);
    static SimulatorFault rateLimit(std::optional<int> retryAfterSeconds = std::nullopt);
    static SimulatorFault status(int httpStatus);
    static SimulatorFault htmlErrorPage(int httpStatus = 502);
    static SimulatorFault emptyOk();
    static SimulatorFault notJson();
    static SimulatorFault invalidUtf8();
    static SimulatorFault deepNesting(int depth = 10000);
    static SimulatorFault redirectTo(const QUrl &target);

    Kind kind() const { return m_kind; }
    bool isNone() const { return m_kind == Kind::None; }
    int httpStatus() const { return m_httpStatus; }
    qint64 bodyBytes() const { return m_bodyBytes; }
    bool announcesLength() const { return m_announceLength; }
    int depth() const { return m_depth; }
    std::chrono::milliseconds interval() const { return m_interval; }
    std::optional<int> retryAfterSeconds() const { return m_retryAfterSeconds; }
    QUrl target() const { return m_target; }
    // Whether the fault is written on the socket by FaultyResponse rather than as
    // one ordinary HTTP response.
    bool breaksConnection() const;

    // Parses the command line's form, "name" or "name:argument" (see syntaxHelp()).
    // Returns nothing and sets *error when the text is not a fault.
    static std::optional<SimulatorFault> parse(const QString &text, QString *error);
    // The command line's form of this fault, which parse() reads back.
    QString toString() const;
    // One line per fault, for --help.
    static QStringList syntaxHelp();

private:
    explicit SimulatorFault(Kind kind) : m_kind(kind) {}

    Kind m_kind = Kind::None;
    int m_httpStatus = 0;
    qint64 m_bodyBytes = 0;
    bool m_announceLength = true;
    int m_depth = 0;
    std::chrono::milliseconds m_interval{0};
    std::optional<int> m_retryAfterSeconds;
    QUrl m_target;
};
