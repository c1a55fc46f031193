#include "connectiontestbar.h"

#include "connectiontester.h"
#include "fieldstyle.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

ConnectionTestBar::ConnectionTestBar(QWidget *parent)
    : QWidget(parent),
      m_tester(new ConnectionTester(this)),
      m_resultLabel(new QLabel(this)),
      m_switchRegionButton(new QPushButton(this))
{
    m_resultLabel->setObjectName(QStringLiteral("connectionTestLabel"));
    m_resultLabel->setWordWrap(true);
    m_resultLabel->setTextFormat(Qt::PlainText);
    m_resultLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_switchRegionButton->setObjectName(QStringLiteral("switchRegionButton"));
    m_switchRegionButton->hide();

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_resultLabel, 1);
    layout->addWidget(m_switchRegionButton, 0, Qt::AlignVCenter);

    connect(m_tester, &ConnectionTester::finished, this, &ConnectionTestBar::handleFinished);
    connect(m_switchRegionButton, &QPushButton::clicked, this, [this] {
        m_switchRegionButton->hide();
        Q_EMIT switchRegionRequested(m_foundRegion);
    });
    hide();
}

bool ConnectionTestBar::isRunning() const
{
    return m_tester->isRunning();
}

void ConnectionTestBar::start(const ApiEndpoint &endpoint)
{
    clear();
    clearTextColor(m_resultLabel);
    m_resultLabel->setText(tr("Testing the connection to %1\u2026").arg(endpoint.baseUrl().toDisplayString()));
    show();
    m_tester->start(endpoint);
    Q_EMIT runningChanged(m_tester->isRunning());
}

void ConnectionTestBar::cancel()
{
    m_tester->cancel();
}

void ConnectionTestBar::clear()
{
    const bool wasRunning = m_tester->isRunning();
    m_discardResult = true;
    m_tester->cancel();
    m_discardResult = false;

    m_resultLabel->clear();
    m_switchRegionButton->hide();
    hide();
    if (wasRunning)
        Q_EMIT runningChanged(false);
}

void ConnectionTestBar::handleFinished(const ConnectionTestResult &result)
{
    if (m_discardResult)
        return;

    m_resultLabel->setText(result.toUserText());
    setTextColor(m_resultLabel, result.isOk() ? SuccessTextColor : ErrorTextColor);
    if (result.outcome == ConnectionTestResult::Outcome::FoundInOtherRegion && result.foundInRegion) {
        m_foundRegion = *result.foundInRegion;
        m_switchRegionButton->setText(tr("Switch to the %1 region").arg(ApiEndpoint::regionName(m_foundRegion)));
        m_switchRegionButton->show();
    } else {
        m_switchRegionButton->hide();
    }
    show();
    Q_EMIT runningChanged(false);
    Q_EMIT finished(result);
}
