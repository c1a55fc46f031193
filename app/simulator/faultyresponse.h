#pragma once

#include "simulatorfault.h"

#include <QByteArray>
#include <QHttpServerResponder>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <optional>

class QTcpSocket;

// Writes one broken response for a fault that breaks the connection itself. It
// sends half a body and then a TCP reset, nothing at all, a body one byte at a
// time, or a huge body streamed as fast as the client reads it.
//
// It writes through the responder and keeps it until the response ends or the
// client disconnects, and then deletes itself. With Qt 6.4 each responder write
// reaches the socket at once, which the drip and reset faults rely on.
class FaultyResponse : public QObject
{
    Q_OBJECT

public:
    // page is a real response body that reset-mid-body and drip-body cut or slow down.
    FaultyResponse(const SimulatorFault &fault, QHttpServerResponder &&responder, QByteArray page,
                   QObject *parent);
    ~FaultyResponse() override;

    void start();

private:
    void writeHead(int httpStatus, const QByteArray &contentType, qint64 contentLength);
    void writeHalfThenReset();
    void resetConnection();
    void dripNextByte();
    void streamHugeBody();
    QByteArray hugeBodyRange(qint64 from, qint64 length) const;
    void finish();

    SimulatorFault m_fault;
    std::optional<QHttpServerResponder> m_responder;
    QPointer<QTcpSocket> m_socket;
    QByteArray m_page;
    qint64 m_written = 0;
    QTimer m_timer;
    bool m_finished = false;
};
