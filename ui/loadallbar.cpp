#include "loadallbar.h"

#include "allpagesloader.h"
#include "logcategories.h"
#include "messagebatchappender.h"
#include "messagesortfiltermodel.h"
#include "messagetablemodel.h"
#include "notificationpager.h"
#include "retrynotice.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>

LoadAllBar::LoadAllBar(AllPagesLoader *loader, NotificationPager *pager, MessageTableModel *model,
                       MessageSortFilterModel *proxy, QWidget *parent)
    : QWidget(parent),
      m_loader(loader),
      m_pager(pager),
      m_model(model),
      m_proxy(proxy),
      m_appender(new MessageBatchAppender(model, this)),
      m_loadAllButton(new QPushButton(tr("Loa&d All Pages"), this)),
      m_cancelButton(new QPushButton(tr("Cancel"), this)),
      m_progressBar(new QProgressBar(this)),
      m_progressLabel(new QLabel(this)),
      m_cancelAction(new QAction(tr("&Cancel Loading"), this))
{
    m_loadAllButton->setObjectName(QStringLiteral("loadAllButton"));
    m_loadAllButton->setToolTip(tr("Load every page of the search into the table, several pages at a time"));
    m_cancelButton->setObjectName(QStringLiteral("cancelLoadButton"));
    m_cancelButton->setToolTip(tr("Stop loading and keep the messages loaded so far (Esc)"));
    m_progressBar->setObjectName(QStringLiteral("loadAllProgress"));
    // The API sends no total, so the bar shows activity and the label the count and rate.
    m_progressBar->setRange(0, 0);
    m_progressBar->setTextVisible(false);
    m_progressBar->setMaximumWidth(120);
    m_progressBar->hide();
    m_progressLabel->setObjectName(QStringLiteral("loadAllLabel"));
    m_progressLabel->setTextFormat(Qt::PlainText);
    // A longer count must not widen the message area and move the splitter.
    m_progressLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);

    m_cancelAction->setObjectName(QStringLiteral("cancelLoadAction"));
    m_cancelAction->setShortcut(QKeySequence(Qt::Key_Escape));
    m_cancelAction->setShortcutContext(Qt::WindowShortcut);
    addAction(m_cancelAction);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_loadAllButton);
    layout->addWidget(m_cancelButton);
    layout->addWidget(m_progressBar);
    layout->addWidget(m_progressLabel, 1);

    connect(m_loadAllButton, &QPushButton::clicked, this, &LoadAllBar::startLoad);
    connect(m_cancelButton, &QPushButton::clicked, this, &LoadAllBar::cancel);
    connect(m_cancelAction, &QAction::triggered, this, &LoadAllBar::cancel);

    connect(m_loader, &AllPagesLoader::started, this, &LoadAllBar::handleStarted);
    connect(m_loader, &AllPagesLoader::pageLoaded, this,
            [this](int, const QList<InboundMessage> &messages, int) { m_appender->append(messages); });
    connect(m_loader, &AllPagesLoader::progressChanged, this,
            [this](int, qint64, double messagesPerSecond) { showProgress(messagesPerSecond); });
    connect(m_loader, &AllPagesLoader::pageWarning, this, [this](int, const QString &text) { Q_EMIT statusMessage(text); });
    connect(m_loader, &AllPagesLoader::retryScheduled, this, &LoadAllBar::handleRetry);
    connect(m_loader, &AllPagesLoader::completed, this, &LoadAllBar::handleCompleted);
    connect(m_loader, &AllPagesLoader::failed, this, &LoadAllBar::handleFailed);
    connect(m_loader, &AllPagesLoader::cancelled, this, &LoadAllBar::handleCancelled);

    // A single page replaces the table's rows, so it ends a load of every page
    // first, and the count of that load no longer describes the table.
    connect(m_pager, &NotificationPager::loadingStarted, this, [this] {
        m_loader->cancel();
        showText(QString(), QString());
    });
    connect(m_pager, &NotificationPager::retryScheduled, this, &LoadAllBar::handleRetry);
    connect(m_pager, &NotificationPager::stateChanged, this, &LoadAllBar::updateEnabled);
    updateEnabled();
}

bool LoadAllBar::startLoad()
{
    if (!m_queryProvider)
        return false;
    const std::optional<NotificationQuery> query = m_queryProvider();
    if (!query)
        return false;
    m_pager->cancel();
    m_loader->start(query->withPage(1));
    return true;
}

