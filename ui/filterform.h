#pragma once

#include "notificationquery.h"
#include "timeformatter.h"

#include <QStringList>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class TimeBoundEdit;

// The filter of the inbound-messages search, with start and end time, sender and
// page size. It checks the input as the user types, frames the invalid field in red,
// lists the reasons under the fields and reports whether a search can be sent.
class FilterForm : public QWidget
{
    Q_OBJECT

public:
    explicit FilterForm(QWidget *parent = nullptr);

    // The filter as entered, for page 1.
    NotificationQuery query() const;
    void setQuery(const NotificationQuery &query);

    bool isValid() const { return m_problems.isEmpty(); }
    // Every reason the filter cannot be sent, empty when it is valid.
    QStringList problems() const { return m_problems; }

    // The zone in which the editors show and write times.
    void setEditorZone(TimeFormatter::Zone zone);
    TimeFormatter::Zone editorZone() const;

    TimeBoundEdit *startEdit() const { return m_startEdit; }
    TimeBoundEdit *endEdit() const { return m_endEdit; }
    QLineEdit *senderEdit() const { return m_senderEdit; }
    QSpinBox *pageSizeSpinBox() const { return m_pageSizeSpinBox; }
    QComboBox *zoneCombo() const { return m_zoneCombo; }
    QLabel *problemLabel() const { return m_problemLabel; }

Q_SIGNALS:
    void validityChanged(bool valid);
    void queryChanged();
    // Return was pressed in one of the text fields.
    void submitted();

private:
    void validate();
    void handleZoneChanged();

    TimeBoundEdit *m_startEdit;
    TimeBoundEdit *m_endEdit;
    QLineEdit *m_senderEdit;
    QSpinBox *m_pageSizeSpinBox;
    QComboBox *m_zoneCombo;
    QLabel *m_problemLabel;
    QStringList m_problems;
    bool m_valid = true;
};
