#include "mainwindow.h"

#include "allpagesloader.h"
#include "apiclient.h"
#include "filterform.h"
#include "loadallbar.h"
#include "logcategories.h"
#include "messagedetailpane.h"
#include "messagesortfiltermodel.h"
#include "messagetablemodel.h"
#include "middleelidedelegate.h"
#include "notificationpager.h"
#include "profilepanel.h"
#include "quickfilteredit.h"
#include "statushistorypanel.h"
#include "timeboundedit.h"

#include <QAction>
#include <QCheckBox>
#include <QCloseEvent>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QTextBrowser>
#include <QToolButton>
#include <QVBoxLayout>

MainWindow::MainWindow(ApiClient *client, QWidget *parent)
    : QMainWindow(parent),
      m_client(client ? client : new ApiClient(this)),
      m_pager(new NotificationPager(m_client, this)),
      m_messageModel(new MessageTableModel(this)),
      m_messageProxy(new MessageSortFilterModel(this)),
      m_allPagesLoader(new AllPagesLoader(m_client, this))
{
    setWindowTitle(tr("Callback Store Inspector"));
    setObjectName(QStringLiteral("mainWindow"));
    m_messageModel->setSource(m_pager);
    m_messageProxy->setSourceModel(m_messageModel);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("mainSplitter"));
    splitter->setChildrenCollapsible(false);
    m_detailPane = new MessageDetailPane(m_client, splitter);
    m_detailPane->setObjectName(QStringLiteral("detailPane"));
    splitter->addWidget(createMessageArea());
    splitter->addWidget(m_detailPane);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setSizes({840, 560});

    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->addWidget(createQueryArea());
    layout->addWidget(splitter, 1);
    setCentralWidget(central);

    m_busyIndicator = new QProgressBar(this);
    m_busyIndicator->setRange(0, 0);
    m_busyIndicator->setMaximumWidth(120);
    m_busyIndicator->setTextVisible(false);
    m_busyIndicator->hide();
    statusBar()->addPermanentWidget(m_busyIndicator);

    createActions();
    createMenus();
    setUpTabOrder();

    connect(m_profilePanel, &ProfilePanel::validityChanged, this, &MainWindow::updateSearchEnabled);
    connect(m_filterForm, &FilterForm::validityChanged, this, &MainWindow::updateSearchEnabled);
    connect(m_profilePanel, &ProfilePanel::submitted, this, &MainWindow::search);
    connect(m_profilePanel, &ProfilePanel::profileStateChanged, this, &MainWindow::updateTitle);
    connect(m_filterForm, &FilterForm::submitted, this, &MainWindow::search);
    connect(m_searchButton, &QPushButton::clicked, this, &MainWindow::search);
    connect(m_firstPageButton, &QPushButton::clicked, m_pager, &NotificationPager::firstPage);
    connect(m_previousPageButton, &QPushButton::clicked, m_pager, &NotificationPager::previousPage);
    connect(m_nextPageButton, &QPushButton::clicked, m_pager, &NotificationPager::nextPage);
    m_loadAllBar->setQueryProvider([this] { return prepareRequest(); });
    connect(m_loadAllBar, &LoadAllBar::statusMessage, this, [this](const QString &text) { statusBar()->showMessage(text); });
    connect(m_loadAllBar, &LoadAllBar::errorMessage, this, &MainWindow::showError);
    connect(m_quickFilter, &QuickFilterEdit::filterChanged, this, [this](const QString &text) {
        m_messageProxy->setFilterText(text);
        if (text.isEmpty()) {
            statusBar()->clearMessage();
            return;
        }
        const QLocale locale;
        statusBar()->showMessage(tr("Filter \"%1\": %2 of %3 loaded messages")
                                     .arg(text, locale.toString(m_messageProxy->rowCount()),
                                          locale.toString(m_messageModel->rowCount())));
    });

    connect(m_pager, &NotificationPager::loadingStarted, this, &MainWindow::handlePageLoading);
    connect(m_pager, &NotificationPager::pageLoaded, this, &MainWindow::handlePageLoaded);
    connect(m_pager, &NotificationPager::endReached, this, &MainWindow::handleEndReached);
    connect(m_pager, &NotificationPager::pageWarning, this, &MainWindow::handlePageWarning);
    connect(m_pager, &NotificationPager::loadFailed, this, &MainWindow::handleLoadFailed);
    connect(m_pager, &NotificationPager::stateChanged, this, &MainWindow::updatePaging);
    connect(m_messageTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &MainWindow::handleCurrentRowChanged);

    StatusHistoryPanel *statusPanel = m_detailPane->statusPanel();
    connect(statusPanel, &StatusHistoryPanel::loadingStarted, this, [this](const QString &messageId) {
        statusBar()->showMessage(tr("Loading the status history of %1\u2026").arg(messageId));
    });
    connect(statusPanel, &StatusHistoryPanel::historyLoaded, this, [this](const QString &messageId, int updateCount) {
        statusBar()->showMessage(updateCount == 1 ? tr("Status history of %1: 1 update").arg(messageId)
                                                  : tr("Status history of %1: %2 updates").arg(messageId).arg(updateCount));
        m_statusHistoryMessageShown = true;
    });
    connect(statusPanel, &StatusHistoryPanel::loadFailed, this, &MainWindow::handleStatusLoadFailed);

    updateSearchEnabled();
    updatePaging();
    statusBar()->showMessage(tr("Fill in the profile and press Search (Ctrl+Return)."));
    resize(1400, 900);
}