void LoadAllBar::cancel()
{
    if (m_loader->isRunning()) {
        m_loader->cancel();
        return;
    }
    if (m_pager->isLoading()) {
        const int page = m_pager->requestedPage();
        m_pager->cancel();
        Q_EMIT statusMessage(tr("Loading page %1 was cancelled; the table still shows page %2.")
                                 .arg(page)
                                 .arg(m_pager->currentPage()));
    }
}

void LoadAllBar::handleStarted()
{
    m_appender->discard();
    m_model->clear();
    m_proxy->setDynamicSortFilter(false);
    m_progressBar->show();
    showText(tr("Loading every page\u2026"), QString());
    Q_EMIT statusMessage(tr("Loading every page, up to %1 requests at a time\u2026").arg(m_loader->requestsInFlight()));
    updateEnabled();
}

void LoadAllBar::showProgress(double messagesPerSecond)
{
    // The short form fits beside the paging buttons; the tooltip has the pages too.
    const QLocale locale;
    const qint64 messages = m_loader->messagesDelivered();
    const QString rate = locale.toString(qRound64(messagesPerSecond));
    showText(messages == 1 ? tr("1 message, %1 messages/s").arg(rate)
                           : tr("%1 messages, %2 messages/s").arg(locale.toString(messages), rate),
             tr("%1, %2 messages/s").arg(loadedText(), rate));
}

void LoadAllBar::handleRetry(int page, int httpStatus, int retry, int maxRetries, std::chrono::milliseconds delay)
{
    Q_EMIT statusMessage(tr("Page %1: %2").arg(page).arg(RetryNotice::text(httpStatus, retry, maxRetries, delay)));
}

void LoadAllBar::handleCompleted(int lastPage, const QString &message)
{
    endLoad();
    const double seconds = double(m_loader->elapsedMilliseconds()) / 1000.0;
    const QString text = tr("All %1, %2 s").arg(loadedText()).arg(seconds, 0, 'f', 1);
    showText(text, tr("%1. Page %2 is the last page.").arg(text).arg(lastPage));
    Q_EMIT statusMessage(message);
}

void LoadAllBar::handleFailed(int page, const ApiError &error)
{
    endLoad();
    const QString text = tr("Stopped at page %1: %2 kept").arg(page).arg(loadedText());
    showText(text, text);
    Q_EMIT statusMessage(tr("Page %1 failed: %2").arg(page).arg(error.summary()));
    Q_EMIT errorMessage(tr("Loading every page stopped because page %1 could not be loaded. The %2 before it "
                           "stay in the table. %3")
                            .arg(page)
                            .arg(loadedText(), error.toUserText()));
}

void LoadAllBar::handleCancelled()
{
    endLoad();
    const QString text = tr("Cancelled: %1 kept").arg(loadedText());
    showText(text, text);
    Q_EMIT statusMessage(tr("Loading every page was cancelled; the %1 stay in the table.").arg(loadedText()));
}

void LoadAllBar::endLoad()
{
    m_appender->flush();
    // The rows that arrived while dynamic sorting was off are sorted in here, once.
    m_proxy->setDynamicSortFilter(true);
    m_progressBar->hide();
    updateEnabled();
    qCInfo(lcUi) << "load of every page ended with" << m_model->rowCount() << "rows after"
                 << m_loader->elapsedMilliseconds() << "ms";
}

void LoadAllBar::setStartAllowed(bool allowed)
{
    m_startAllowed = allowed;
    updateEnabled();
}

void LoadAllBar::updateEnabled()
{
    const bool loading = m_loader->isRunning() || m_pager->isLoading();
    m_cancelButton->setEnabled(loading);
    m_cancelAction->setEnabled(loading);
    m_loadAllButton->setEnabled(m_startAllowed && !m_loader->isRunning());
}

void LoadAllBar::showText(const QString &text, const QString &toolTip)
{
    m_progressLabel->setText(text);
    m_progressLabel->setToolTip(toolTip);
}

QString LoadAllBar::loadedText() const
{
    const QLocale locale;
    const qint64 messages = m_loader->messagesDelivered();
    const int pages = m_loader->pagesDelivered();
    const QString messageText = messages == 1 ? tr("1 message") : tr("%1 messages").arg(locale.toString(messages));
    return pages == 1 ? tr("%1 from 1 page").arg(messageText)
                      : tr("%1 from %2 pages").arg(messageText, locale.toString(pages));
}
