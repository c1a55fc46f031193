#pragma once

#include <QLineEdit>
#include <QTimer>

// The quick filter above the message table. It reports the text once typing
// pauses, so that a filter pass over a hundred thousand rows does not run at every
// key press.
class QuickFilterEdit : public QLineEdit
{
    Q_OBJECT

public:
    static constexpr int PauseMilliseconds = 200;

    explicit QuickFilterEdit(QWidget *parent = nullptr);

Q_SIGNALS:
    // The text to filter by; empty shows every row.
    void filterChanged(const QString &text);

private:
    QTimer m_pause;
};
