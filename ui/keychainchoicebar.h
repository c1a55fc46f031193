#pragma once

#include <QFrame>
#include <QString>

class QLabel;
class QPushButton;
class TokenVaultError;

// The question shown inside the profile panel when a token cannot be saved in the
// keychain: keep it in memory for this run only, keep it nowhere, or try the
// keychain again. It does not block the window, and it never offers a file.
class KeychainChoiceBar : public QFrame
{
    Q_OBJECT

public:
    enum class Choice { KeepForSession, DontKeep, TryAgain };

    explicit KeychainChoiceBar(QWidget *parent = nullptr);

    // Shows the question for the failed save that error describes.
    void ask(const TokenVaultError &error);
    void dismiss();
    bool isAsking() const { return !m_profileName.isEmpty(); }
    // The profile whose token waits for the choice; empty when nothing is asked.
    const QString &profileName() const { return m_profileName; }

    QLabel *messageLabel() const { return m_messageLabel; }
    QPushButton *keepButton() const { return m_keepButton; }
    QPushButton *dontKeepButton() const { return m_dontKeepButton; }
    QPushButton *tryAgainButton() const { return m_tryAgainButton; }

Q_SIGNALS:
    void chosen(KeychainChoiceBar::Choice choice);

private:
    void choose(Choice choice);

    QLabel *m_messageLabel;
    QPushButton *m_keepButton;
    QPushButton *m_dontKeepButton;
    QPushButton *m_tryAgainButton;
    QString m_profileName;
};