MainWindow::~MainWindow()
{
    // A reply aborts its QNetworkReply when deleted, which crashes once the client's
    // QNetworkAccessManager is gone. The client is the oldest child and would be
    // deleted first, so the pager and the widgets that own replies are deleted here.
    delete m_pager;
    delete m_allPagesLoader;
    delete takeCentralWidget();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    // After Save, the panel calls close() again once the profile and token are saved.
    if (!m_profilePanel->confirmLeave([this] { close(); })) {
        event->ignore();
        return;
    }
    QMainWindow::closeEvent(event);
}

void MainWindow::updateTitle()
{
    const QString name = m_profilePanel->currentProfileName();
    setWindowTitle(name.isEmpty() ? tr("Callback Store Inspector")
                                  : tr("%1[*] \u2013 Callback Store Inspector").arg(name));
    setWindowModified(!name.isEmpty() && m_profilePanel->isModified());
}

QWidget *MainWindow::createQueryArea()
{
    auto *area = new QWidget(this);
    auto *layout = new QVBoxLayout(area);
    layout->setContentsMargins(0, 0, 0, 0);

    auto *profileBox = new QGroupBox(tr("Profile"), area);
    m_profilePanel = new ProfilePanel(profileBox);
    m_profilePanel->setObjectName(QStringLiteral("profilePanel"));
    auto *profileLayout = new QVBoxLayout(profileBox);
    profileLayout->addWidget(m_profilePanel);

    auto *filterBox = new QGroupBox(tr("Inbound messages filter"), area);
    m_filterForm = new FilterForm(filterBox);
    m_filterForm->setObjectName(QStringLiteral("filterForm"));
    m_searchButton = new QPushButton(tr("&Search"), filterBox);
    m_searchButton->setObjectName(QStringLiteral("searchButton"));
    m_searchButton->setToolTip(tr("Load the first page of inbound messages (Ctrl+Return or F5)"));
    m_searchButton->setDefault(false);
    auto *filterLayout = new QHBoxLayout(filterBox);
    filterLayout->addWidget(m_filterForm, 1);
    filterLayout->addWidget(m_searchButton, 0, Qt::AlignTop);

    layout->addWidget(profileBox);
    layout->addWidget(filterBox);
    return area;
}

QWidget *MainWindow::createMessageArea()
{
    auto *area = new QWidget(this);

    m_errorLabel = new QLabel(area);
    m_errorLabel->setObjectName(QStringLiteral("errorLabel"));
    m_errorLabel->setTextFormat(Qt::PlainText);
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_errorLabel->hide();

    m_messageTable = new QTableView(area);
    m_messageTable->setObjectName(QStringLiteral("messageTable"));
    m_messageTable->setModel(m_messageProxy);
    configureMessageTable();
    m_quickFilter = new QuickFilterEdit(area);
    m_quickFilter->setObjectName(QStringLiteral("quickFilter"));
    m_loadAllBar = new LoadAllBar(m_allPagesLoader, m_pager, m_messageModel, m_messageProxy, area);
    m_loadAllBar->setObjectName(QStringLiteral("loadAllBar"));

    m_firstPageButton = new QPushButton(tr("&First"), area);
    m_firstPageButton->setObjectName(QStringLiteral("firstPageButton"));
    m_firstPageButton->setToolTip(tr("First page (Alt+Home)"));
    m_previousPageButton = new QPushButton(tr("&Previous"), area);
    m_previousPageButton->setObjectName(QStringLiteral("previousPageButton"));
    m_previousPageButton->setToolTip(tr("Previous page (Alt+Left)"));
    m_nextPageButton = new QPushButton(tr("Ne&xt"), area);
    m_nextPageButton->setObjectName(QStringLiteral("nextPageButton"));
    m_nextPageButton->setToolTip(tr("Next page (Alt+Right)"));
    m_pageLabel = new QLabel(area);
    m_pageLabel->setObjectName(QStringLiteral("pageLabel"));

    auto *pagingRow = new QHBoxLayout;
    pagingRow->addWidget(m_firstPageButton);
    pagingRow->addWidget(m_previousPageButton);
    pagingRow->addWidget(m_nextPageButton);
    pagingRow->addSpacing(12);
    pagingRow->addWidget(m_pageLabel);
    pagingRow->addSpacing(12);
    pagingRow->addWidget(m_loadAllBar, 1);

    auto *layout = new QVBoxLayout(area);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_errorLabel);
    layout->addWidget(m_quickFilter);
    layout->addWidget(m_messageTable, 1);
    layout->addLayout(pagingRow);
    return area;
}

