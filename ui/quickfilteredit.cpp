#include "quickfilteredit.h"

QuickFilterEdit::QuickFilterEdit(QWidget *parent)
    : QLineEdit(parent)
{
    setPlaceholderText(tr("Filter the loaded messages (Ctrl+F)"));
    setToolTip(tr("Shows the loaded messages whose sender, type, content, message id or replied-to id "
                  "contains this text, ignoring case."));
    setClearButtonEnabled(true);

    m_pause.setSingleShot(true);
    m_pause.setInterval(PauseMilliseconds);
    connect(this, &QLineEdit::textChanged, &m_pause, qOverload<>(&QTimer::start));
    connect(&m_pause, &QTimer::timeout, this, [this] { Q_EMIT filterChanged(text().trimmed()); });
}
