#pragma once

#include "apierror.h"
#include "notificationquery.h"

#include <QWidget>

#include <chrono>
#include <functional>
#include <optional>

class AllPagesLoader;
class MessageBatchAppender;
class MessageSortFilterModel;
class MessageTableModel;
class NotificationPager;
class QAction;
class QLabel;
class QProgressBar;
class QPushButton;

// The "Load all pages" controls beside the paging buttons: the button, a progress
// bar with the messages loaded and the rate, and Cancel (also Esc).
//
// A load of every page clears the table and fills it through a MessageBatchAppender,
// with the sorting proxy's dynamic sort off until the load ends, when the rows are
// sorted once. Cancel stops a load of every page or a single page's request. The
// rows loaded so far stay, also when a page fails.
class LoadAllBar : public QWidget
{
    Q_OBJECT

public:
    // Returns the query for a load after handing the profile to the client, or
    // nothing when the profile or the filter is invalid.
    using QueryProvider = std::function<std::optional<NotificationQuery>()>;

    LoadAllBar(AllPagesLoader *loader, NotificationPager *pager, MessageTableModel *model,
               MessageSortFilterModel *proxy, QWidget *parent = nullptr);

    void setQueryProvider(QueryProvider provider) { m_queryProvider = std::move(provider); }

    // Starts loading every page from page 1; false when the query provider returned nothing.
    bool startLoad();
    // Stops the load of every page or the single page request in flight.
    void cancel();
    // Whether a load may start, which the window allows only while Search may run.
    void setStartAllowed(bool allowed);

    QPushButton *loadAllButton() const { return m_loadAllButton; }
    QPushButton *cancelButton() const { return m_cancelButton; }
    QProgressBar *progressBar() const { return m_progressBar; }
    QLabel *progressLabel() const { return m_progressLabel; }
    QAction *cancelAction() const { return m_cancelAction; }
    MessageBatchAppender *appender() const { return m_appender; }

Q_SIGNALS:
    // A line for the window's status bar.
    void statusMessage(const QString &text);
    // A failure for the window's error area, in sentences.
    void errorMessage(const QString &text);

private:
    void handleStarted();
    void showProgress(double messagesPerSecond);
    void handleRetry(int page, int httpStatus, int retry, int maxRetries, std::chrono::milliseconds delay);
    void handleCompleted(int lastPage, const QString &message);
    void handleFailed(int page, const ApiError &error);
    void handleCancelled();
    // Appends what waits in the batch and sorts once, after a load ends in any way.
    void endLoad();
    void updateEnabled();
    void showText(const QString &text, const QString &toolTip);
    // "1,234 messages from 5 pages"
    QString loadedText() const;

    AllPagesLoader *m_loader;
    bool m_startAllowed = true;
    NotificationPager *m_pager;
    MessageTableModel *m_model;
    MessageSortFilterModel *m_proxy;
    MessageBatchAppender *m_appender;
    QueryProvider m_queryProvider;

    QPushButton *m_loadAllButton;
    QPushButton *m_cancelButton;
    QProgressBar *m_progressBar;
    QLabel *m_progressLabel;
    QAction *m_cancelAction;
};
