#include "statushistorypanel.h"

#include "apiclient.h"
#include "fieldstyle.h"
#include "logcategories.h"
#include "statushistorymodel.h"
#include "statushistoryreply.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QTableView>
#include <QVBoxLayout>

StatusHistoryPanel::StatusHistoryPanel(ApiClient *client, QWidget *parent)
    : QWidget(parent),
      m_client(client),
      m_model(new StatusHistoryModel(this)),
      m_lookupEdit(new QLineEdit(this)),
      m_lookupButton(new QPushButton(tr("Look &up"), this)),
      m_table(new QTableView(this)),
      m_stateLabel(new QLabel(this)),
      m_messageLabel(new QLabel(this))
{
    m_lookupEdit->setObjectName(QStringLiteral("statusLookupEdit"));
    m_lookupEdit->setPlaceholderText(tr("outbound message id"));
    m_lookupEdit->setToolTip(tr("The id of a message the bot sent; Enter loads its status history"));
    m_lookupEdit->setClearButtonEnabled(true);
    m_lookupButton->setObjectName(QStringLiteral("statusLookupButton"));

    m_table->setObjectName(QStringLiteral("statusTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setWordWrap(false);
    m_table->setTabKeyNavigation(false);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    // The short columns that flag trouble come before the details, which can be long,
    // so they stay in view in a narrow pane. The table is not shown yet, so the header's
    // signals are blocked during the moves. The table then skips the geometry update
    // that measures every header text again after each move, and lays itself out once
    // when it is shown.
    QHeaderView *columns = m_table->horizontalHeader();
    QSignalBlocker blocker(columns);
    columns->moveSection(columns->visualIndex(StatusHistoryModel::CountColumn), StatusHistoryModel::DetailsColumn);
    columns->moveSection(columns->visualIndex(StatusHistoryModel::FlagsColumn), StatusHistoryModel::DetailsColumn + 1);
    columns->moveSection(columns->visualIndex(StatusHistoryModel::ArrivalColumn), StatusHistoryModel::DetailsColumn + 2);
    blocker.unblock();

    m_stateLabel->setObjectName(QStringLiteral("statusStateLabel"));
    m_stateLabel->setTextFormat(Qt::PlainText);
    m_stateLabel->setWordWrap(true);
    QFont stateFont = m_stateLabel->font();
    stateFont.setBold(true);
    m_stateLabel->setFont(stateFont);

    m_messageLabel->setObjectName(QStringLiteral("statusMessageLabel"));
    m_messageLabel->setTextFormat(Qt::PlainText);
    m_messageLabel->setWordWrap(true);
    m_messageLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *lookupRow = new QHBoxLayout;
    auto *lookupLabel = new QLabel(tr("&Message id:"), this);
    lookupLabel->setBuddy(m_lookupEdit);
    lookupRow->addWidget(lookupLabel);
    lookupRow->addWidget(m_lookupEdit, 1);
    lookupRow->addWidget(m_lookupButton);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(lookupRow);
    layout->addWidget(m_stateLabel);
    layout->addWidget(m_messageLabel);
    layout->addWidget(m_table, 1);

    connect(m_lookupEdit, &QLineEdit::returnPressed, this, [this] { lookUp(m_lookupEdit->text()); });
    connect(m_lookupButton, &QPushButton::clicked, this, [this] { lookUp(m_lookupEdit->text()); });

    setTabOrder(m_lookupEdit, m_lookupButton);
    setTabOrder(m_lookupButton, m_table);

    clear();
}

void StatusHistoryPanel::showRepliedMessage(const InboundMessage &message)
{
    if (!message.replyingTo) {
        m_lookupEdit->clear();
        clear(tr("This message does not reply to a message of the bot; type a message id to look one up."));
        return;
    }
    if (message.replyingTo->messageId.isEmpty()) {
        m_lookupEdit->clear();
        clear(tr("This message replies to a message from %1, but the callback left out that message's id; "
                 "type a message id to look one up.")
                  .arg(message.replyingTo->from));
        return;
    }
    m_lookupEdit->setText(message.replyingTo->messageId);
    lookUp(message.replyingTo->messageId);
}

void StatusHistoryPanel::lookUp(const QString &messageId)
{
    const QString id = messageId.trimmed();
    if (id.isEmpty()) {
        clear(tr("Type the id of a message the bot sent, then press Enter."));
        return;
    }

    cancelRequest();
    m_model->clear();
    m_messageId = id;
    m_stateLabel->clear();
    setMessage(tr("Loading the status history of %1\u2026").arg(id), false);

    StatusHistoryReply *reply = m_client->fetchStatusHistory(id, this);
    m_reply = reply;
    connect(reply, &ApiReply::finished, this, [this, reply] { handleFinished(reply); });
    qCDebug(lcUi) << "status history requested for" << id;
    Q_EMIT loadingStarted(id);
}

void StatusHistoryPanel::clear(const QString &hint)
{
    cancelRequest();
    m_model->clear();
    m_messageId.clear();
    m_stateLabel->clear();
    m_stateLabel->hide();
    setMessage(hint.isEmpty() ? tr("Select a message, or type the id of a message the bot sent.") : hint, false);
}

void StatusHistoryPanel::focusLookup()
{
    m_lookupEdit->setFocus(Qt::ShortcutFocusReason);
    m_lookupEdit->selectAll();
}

void StatusHistoryPanel::setTimeZone(TimeFormatter::Zone zone)
{
    m_model->setTimeZone(zone);
}

void StatusHistoryPanel::cancelRequest()
{
    if (!m_reply)
        return;
    // Disconnected first, so the cancelled result never reaches the panel.
    m_reply->disconnect(this);
    m_reply->cancel();
    m_reply->deleteLater();
    m_reply.clear();
}

void StatusHistoryPanel::handleFinished(StatusHistoryReply *reply)
{
    reply->deleteLater();
    if (reply != m_reply)
        return;
    m_reply.clear();

    if (reply->hasError()) {
        const ApiError &error = *reply->error();
        m_stateLabel->hide();
        setMessage(tr("The status history of %1 could not be loaded. %2").arg(reply->messageId(), error.toUserText()), true);
        Q_EMIT loadFailed(reply->messageId(), error);
        return;
    }

    m_model->setReports(reply->reports());
    m_table->resizeColumnsToContents();
    showTimelineState();
    Q_EMIT historyLoaded(reply->messageId(), int(reply->reports().size()));
}

void StatusHistoryPanel::showTimelineState()
{
    const StatusTimeline &timeline = m_model->timeline();
    if (timeline.isEmpty()) {
        m_stateLabel->hide();
        setMessage(tr("The server has no status updates for message %1.").arg(m_messageId), false);
        return;
    }

    QString state = tr("Current state: %1").arg(timeline.currentState());
    if (timeline.hasFailure()) {
        state += QLatin1Char(' ') + tr("\u26a0 A failure was reported for this message; see the red rows.");
        setTextColor(m_stateLabel, ErrorTextColor);
    } else {
        clearTextColor(m_stateLabel);
    }
    m_stateLabel->setText(state);
    m_stateLabel->show();

    int updateCount = 0;
    for (const StatusTimeline::Entry &entry : timeline.entries())
        updateCount += entry.count();
    const QString count = updateCount == 1 ? tr("1 update") : tr("%1 updates").arg(updateCount);
    setMessage(tr("%1 for message %2, ordered by time; repeats are counted in one row.").arg(count, m_messageId), false);
}

void StatusHistoryPanel::setMessage(const QString &text, bool isError)
{
    m_messageLabel->setText(text);
    if (isError)
        setTextColor(m_messageLabel, ErrorTextColor);
    else
        clearTextColor(m_messageLabel);
    m_messageLabel->setVisible(!text.isEmpty());
}
