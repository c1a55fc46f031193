#pragma once

#include "apiendpoint.h"
#include "connectiontestresult.h"

#include <QWidget>

class ConnectionTester;
class QLabel;
class QPushButton;

// The outcome of "Test connection" inside the profile panel: the test's sentences
// and, when the bot was found in the other region, a button that switches the
// profile's region. The result stays on the panel; no dialog opens.
class ConnectionTestBar : public QWidget
{
    Q_OBJECT

public:
    explicit ConnectionTestBar(QWidget *parent = nullptr);

    // Starts a test of endpoint, cancelling one that still runs.
    void start(const ApiEndpoint &endpoint);
    // Stops the running test and shows that it was cancelled.
    void cancel();
    // Stops the running test without a word and hides the bar, for when the
    // settings it tested are gone.
    void clear();
    bool isRunning() const;

    ConnectionTester *tester() const { return m_tester; }
    QLabel *resultLabel() const { return m_resultLabel; }
    QPushButton *switchRegionButton() const { return m_switchRegionButton; }

Q_SIGNALS:
    void runningChanged(bool running);
    void finished(const ConnectionTestResult &result);
    // The user accepted the offer to use the region where the bot was found.
    void switchRegionRequested(ApiEndpoint::Region region);

private:
    void handleFinished(const ConnectionTestResult &result);

    ConnectionTester *m_tester;
    QLabel *m_resultLabel;
    QPushButton *m_switchRegionButton;
    ApiEndpoint::Region m_foundRegion = ApiEndpoint::Region::Eu;
    bool m_discardResult = false;
};
