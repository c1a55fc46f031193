#include "faultyresponse.h"

#include "simulatorlogging.h"

#include <QTcpSocket>

#include <sys/socket.h>

using namespace std::chrono_literals;

namespace {

// The JSON that a huge body is made of: a page of empty callbacks, padded with
// spaces so that it has exactly the requested size.
constexpr QByteArrayView HugeBodyStart = "{\"results\":[";
constexpr QByteArrayView HugeBodyElement = "{\"type\":\"whatsapp\",\"notifications\":[]},";
constexpr QByteArrayView HugeBodyEnd = "{\"type\":\"whatsapp\",\"notifications\":[]}]}";

constexpr qint64 HugeBodyChunkBytes = 64 * 1024;
// Bytes the socket may hold unsent before streaming waits for the client to read.
constexpr qint64 MaxPendingBytes = 1024 * 1024;

} // namespace

FaultyResponse::FaultyResponse(const SimulatorFault &fault, QHttpServerResponder &&responder, QByteArray page,
                               QObject *parent)
    : QObject(parent), m_fault(fault), m_page(std::move(page))
{
    m_responder.emplace(std::move(responder));
    m_socket = m_responder->socket();
    if (m_socket) {
        connect(m_socket, &QAbstractSocket::disconnected, this, &FaultyResponse::finish);
        connect(m_socket, &QObject::destroyed, this, &FaultyResponse::finish);
    }
}

FaultyResponse::~FaultyResponse() = default;

void FaultyResponse::start()
{
    if (!m_socket || m_socket->state() != QAbstractSocket::ConnectedState) {
        finish();
        return;
    }

    switch (m_fault.kind()) {
    case SimulatorFault::Kind::ResetMidBody:
        writeHalfThenReset();
        break;
    case SimulatorFault::Kind::NeverAnswer:
        // The responder stays open until the client gives up and disconnects.
        break;
    case SimulatorFault::Kind::DripBody:
        writeHead(200, "application/json", m_page.size());
        connect(&m_timer, &QTimer::timeout, this, &FaultyResponse::dripNextByte);
        m_timer.start(m_fault.interval());
        break;
    case SimulatorFault::Kind::HugeBody:
        writeHead(200, "application/json", m_fault.announcesLength() ? m_fault.bodyBytes() : -1);
        connect(m_socket, &QIODevice::bytesWritten, this, &FaultyResponse::streamHugeBody);
        streamHugeBody();
        break;
    default:
        qCWarning(lcSimulator).noquote() << "Fault" << m_fault.toString() << "is an ordinary response; nothing written";
        finish();
        break;
    }
}

// Writes the status line and headers; a negative contentLength means a chunked body.
void FaultyResponse::writeHead(int httpStatus, const QByteArray &contentType, qint64 contentLength)
{
    m_responder->writeStatusLine(QHttpServerResponder::StatusCode(httpStatus));
    m_responder->writeHeader("Content-Type", contentType);
    if (contentLength >= 0)
        m_responder->writeHeader("Content-Length", QByteArray::number(contentLength));
    else
        m_responder->writeHeader("Transfer-Encoding", "chunked");
}

void FaultyResponse::writeHalfThenReset()
{
    writeHead(200, "application/json", m_page.size());
    m_responder->writeBody(m_page.left(m_page.size() / 2));
    m_socket->flush();
    // The pause lets the half body reach the client before the reset does.
    QTimer::singleShot(100ms, this, &FaultyResponse::resetConnection);
}

void FaultyResponse::resetConnection()
{
    if (!m_socket || m_finished)
        return;
    // A zero linger time makes close() send a TCP reset (RST) instead of an orderly
    // shutdown (FIN), as a crashed server or a dropping firewall does.
    const linger immediate{1, 0};
    if (::setsockopt(int(m_socket->socketDescriptor()), SOL_SOCKET, SO_LINGER, &immediate, sizeof immediate) != 0)
        qCWarning(lcSimulator) << "Could not set SO_LINGER; the connection closes without a reset";
    qCDebug(lcSimulator) << "Reset the connection after" << m_page.size() / 2 << "of" << m_page.size() << "bytes";
    m_socket->abort();
    finish();
}

void FaultyResponse::dripNextByte()
{
    if (!m_socket || m_finished)
        return;
    if (m_written >= m_page.size()) {
        finish();
        return;
    }
    m_responder->writeBody(m_page.constData() + m_written, 1);
    ++m_written;
}

void FaultyResponse::streamHugeBody()
{
    if (!m_socket || m_finished)
        return;
    const qint64 total = m_fault.bodyBytes();
    const bool chunked = !m_fault.announcesLength();
    while (m_written < total && m_socket->bytesToWrite() < MaxPendingBytes) {
        const QByteArray data = hugeBodyRange(m_written, qMin(HugeBodyChunkBytes, total - m_written));
        if (chunked)
            m_responder->writeBody(QByteArray::number(data.size(), 16) + "\r\n" + data + "\r\n");
        else
            m_responder->writeBody(data);
        m_written += data.size();
    }
    if (m_written < total)
        return;
    if (chunked)
        m_responder->writeBody("0\r\n\r\n");
    qCDebug(lcSimulator) << "Wrote a body of" << total << "bytes";
    finish();
}

QByteArray FaultyResponse::hugeBodyRange(qint64 from, qint64 length) const
{
    const qint64 total = m_fault.bodyBytes();
    const qint64 startBytes = HugeBodyStart.size();
    const qint64 elementBytes = HugeBodyElement.size();
    const qint64 endStart = total - HugeBodyEnd.size();
    const qint64 paddingStart = startBytes + (endStart - startBytes) / elementBytes * elementBytes;

    QByteArray data;
    data.reserve(length);
    qint64 position = from;
    const qint64 stop = from + length;
    while (position < stop) {
        if (position < startBytes) {
            data.append(HugeBodyStart.sliced(position, qMin(stop, startBytes) - position));
            position = qMin(stop, startBytes);
        } else if (position < paddingStart) {
            const qint64 offset = (position - startBytes) % elementBytes;
            const qint64 count = qMin(elementBytes - offset, stop - position);
            data.append(HugeBodyElement.sliced(offset, count));
            position += count;
        } else if (position < endStart) {
            const qint64 count = qMin(endStart, stop) - position;
            data.append(QByteArray(count, ' '));
            position += count;
        } else {
            const qint64 count = stop - position;
            data.append(HugeBodyEnd.sliced(position - endStart, count));
            position += count;
        }
    }
    return data;
}

void FaultyResponse::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    m_timer.stop();
    if (m_socket)
        m_socket->disconnect(this);
    m_responder.reset();
    deleteLater();
}
