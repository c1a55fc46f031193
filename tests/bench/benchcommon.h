#pragma once

// Helpers shared by the benchmarks: the RESULT line, median timing, thread CPU
// time, resident memory, and the standalone simulator in a child process.

#include "apiendpoint.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QList>
#include <QProcess>
#include <QSet>
#include <QString>

#include <functional>
#include <memory>

class MessageTableModel;

namespace Bench {

// Prints "RESULT name: inspector ..., baseline ..., ratio r (target <= t), met: yes"
// and returns the ratio. Both figures are in the same unit.
double printResult(const QString &name, const QString &inspectorLabel, double inspector, const QString &baselineLabel,
                   double baseline, const QString &unit, double targetRatio);

// Prints "RESULT name: text" for a figure without a target.
void printMeasure(const QString &name, const QString &text);

// Runs job runs times and returns the median wall time in milliseconds.
double medianMilliseconds(int runs, const std::function<void()> &job);

// CPU time of the calling thread, in milliseconds.
double threadCpuMilliseconds();

// CPU time of this process, all threads together, in milliseconds.
double processCpuMilliseconds();

// VmRSS of this process from /proc/self/status, in bytes, after returning freed
// heap memory to the system (malloc_trim), so that freed buffers do not count.
qint64 residentBytes();

// callback-store-sim in a child process on 127.0.0.1 with a free port, serving
// generated data for one bot, so that its work does not share the benchmark's
// threads. The path comes from the build (CALLBACK_STORE_SIM).
// One load of every page through AllPagesLoader, into a model when one is given.
struct LoadResult
{
    bool completed = false;
    double wallMilliseconds = 0;
    // CPU time of the thread that ran the load (the GUI thread in the window).
    double threadCpuMilliseconds = 0;
    // CPU time of the whole process during the load, parsing threads included.
    double processCpuMilliseconds = 0;
    int pages = 0;
    qint64 messages = 0;
    qint64 bodyBytes = 0;
    int peakRequestsInFlight = 0;
    // Pages requested, including those past the end that were cancelled.
    int pagesRequested = 0;
    // Local ports of this process's TCP connections to the server, seen during the load.
    QSet<quint16> clientPorts;
};

// Loads every page with pageSize callbacks each. With a model, pages go into it
// through a MessageBatchAppender as in the window. With countConnections, the
// connections are read from /proc every 100 ms, which costs the thread time.
LoadResult loadAllPages(const ApiEndpoint &endpoint, int pageSize, MessageTableModel *model,
                        bool countConnections = false, int requestsInFlight = 6);

// Adds to ports the local ports of this process's open TCP connections to serverPort,
// read from /proc/self/fd and /proc/net/tcp.
void collectClientPorts(quint16 serverPort, QSet<quint16> *ports);

class SimulatorProcess
{
public:
    static const QString BotId;
    static const QString Token;

    ~SimulatorProcess();

    // Starts the server with messageCount generated messages and waits until it
    // listens; false with the reason in *error otherwise.
    bool start(int messageCount, QString *error);
    quint16 port() const { return m_port; }
    // The profile that reaches the simulated bot.
    ApiEndpoint endpoint() const;
    // The notifications URL of one page, as the client sends it.
    QString pageUrl(int page, int pageSize) const;
    // CPU time that the server process has used so far, in milliseconds.
    double cpuMilliseconds() const;
    // Fetches one page's body, waiting for it; empty when the request failed.
    QByteArray fetchPage(int page, int pageSize) const;
    // Fetches a page of about messageCount messages: page_size counts callbacks,
    // and a callback can carry several messages, so the size is found by trying.
    QByteArray fetchPageOfMessages(int messageCount) const;

private:
    std::unique_ptr<QProcess> m_process;
    quint16 m_port = 0;
};

} // namespace Bench
