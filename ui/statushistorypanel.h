#pragma once

#include "apierror.h"
#include "inboundmessage.h"
#include "timeformatter.h"

#include <QPointer>
#include <QWidget>

class ApiClient;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
class StatusHistoryModel;
class StatusHistoryReply;

// The status history of one outbound message: a lookup box for the message id, the
// timeline table, the current state and what is loading or failed.
//
// Only the newest lookup counts: starting another one cancels the request before it,
// whose result is then never shown.
class StatusHistoryPanel : public QWidget
{
    Q_OBJECT

public:
    explicit StatusHistoryPanel(ApiClient *client, QWidget *parent = nullptr);

    // Looks up the message that the inbound message replies to. When it replies to
    // none, clears the table and shows a hint to type an id.
    void showRepliedMessage(const InboundMessage &message);
    // Loads the status history of any outbound message id.
    void lookUp(const QString &messageId);
    // Cancels the running request, clears the table and shows hint instead.
    void clear(const QString &hint = QString());
    void focusLookup();

    void setTimeZone(TimeFormatter::Zone zone);

    bool isLoading() const { return !m_reply.isNull(); }
    // The message id of the history shown or loading, empty when none.
    QString messageId() const { return m_messageId; }

    StatusHistoryModel *model() const { return m_model; }
    QLineEdit *lookupEdit() const { return m_lookupEdit; }
    QPushButton *lookupButton() const { return m_lookupButton; }
    QTableView *table() const { return m_table; }
    QLabel *stateLabel() const { return m_stateLabel; }
    QLabel *messageLabel() const { return m_messageLabel; }

Q_SIGNALS:
    void loadingStarted(const QString &messageId);
    void historyLoaded(const QString &messageId, int updateCount);
    void loadFailed(const QString &messageId, const ApiError &error);

private:
    void cancelRequest();
    void handleFinished(StatusHistoryReply *reply);
    void showTimelineState();
    void setMessage(const QString &text, bool isError);

    ApiClient *m_client;
    StatusHistoryModel *m_model;
    QLineEdit *m_lookupEdit;
    QPushButton *m_lookupButton;
    QTableView *m_table;
    QLabel *m_stateLabel;
    QLabel *m_messageLabel;
    QPointer<StatusHistoryReply> m_reply;
    QString m_messageId;
};
