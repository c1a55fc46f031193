#include "benchcommon.h"

#include "allpagesloader.h"
#include "apiclient.h"
#include "callbackparser.h"
#include "messagebatchappender.h"
#include "messagetablemodel.h"

#include <QDir>

#include <QEventLoop>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QTimer>
#include <QTextStream>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <malloc.h>
#include <unistd.h>

namespace Bench {

const QString SimulatorProcess::BotId = QStringLiteral("bench-bot");
const QString SimulatorProcess::Token = QStringLiteral("bench-token");

double printResult(const QString &name, const QString &inspectorLabel, double inspector, const QString &baselineLabel,
                   double baseline, const QString &unit, double targetRatio)
{
    const double ratio = baseline > 0 ? inspector / baseline : 0.0;
    const bool met = ratio <= targetRatio;
    const QString line = QStringLiteral("RESULT %1: inspector %2 %3 %4, baseline %5 %6 %4, ratio %7 (target <= %8), met: %9")
                             .arg(name, inspectorLabel)
                             .arg(inspector, 0, 'f', 2)
                             .arg(unit, baselineLabel)
                             .arg(baseline, 0, 'f', 2)
                             .arg(ratio, 0, 'f', 2)
                             .arg(targetRatio, 0, 'g', 3)
                             .arg(met ? QStringLiteral("yes") : QStringLiteral("no"));
    std::fprintf(stdout, "%s\n", qPrintable(line));
    std::fflush(stdout);
    return ratio;
}

void printMeasure(const QString &name, const QString &text)
{
    std::fprintf(stdout, "RESULT %s: %s\n", qPrintable(name), qPrintable(text));
    std::fflush(stdout);
}

double medianMilliseconds(int runs, const std::function<void()> &job)
{
    QList<double> times;
    times.reserve(runs);
    for (int run = 0; run < runs; ++run) {
        QElapsedTimer timer;
        timer.start();
        job();
        times.append(double(timer.nsecsElapsed()) / 1e6);
    }
    std::sort(times.begin(), times.end());
    return times.at(times.size() / 2);
}

double threadCpuMilliseconds()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return double(now.tv_sec) * 1000.0 + double(now.tv_nsec) / 1e6;
}

double processCpuMilliseconds()
{
    timespec now{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return double(now.tv_sec) * 1000.0 + double(now.tv_nsec) / 1e6;
}

qint64 residentBytes()
{
    malloc_trim(0);
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> lines = status.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (!line.startsWith("VmRSS:"))
            continue;
        const QList<QByteArray> parts = line.simplified().split(' ');
        return parts.size() >= 2 ? parts.at(1).toLongLong() * 1024 : -1;
    }
    return -1;
}

void collectClientPorts(quint16 serverPort, QSet<quint16> *ports)
{
    QSet<QByteArray> socketInodes;
    const QDir descriptors(QStringLiteral("/proc/self/fd"));
    const QStringList entries = descriptors.entryList(QDir::System | QDir::NoDotAndDotDot);
    for (const QString &entry : entries) {
        const QString target = QFile::symLinkTarget(descriptors.filePath(entry));
        const QString socketPrefix = QStringLiteral("socket:[");
        if (target.contains(socketPrefix))
            socketInodes.insert(target.section(socketPrefix, 1).chopped(1).toLatin1());
    }

    QFile table(QStringLiteral("/proc/net/tcp"));
    if (!table.open(QIODevice::ReadOnly))
        return;
    const QList<QByteArray> lines = table.readAll().split('\n');
    for (qsizetype i = 1; i < lines.size(); ++i) {
        // Fields: sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode ...
        const QList<QByteArray> fields = lines.at(i).simplified().split(' ');
        if (fields.size() < 10 || !socketInodes.contains(fields.at(9)))
            continue;
        bool ok = false;
        const quint16 remotePort = quint16(fields.at(2).split(':').value(1).toUInt(&ok, 16));
        if (!ok || remotePort != serverPort)
            continue;
        ports->insert(quint16(fields.at(1).split(':').value(1).toUInt(&ok, 16)));
    }
}

LoadResult loadAllPages(const ApiEndpoint &endpoint, int pageSize, MessageTableModel *model, bool countConnections,
                        int requestsInFlight)
{
    ApiClient client;
    client.setEndpoint(endpoint);
    AllPagesLoader loader(&client);
    loader.setRequestsInFlight(requestsInFlight);
    MessageBatchAppender appender(model);
    const quint16 serverPort = quint16(endpoint.euBaseUrl.port());

    LoadResult result;
    QObject::connect(&loader, &AllPagesLoader::pageLoaded, &loader,
                     [&](int, const QList<InboundMessage> &messages, int) {
                         if (model)
                             appender.append(messages);
                     });
    QTimer connectionSampler;
    if (countConnections) {
        QObject::connect(&connectionSampler, &QTimer::timeout, &loader,
                         [&] { collectClientPorts(serverPort, &result.clientPorts); });
        connectionSampler.start(100);
    }
    QEventLoop loop;
    const auto stop = [&loop] { loop.quit(); };
    QObject::connect(&loader, &AllPagesLoader::completed, &loop, [&](int, const QString &) {
        result.completed = true;
        stop();
    });
    QObject::connect(&loader, &AllPagesLoader::failed, &loop, stop);
    QObject::connect(&loader, &AllPagesLoader::cancelled, &loop, stop);

    NotificationQuery query;
    query.pageSize = pageSize;
    const double cpuAtStart = threadCpuMilliseconds();
    const double processCpuAtStart = processCpuMilliseconds();
    QElapsedTimer timer;
    timer.start();
    loader.start(query);
    loop.exec();
    appender.flush();
    result.wallMilliseconds = double(timer.nsecsElapsed()) / 1e6;
    result.threadCpuMilliseconds = threadCpuMilliseconds() - cpuAtStart;
    result.processCpuMilliseconds = processCpuMilliseconds() - processCpuAtStart;

    if (countConnections)
        collectClientPorts(serverPort, &result.clientPorts);
    result.pages = loader.pagesDelivered();
    result.messages = loader.messagesDelivered();
    result.bodyBytes = loader.bytesReceived();
    result.peakRequestsInFlight = loader.peakRequestsInFlight();
    result.pagesRequested = loader.pagesRequested();
    return result;
}

