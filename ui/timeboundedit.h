#pragma once

#include "timeformatter.h"

#include <QDateTime>
#include <QString>
#include <QWidget>

#include <optional>

class QCheckBox;
class QDateTimeEdit;
class QLineEdit;

// One end of a time range: a check box that sets the bound, a date-time editor and
// a line edit for typed ISO-8601. The editor and the text follow each other; an
// unset bound leaves the server's default in force.
class TimeBoundEdit : public QWidget
{
    Q_OBJECT

public:
    // label is the check box text. defaultTime is shown in the editor while the bound
    // is unset, and defaultDescription is the placeholder of the empty text field,
    // which names the server's default.
    TimeBoundEdit(const QString &label, const QDateTime &defaultTime, const QString &defaultDescription,
                  QWidget *parent = nullptr);

    bool isSet() const;
    // The bound in UTC; nothing when unset, and an invalid QDateTime while the typed
    // text cannot be read.
    std::optional<QDateTime> value() const;
    void setValue(const std::optional<QDateTime> &value);

    // Why the typed text cannot be read, or an empty string.
    QString textProblem() const { return m_textProblem; }

    void setZone(TimeFormatter::Zone zone);
    TimeFormatter::Zone zone() const { return m_zone; }

    void setInvalid(bool invalid);

    QCheckBox *checkBox() const { return m_checkBox; }
    QDateTimeEdit *dateTimeEdit() const { return m_dateTimeEdit; }
    QLineEdit *textEdit() const { return m_textEdit; }

Q_SIGNALS:
    void changed();
    void returnPressed();

private:
    void handleChecked(bool checked);
    void handleEditorChanged(const QDateTime &time);
    void handleTextEdited(const QString &text);
    void showInEditor(const QDateTime &utc);
    QString formatText(const QDateTime &utc) const;

    QCheckBox *m_checkBox;
    QDateTimeEdit *m_dateTimeEdit;
    QLineEdit *m_textEdit;
    QDateTime m_value; // UTC, kept apart from the editor so typed milliseconds survive
    QString m_label;
    QString m_textProblem;
    TimeFormatter::Zone m_zone = TimeFormatter::Zone::Utc;
};