void MainWindow::configureMessageTable()
{
    // Header clicks sort through the proxy: unsorted first, and a third click on a
    // column returns to the order the server sent.
    m_messageTable->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    m_messageTable->horizontalHeader()->setSortIndicatorClearable(true);
    m_messageTable->setSortingEnabled(true);
    m_messageTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_messageTable->setSelectionMode(QAbstractItemView::SingleSelection);
    m_messageTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_messageTable->setWordWrap(false);
    m_messageTable->setTextElideMode(Qt::ElideRight);
    m_messageTable->setAlternatingRowColors(true);
    // Arrow keys move between rows, and Tab moves on to the paging buttons.
    m_messageTable->setTabKeyNavigation(false);

    // A fixed row height keeps a large page from measuring every row.
    QHeaderView *rows = m_messageTable->verticalHeader();
    rows->setSectionResizeMode(QHeaderView::Fixed);
    rows->setDefaultSectionSize(fontMetrics().height() + 8);
    rows->hide();

    // Ids differ at their end, so they lose their middle when the column is narrow.
    auto *idDelegate = new MiddleElideDelegate(m_messageTable);
    m_messageTable->setItemDelegateForColumn(MessageTableModel::MessageIdColumn, idDelegate);
    m_messageTable->setItemDelegateForColumn(MessageTableModel::ReplyToColumn, idDelegate);

    // Widths from sample texts, so no column is measured over all rows. With the
    // default font every column fits beside the detail pane in a 1400 pixel window.
    const QFontMetrics metrics = fontMetrics();
    const auto widthOf = [&metrics](const QString &sample) { return metrics.horizontalAdvance(sample) + 16; };
    QHeaderView *columns = m_messageTable->horizontalHeader();
    columns->setSectionResizeMode(QHeaderView::Interactive);
    columns->setStretchLastSection(true);
    columns->resizeSection(MessageTableModel::TimeColumn, widthOf(QStringLiteral("2026-11-30 08:15:02 UTC")));
    columns->resizeSection(MessageTableModel::SenderColumn, widthOf(QStringLiteral("Ada Lindqvist (46700000101)")));
    columns->resizeSection(MessageTableModel::TypeColumn, widthOf(QStringLiteral("interactive")));
    columns->resizeSection(MessageTableModel::PreviewColumn, widthOf(QStringLiteral("Hi! My order hasn't arrived yet")));
    columns->resizeSection(MessageTableModel::MessageIdColumn, widthOf(QStringLiteral("01HZX0\u2026000094")));
    columns->resizeSection(MessageTableModel::ReplyToColumn, widthOf(QStringLiteral("01HZX0\u2026000094")));
}