SimulatorProcess::~SimulatorProcess()
{
    if (!m_process)
        return;
    m_process->terminate();
    if (!m_process->waitForFinished(5000))
        m_process->kill();
}

bool SimulatorProcess::start(int messageCount, QString *error)
{
    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::SeparateChannels);
    m_process->start(QStringLiteral(CALLBACK_STORE_SIM),
                     {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--bot"), BotId,
                      QStringLiteral("--token"), Token, QStringLiteral("--region"), QStringLiteral("eu"),
                      QStringLiteral("--messages"), QString::number(messageCount), QStringLiteral("--reference-time"),
                      QStringLiteral("2026-12-01T00:00:00Z")});
    if (!m_process->waitForStarted(10000)) {
        *error = QStringLiteral("callback-store-sim did not start: %1").arg(m_process->errorString());
        return false;
    }

    // The first line of its summary names the port: "Callback Store simulator on 127.0.0.1:PORT".
    static const QRegularExpression portPattern(QStringLiteral("127\\.0\\.0\\.1:(\\d+)"));
    QByteArray output;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 60000) {
        m_process->waitForReadyRead(1000);
        output += m_process->readAllStandardOutput();
        const QRegularExpressionMatch match = portPattern.match(QString::fromUtf8(output));
        if (match.hasMatch()) {
            m_port = quint16(match.captured(1).toUInt());
            return true;
        }
        if (m_process->state() != QProcess::Running)
            break;
    }
    *error = QStringLiteral("callback-store-sim did not report its port; it wrote: %1 %2")
                 .arg(QString::fromUtf8(output), QString::fromUtf8(m_process->readAllStandardError()));
    return false;
}

ApiEndpoint SimulatorProcess::endpoint() const
{
    const QString base = QStringLiteral("http://127.0.0.1:%1/").arg(m_port);
    ApiEndpoint endpoint;
    endpoint.region = ApiEndpoint::Region::Eu;
    endpoint.usBaseUrl = QUrl(base + QStringLiteral("us"));
    endpoint.euBaseUrl = QUrl(base + QStringLiteral("eu"));
    endpoint.botId = BotId;
    endpoint.token = Token;
    return endpoint;
}

QString SimulatorProcess::pageUrl(int page, int pageSize) const
{
    return QStringLiteral("http://127.0.0.1:%1/eu/whatsapp/v1/%2/callbacks/notifications?page=%3&page_size=%4")
        .arg(m_port)
        .arg(BotId)
        .arg(page)
        .arg(pageSize);
}

double SimulatorProcess::cpuMilliseconds() const
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(m_process->processId()));
    if (!stat.open(QIODevice::ReadOnly))
        return -1;
    // Fields 14 and 15 are utime and stime in clock ticks; the name in field 2 has no spaces.
    const QList<QByteArray> fields = stat.readAll().split(' ');
    if (fields.size() < 15)
        return -1;
    const double ticks = double(fields.at(13).toLongLong() + fields.at(14).toLongLong());
    return ticks * 1000.0 / double(sysconf(_SC_CLK_TCK));
}

QByteArray SimulatorProcess::fetchPage(int page, int pageSize) const
{
    QNetworkAccessManager network;
    QNetworkRequest request{QUrl(pageUrl(page, pageSize))};
    request.setRawHeader("Authorization", "Bearer " + Token.toUtf8());
    request.setRawHeader("Accept", "application/json");
    QNetworkReply *reply = network.get(request);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    const QByteArray body = reply->error() == QNetworkReply::NoError ? reply->readAll() : QByteArray();
    delete reply;
    return body;
}

QByteArray SimulatorProcess::fetchPageOfMessages(int messageCount) const
{
    int pageSize = messageCount;
    QByteArray body;
    for (int attempt = 0; attempt < 4; ++attempt) {
        body = fetchPage(1, pageSize);
        CallbackParser::NotificationPage page;
        if (body.isEmpty() || CallbackParser::parseNotificationPage(body, &page) || page.messages.isEmpty())
            return {};
        if (page.messages.size() == messageCount)
            break;
        pageSize = std::max(1, int(qint64(pageSize) * messageCount / page.messages.size()));
    }
    return body;
}

} // namespace Bench
