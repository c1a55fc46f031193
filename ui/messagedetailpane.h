#pragma once

#include "inboundmessage.h"
#include "timeformatter.h"

#include <QWidget>

#include <optional>

class ApiClient;
class QLabel;
class QPlainTextEdit;
class QTextBrowser;
class StatusHistoryPanel;

// The selected inbound message, rendered by type, with its raw JSON and the status
// history of the message it replies to.
class MessageDetailPane : public QWidget
{
    Q_OBJECT

public:
    explicit MessageDetailPane(ApiClient *client, QWidget *parent = nullptr);

    // Shows the message and starts loading the status history of the message it
    // replies to, cancelling the lookup of the message shown before.
    void showMessage(const InboundMessage &message);
    void clear();
    bool hasMessage() const { return m_message.has_value(); }

    void setTimeZone(TimeFormatter::Zone zone);

    QTextBrowser *messageBrowser() const { return m_messageBrowser; }
    QPlainTextEdit *rawJsonView() const { return m_rawJsonView; }
    StatusHistoryPanel *statusPanel() const { return m_statusPanel; }

private:
    void renderMessage();

    QLabel *m_titleLabel;
    QTextBrowser *m_messageBrowser;
    QPlainTextEdit *m_rawJsonView;
    StatusHistoryPanel *m_statusPanel;
    std::optional<InboundMessage> m_message;
    TimeFormatter::Zone m_zone = TimeFormatter::Zone::Utc;
};