void MainWindow::createActions()
{
    m_searchAction = new QAction(tr("&Search"), this);
    m_searchAction->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter),
                                  QKeySequence(Qt::Key_F5)});
    connect(m_searchAction, &QAction::triggered, this, &MainWindow::search);

    m_firstPageAction = new QAction(tr("&First Page"), this);
    m_firstPageAction->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Home));
    connect(m_firstPageAction, &QAction::triggered, m_pager, &NotificationPager::firstPage);

    m_previousPageAction = new QAction(tr("&Previous Page"), this);
    m_previousPageAction->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Left));
    connect(m_previousPageAction, &QAction::triggered, m_pager, &NotificationPager::previousPage);

    m_nextPageAction = new QAction(tr("&Next Page"), this);
    m_nextPageAction->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Right));
    connect(m_nextPageAction, &QAction::triggered, m_pager, &NotificationPager::nextPage);

    m_lookupAction = new QAction(tr("&Look Up Status History"), this);
    m_lookupAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    connect(m_lookupAction, &QAction::triggered, m_detailPane->statusPanel(), &StatusHistoryPanel::focusLookup);

    m_filterAction = new QAction(tr("&Filter Loaded Messages"), this);
    m_filterAction->setShortcut(QKeySequence::Find);
    connect(m_filterAction, &QAction::triggered, this, [this] {
        m_quickFilter->setFocus(Qt::ShortcutFocusReason);
        m_quickFilter->selectAll();
    });

    m_utcAction = new QAction(tr("Show Times in &UTC"), this);
    m_utcAction->setObjectName(QStringLiteral("utcAction"));
    m_utcAction->setCheckable(true);
    m_utcAction->setChecked(m_timeZone == TimeFormatter::Zone::Utc);
    connect(m_utcAction, &QAction::toggled, this, [this](bool utc) {
        setTimeZone(utc ? TimeFormatter::Zone::Utc : TimeFormatter::Zone::Local);
    });
    // The filter's "Times in" choice and the View menu are one switch for the whole window.
    connect(m_filterForm->zoneCombo(), &QComboBox::currentIndexChanged, this, [this] {
        if (m_filterForm->editorZone() != m_timeZone)
            setTimeZone(m_filterForm->editorZone());
    });

    m_quitAction = new QAction(tr("&Quit"), this);
    m_quitAction->setShortcut(QKeySequence::Quit);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    m_aboutAction = new QAction(tr("&About Callback Store Inspector"), this);
    connect(m_aboutAction, &QAction::triggered, this, [this] {
        QMessageBox::about(this, tr("About Callback Store Inspector"),
                           tr("Callback Store Inspector %1\n\nReads the inbound messages and delivery status "
                              "updates that the WhatsApp Business API keeps in its Callback Store. "
                              "It only reads; nothing it does changes what a customer sees.")
                               .arg(QCoreApplication::applicationVersion()));
    });
}

void MainWindow::createMenus()
{
    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    fileMenu->addAction(m_quitAction);

    QMenu *viewMenu = menuBar()->addMenu(tr("&View"));
    viewMenu->addAction(m_utcAction);

    QMenu *goMenu = menuBar()->addMenu(tr("&Go"));
    goMenu->addAction(m_searchAction);
    goMenu->addSeparator();
    goMenu->addAction(m_firstPageAction);
    goMenu->addAction(m_previousPageAction);
    goMenu->addAction(m_nextPageAction);
    goMenu->addSeparator();
    goMenu->addAction(m_loadAllBar->cancelAction());
    goMenu->addAction(m_filterAction);
    goMenu->addAction(m_lookupAction);

    QMenu *helpMenu = menuBar()->addMenu(tr("&Help"));
    helpMenu->addAction(m_aboutAction);
}

void MainWindow::setUpTabOrder()
{
    const TimeBoundEdit *start = m_filterForm->startEdit();
    const TimeBoundEdit *end = m_filterForm->endEdit();
    const StatusHistoryPanel *status = m_detailPane->statusPanel();
    const QList<QWidget *> chain = m_profilePanel->focusChain() + QList<QWidget *>{
        start->checkBox(), start->dateTimeEdit(), start->textEdit(),
        end->checkBox(), end->dateTimeEdit(), end->textEdit(),
        m_filterForm->senderEdit(), m_filterForm->pageSizeSpinBox(), m_filterForm->zoneCombo(),
        m_searchButton, m_quickFilter, m_messageTable, m_firstPageButton, m_previousPageButton, m_nextPageButton,
        m_loadAllBar->loadAllButton(), m_loadAllBar->cancelButton(),
        m_detailPane->messageBrowser(), m_detailPane->rawJsonView(),
        status->lookupEdit(), status->lookupButton(), status->table(),
    };
    for (qsizetype i = 1; i < chain.size(); ++i)
        setTabOrder(chain.at(i - 1), chain.at(i));
}

void MainWindow::setEndpoint(const ApiEndpoint &endpoint)
{
    m_profilePanel->setEndpoint(endpoint);
    updateSearchEnabled();
}

bool MainWindow::search()
{
    const std::optional<NotificationQuery> query = prepareRequest();
    if (!query)
        return false;
    m_pager->search(*query);
    return true;
}

std::optional<NotificationQuery> MainWindow::prepareRequest()
{
    if (!m_profilePanel->isValid() || !m_filterForm->isValid())
        return std::nullopt;

    const ApiEndpoint endpoint = m_profilePanel->endpoint();
    m_client->setEndpoint(endpoint);
    clearError();
    m_detailPane->clear();
    qCInfo(lcUi) << "search for bot" << endpoint.botId << "at" << endpoint.baseUrl().toDisplayString();
    return m_filterForm->query();
}

