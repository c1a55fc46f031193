#include "messagedetailpane.h"

#include "messagehtmlrenderer.h"
#include "statushistorypanel.h"

#include <QDesktopServices>
#include <QFontDatabase>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace {

QLabel *sectionLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setTextFormat(Qt::PlainText);
    QFont font = label->font();
    font.setBold(true);
    label->setFont(font);
    return label;
}

// Creates a splitter section with a heading above the content.
QWidget *section(const QString &title, QWidget *content, QWidget *parent)
{
    auto *widget = new QWidget(parent);
    auto *layout = new QVBoxLayout(widget);
    layout->setContentsMargins(0, 4, 0, 0);
    layout->addWidget(sectionLabel(title, widget));
    layout->addWidget(content, 1);
    return widget;
}

const QString BrowserStyleSheet = QStringLiteral(
    "h3 { margin-top: 4px; margin-bottom: 4px; }"
    "td.label { color: #555555; padding-right: 12px; white-space: nowrap; }"
    "p.note { color: #555555; }"
    "p.warning { color: #b71c1c; font-weight: bold; }"
    "p.body { margin-top: 6px; margin-bottom: 6px; }"
    "p.section { margin-top: 8px; font-weight: bold; }"
    "table.card { border-color: #bbbbbb; border-style: solid; }");

} // namespace

MessageDetailPane::MessageDetailPane(ApiClient *client, QWidget *parent)
    : QWidget(parent),
      m_titleLabel(sectionLabel(QString(), this)),
      m_messageBrowser(new QTextBrowser(this)),
      m_rawJsonView(new QPlainTextEdit(this)),
      m_statusPanel(new StatusHistoryPanel(client, this))
{
    m_messageBrowser->setObjectName(QStringLiteral("messageBrowser"));
    m_messageBrowser->setOpenLinks(false);
    m_messageBrowser->setOpenExternalLinks(false);
    m_messageBrowser->setTabChangesFocus(true);
    m_messageBrowser->document()->setDefaultStyleSheet(BrowserStyleSheet);
    m_messageBrowser->setPlaceholderText(tr("Select a message in the table to see it here."));
    connect(m_messageBrowser, &QTextBrowser::anchorClicked, this, [](const QUrl &url) {
        // The renderer links http and https URLs only, and this check keeps it so.
        const QString scheme = url.scheme().toLower();
        if (scheme == QLatin1String("http") || scheme == QLatin1String("https"))
            QDesktopServices::openUrl(url);
    });

    m_rawJsonView->setObjectName(QStringLiteral("rawJsonView"));
    m_rawJsonView->setReadOnly(true);
    m_rawJsonView->setTabChangesFocus(true);
    m_rawJsonView->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_rawJsonView->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_rawJsonView->setPlaceholderText(tr("The message's JSON as it came from the server"));

    m_statusPanel->setObjectName(QStringLiteral("statusHistoryPanel"));

    auto *messageSection = new QWidget(this);
    auto *messageLayout = new QVBoxLayout(messageSection);
    messageLayout->setContentsMargins(0, 0, 0, 0);
    messageLayout->addWidget(m_titleLabel);
    messageLayout->addWidget(m_messageBrowser, 1);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setObjectName(QStringLiteral("detailSplitter"));
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(messageSection);
    splitter->addWidget(section(tr("Raw JSON"), m_rawJsonView, splitter));
    splitter->addWidget(section(tr("Status history of the message it replies to"), m_statusPanel, splitter));
    // The status history gets the most room: it is what developers come for, and
    // a table of nine updates with its two lines of summary needs about 330 pixels.
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 1);
    splitter->setStretchFactor(2, 4);
    splitter->setSizes({250, 90, 400});

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);

    setTabOrder(m_messageBrowser, m_rawJsonView);
    setTabOrder(m_rawJsonView, m_statusPanel->lookupEdit());

    clear();
}

void MessageDetailPane::showMessage(const InboundMessage &message)
{
    m_message = message;
    renderMessage();
    m_rawJsonView->setPlainText(message.prettyJson());
    m_statusPanel->showRepliedMessage(message);
}

void MessageDetailPane::clear()
{
    m_message.reset();
    m_titleLabel->setText(tr("Message"));
    m_messageBrowser->clear();
    m_rawJsonView->clear();
    m_statusPanel->clear();
}

void MessageDetailPane::setTimeZone(TimeFormatter::Zone zone)
{
    m_zone = zone;
    m_statusPanel->setTimeZone(zone);
    if (m_message)
        renderMessage();
}

void MessageDetailPane::renderMessage()
{
    m_titleLabel->setText(tr("Message from %1").arg(m_message->senderLabel()));
    m_messageBrowser->setHtml(MessageHtmlRenderer::render(*m_message, m_zone));
}
