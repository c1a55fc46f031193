#include "keychainchoicebar.h"

#include "tokenvaulterror.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

KeychainChoiceBar::KeychainChoiceBar(QWidget *parent)
    : QFrame(parent),
      m_messageLabel(new QLabel(this)),
      m_keepButton(new QPushButton(tr("&Keep for this run only"), this)),
      m_dontKeepButton(new QPushButton(tr("Don't keep it"), this)),
      m_tryAgainButton(new QPushButton(tr("Try a&gain"), this))
{
    setObjectName(QStringLiteral("keychainChoiceBar"));
    setFrameShape(QFrame::StyledPanel);

    m_messageLabel->setObjectName(QStringLiteral("keychainMessageLabel"));
    m_messageLabel->setWordWrap(true);
    m_messageLabel->setTextFormat(Qt::PlainText);
    m_messageLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_keepButton->setObjectName(QStringLiteral("keepTokenForSessionButton"));
    m_keepButton->setToolTip(tr("Keep the token in memory until the program ends; it is not written anywhere"));
    m_dontKeepButton->setObjectName(QStringLiteral("dontKeepTokenButton"));
    m_dontKeepButton->setToolTip(tr("Keep the token nowhere; it stays in the field until another profile is opened"));
    m_tryAgainButton->setObjectName(QStringLiteral("tryKeychainAgainButton"));
    m_tryAgainButton->setToolTip(tr("Save the token in the keychain again, for example after unlocking it"));

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    layout->addWidget(m_messageLabel, 1);
    layout->addWidget(m_keepButton, 0, Qt::AlignVCenter);
    layout->addWidget(m_dontKeepButton, 0, Qt::AlignVCenter);
    layout->addWidget(m_tryAgainButton, 0, Qt::AlignVCenter);

    connect(m_keepButton, &QPushButton::clicked, this, [this] { choose(Choice::KeepForSession); });
    connect(m_dontKeepButton, &QPushButton::clicked, this, [this] { choose(Choice::DontKeep); });
    connect(m_tryAgainButton, &QPushButton::clicked, this, [this] { choose(Choice::TryAgain); });
    hide();
}

void KeychainChoiceBar::ask(const TokenVaultError &error)
{
    m_profileName = error.profileName;
    // The keychain's own message may end without a full stop, so the question
    // starts a line of its own.
    m_messageLabel->setText(error.toUserText() + QLatin1Char('\n')
                            + tr("Keep the token of \"%1\" in memory until the program ends, or keep it nowhere? "
                                 "It is never written to a file.")
                                  .arg(error.profileName));
    // The style sheet is set on first use, because on the hidden bar it would make Qt
    // set up QStyleSheetStyle for the bar and its buttons before the window's first paint.
    if (styleSheet().isEmpty())
        setStyleSheet(QStringLiteral("KeychainChoiceBar { background: #fff4e5; border: 1px solid #e0b070; }"));
    show();
    m_keepButton->setFocus(Qt::OtherFocusReason);
}

void KeychainChoiceBar::dismiss()
{
    m_profileName.clear();
    m_messageLabel->clear();
    hide();
}

void KeychainChoiceBar::choose(Choice choice)
{
    if (!isAsking())
        return;
    Q_EMIT chosen(choice);
}
