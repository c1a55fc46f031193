#pragma once

#include "apiendpoint.h"
#include "apierror.h"
#include "inboundmessage.h"
#include "notificationquery.h"
#include "timeformatter.h"

#include <QMainWindow>

#include <optional>

class AllPagesLoader;
class ApiClient;
class FilterForm;
class LoadAllBar;
class MessageDetailPane;
class MessageSortFilterModel;
class MessageTableModel;
class NotificationPager;
class ProfilePanel;
class QAction;
class QLabel;
class QProgressBar;
class QPushButton;
class QTableView;
class QuickFilterEdit;

// The inspector's window, with the profile and filter at the top, the inbound messages
// with paging on the left and the selected message on the right.
//
// Every request runs asynchronously through NotificationPager and StatusHistoryReply,
// so the window stays usable while one is in flight. The profile is handed to the
// client when a search starts, and paging and status lookups use it until the next
// search.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    // Sends requests through client, or through a client of its own when client is
    // nullptr.
    explicit MainWindow(ApiClient *client = nullptr, QWidget *parent = nullptr);
    ~MainWindow() override;

    void setEndpoint(const ApiEndpoint &endpoint);
    // Starts a search with the profile and filter as entered. Returns false without
    // sending anything while either is invalid.
    bool search();

    void setTimeZone(TimeFormatter::Zone zone);
    TimeFormatter::Zone timeZone() const { return m_timeZone; }

    ApiClient *client() const { return m_client; }
    NotificationPager *pager() const { return m_pager; }
    MessageTableModel *messageModel() const { return m_messageModel; }
    // The sorted and filtered rows that the table shows.
    MessageSortFilterModel *messageProxy() const { return m_messageProxy; }
    AllPagesLoader *allPagesLoader() const { return m_allPagesLoader; }
    LoadAllBar *loadAllBar() const { return m_loadAllBar; }
    QuickFilterEdit *quickFilter() const { return m_quickFilter; }
    ProfilePanel *profilePanel() const { return m_profilePanel; }
    FilterForm *filterForm() const { return m_filterForm; }
    QTableView *messageTable() const { return m_messageTable; }
    MessageDetailPane *detailPane() const { return m_detailPane; }
    QPushButton *searchButton() const { return m_searchButton; }
    QPushButton *firstPageButton() const { return m_firstPageButton; }
    QPushButton *previousPageButton() const { return m_previousPageButton; }
    QPushButton *nextPageButton() const { return m_nextPageButton; }
    QLabel *pageLabel() const { return m_pageLabel; }
    QLabel *errorLabel() const { return m_errorLabel; }
    QAction *utcAction() const { return m_utcAction; }

protected:
    // Asks about unsaved profile changes first; the window stays open if the user cancels.
    void closeEvent(QCloseEvent *event) override;

private:
    // Names the shown profile in the title, marked while it has unsaved changes.
    void updateTitle();
    QWidget *createQueryArea();
    QWidget *createMessageArea();
    void createActions();
    void createMenus();
    void setUpTabOrder();
    void configureMessageTable();
    // Hands the profile to the client and returns the filter's query, or nothing while
    // the profile or the filter is invalid.
    std::optional<NotificationQuery> prepareRequest();

    void handlePageLoading(int page);
    void handlePageLoaded(int page, const QList<InboundMessage> &messages, int messagesWithProblems);
    void handleEndReached(int lastPage, const QString &message);
    void handlePageWarning(int page, const QString &message);
    void handleLoadFailed(int page, const ApiError &error);
    void handleCurrentRowChanged(const QModelIndex &current);
    void handleStatusLoadFailed(const QString &messageId, const ApiError &error);
    void updateSearchEnabled();
    void updatePaging();
    void showError(const QString &text);
    void clearError();

    ApiClient *m_client;
    NotificationPager *m_pager;
    MessageTableModel *m_messageModel;
    MessageSortFilterModel *m_messageProxy;
    AllPagesLoader *m_allPagesLoader;

    ProfilePanel *m_profilePanel = nullptr;
    FilterForm *m_filterForm = nullptr;
    QPushButton *m_searchButton = nullptr;
    QTableView *m_messageTable = nullptr;
    QPushButton *m_firstPageButton = nullptr;
    QPushButton *m_previousPageButton = nullptr;
    QPushButton *m_nextPageButton = nullptr;
    QLabel *m_pageLabel = nullptr;
    QLabel *m_errorLabel = nullptr;
    MessageDetailPane *m_detailPane = nullptr;
    QProgressBar *m_busyIndicator = nullptr;
    LoadAllBar *m_loadAllBar = nullptr;
    QuickFilterEdit *m_quickFilter = nullptr;

    QAction *m_searchAction = nullptr;
    QAction *m_firstPageAction = nullptr;
    QAction *m_previousPageAction = nullptr;
    QAction *m_nextPageAction = nullptr;
    QAction *m_lookupAction = nullptr;
    QAction *m_filterAction = nullptr;
    QAction *m_utcAction = nullptr;
    QAction *m_quitAction = nullptr;

    // Whether the status bar shows the result of a status-history lookup.
    bool m_statusHistoryMessageShown = false;
    QAction *m_aboutAction = nullptr;

    TimeFormatter::Zone m_timeZone = TimeFormatter::Zone::Utc;
};