void MainWindow::setTimeZone(TimeFormatter::Zone zone)
{
    m_timeZone = zone;
    m_messageModel->setTimeZone(zone);
    m_detailPane->setTimeZone(zone);
    m_filterForm->setEditorZone(zone);
    const QSignalBlocker blocker(m_utcAction);
    m_utcAction->setChecked(zone == TimeFormatter::Zone::Utc);
}

void MainWindow::handlePageLoading(int page)
{
    statusBar()->showMessage(tr("Loading page %1\u2026").arg(page));
}

void MainWindow::handlePageLoaded(int page, const QList<InboundMessage> &messages, int messagesWithProblems)
{
    clearError();
    m_detailPane->clear();

    QString message = messages.size() == 1 ? tr("Page %1: 1 message").arg(page)
                                           : tr("Page %1: %2 messages").arg(page).arg(messages.size());
    if (messagesWithProblems > 0)
        message += tr(", %1 with unreadable parts").arg(messagesWithProblems);
    if (messages.isEmpty() && page == 1)
        message = tr("No inbound messages match the filter.");
    statusBar()->showMessage(message);
}

void MainWindow::handleEndReached(int lastPage, const QString &message)
{
    Q_UNUSED(lastPage);
    statusBar()->showMessage(message);
}

void MainWindow::handlePageWarning(int page, const QString &message)
{
    Q_UNUSED(page);
    statusBar()->showMessage(message);
}

void MainWindow::handleLoadFailed(int page, const ApiError &error)
{
    statusBar()->showMessage(tr("Page %1 failed: %2").arg(page).arg(error.summary()));
    showError(tr("Page %1 could not be loaded. %2").arg(page).arg(error.toUserText()));
}

void MainWindow::handleStatusLoadFailed(const QString &messageId, const ApiError &error)
{
    statusBar()->showMessage(tr("Status history of %1 failed: %2").arg(messageId, error.summary()));
}

void MainWindow::handleCurrentRowChanged(const QModelIndex &current)
{
    // A status-history message in the status bar describes the message selected before.
    if (m_statusHistoryMessageShown) {
        statusBar()->clearMessage();
        m_statusHistoryMessageShown = false;
    }
    if (!current.isValid()) {
        m_detailPane->clear();
        return;
    }
    const QModelIndex source = m_messageProxy->mapToSource(current);
    if (!source.isValid())
        return;
    m_detailPane->showMessage(m_messageModel->messageAt(source.row()));
}

void MainWindow::updateSearchEnabled()
{
    const bool enabled = m_profilePanel->isValid() && m_filterForm->isValid();
    m_searchButton->setEnabled(enabled);
    m_searchAction->setEnabled(enabled);
    m_loadAllBar->setStartAllowed(enabled);
}

void MainWindow::updatePaging()
{
    m_firstPageButton->setEnabled(m_pager->hasPreviousPage());
    m_previousPageButton->setEnabled(m_pager->hasPreviousPage());
    m_nextPageButton->setEnabled(m_pager->hasNextPage());
    m_firstPageAction->setEnabled(m_pager->hasPreviousPage());
    m_previousPageAction->setEnabled(m_pager->hasPreviousPage());
    m_nextPageAction->setEnabled(m_pager->hasNextPage());
    m_busyIndicator->setVisible(m_pager->isLoading());

    const int page = m_pager->currentPage();
    const std::optional<int> lastPage = m_pager->lastPage();
    if (m_pager->isLoading() && page < 1)
        m_pageLabel->setText(tr("Loading\u2026"));
    else if (!m_pager->hasSearch())
        m_pageLabel->setText(tr("No search yet"));
    else if (page < 1)
        m_pageLabel->setText(tr("No page loaded"));
    else if (lastPage && *lastPage == page)
        m_pageLabel->setText(tr("Page %1 (last page)").arg(page));
    else if (lastPage)
        m_pageLabel->setText(tr("Page %1 of %2").arg(page).arg(*lastPage));
    else
        m_pageLabel->setText(tr("Page %1").arg(page));
}

void MainWindow::showError(const QString &text)
{
    // The style sheet is set on first use, because on the hidden label it would make Qt
    // set up QStyleSheetStyle before the window's first paint.
    if (m_errorLabel->styleSheet().isEmpty())
        m_errorLabel->setStyleSheet(QStringLiteral("QLabel { color: #7f1010; background: #fdecea; "
                                                   "border: 1px solid #e0a0a0; padding: 6px; }"));
    m_errorLabel->setText(text);
    m_errorLabel->show();
}

void MainWindow::clearError()
{
    m_errorLabel->clear();
    m_errorLabel->hide();
}
