#include "filterform.h"

#include "fieldstyle.h"
#include "timeboundedit.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QSpinBox>

FilterForm::FilterForm(QWidget *parent)
    : QWidget(parent),
      m_startEdit(new TimeBoundEdit(tr("&Start"), NotificationQuery::defaultStartTime(),
                                    tr("server default: %1").arg(NotificationQuery::defaultStartTime().toUTC().toString(Qt::ISODate)),
                                    this)),
      m_endEdit(new TimeBoundEdit(tr("&End"), QDateTime::currentDateTimeUtc(), tr("server default: now"), this)),
      m_senderEdit(new QLineEdit(this)),
      m_pageSizeSpinBox(new QSpinBox(this)),
      m_zoneCombo(new QComboBox(this)),
      m_problemLabel(new QLabel(this))
{
    m_startEdit->setObjectName(QStringLiteral("startTimeEdit"));
    m_startEdit->checkBox()->setObjectName(QStringLiteral("startTimeCheckBox"));
    m_startEdit->textEdit()->setObjectName(QStringLiteral("startTimeText"));
    m_endEdit->setObjectName(QStringLiteral("endTimeEdit"));
    m_endEdit->checkBox()->setObjectName(QStringLiteral("endTimeCheckBox"));
    m_endEdit->textEdit()->setObjectName(QStringLiteral("endTimeText"));

    m_senderEdit->setObjectName(QStringLiteral("senderEdit"));
    m_senderEdit->setPlaceholderText(tr("any sender"));
    m_senderEdit->setToolTip(tr("The sender's number with country code; spaces, dashes and a leading + or 00 are ignored"));
    m_senderEdit->setClearButtonEnabled(true);

    m_pageSizeSpinBox->setObjectName(QStringLiteral("pageSizeSpinBox"));
    m_pageSizeSpinBox->setRange(1, NotificationQuery::MaxPageSize);
    m_pageSizeSpinBox->setValue(NotificationQuery::DefaultPageSize);
    m_pageSizeSpinBox->setToolTip(tr("Messages per page, 1 to %1").arg(NotificationQuery::MaxPageSize));

    m_zoneCombo->setObjectName(QStringLiteral("editorZoneCombo"));
    m_zoneCombo->addItem(tr("UTC"), QVariant::fromValue(int(TimeFormatter::Zone::Utc)));
    m_zoneCombo->addItem(tr("Local time"), QVariant::fromValue(int(TimeFormatter::Zone::Local)));
    m_zoneCombo->setToolTip(tr("The zone in which the whole window shows times, and the start and end editors take them"));

    m_problemLabel->setObjectName(QStringLiteral("filterProblemLabel"));
    styleProblemLabel(m_problemLabel);

    auto *senderLabel = new QLabel(tr("Se&nder:"), this);
    senderLabel->setBuddy(m_senderEdit);
    auto *pageSizeLabel = new QLabel(tr("Page si&ze:"), this);
    pageSizeLabel->setBuddy(m_pageSizeSpinBox);
    auto *zoneLabel = new QLabel(tr("Times &in:"), this);
    zoneLabel->setBuddy(m_zoneCombo);

    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_startEdit, 0, 0);
    layout->addWidget(senderLabel, 0, 1);
    layout->addWidget(m_senderEdit, 0, 2);
    layout->addWidget(zoneLabel, 0, 3);
    layout->addWidget(m_zoneCombo, 0, 4);
    layout->addWidget(m_endEdit, 1, 0);
    layout->addWidget(pageSizeLabel, 1, 1);
    layout->addWidget(m_pageSizeSpinBox, 1, 2, Qt::AlignLeft);
    layout->addWidget(m_problemLabel, 2, 0, 1, 5);
    layout->setColumnStretch(0, 3);
    layout->setColumnStretch(2, 1);

    connect(m_startEdit, &TimeBoundEdit::changed, this, &FilterForm::validate);
    connect(m_endEdit, &TimeBoundEdit::changed, this, &FilterForm::validate);
    connect(m_senderEdit, &QLineEdit::textChanged, this, &FilterForm::validate);
    connect(m_pageSizeSpinBox, &QSpinBox::valueChanged, this, &FilterForm::validate);
    connect(m_zoneCombo, &QComboBox::currentIndexChanged, this, &FilterForm::handleZoneChanged);
    connect(m_startEdit, &TimeBoundEdit::returnPressed, this, &FilterForm::submitted);
    connect(m_endEdit, &TimeBoundEdit::returnPressed, this, &FilterForm::submitted);
    connect(m_senderEdit, &QLineEdit::returnPressed, this, &FilterForm::submitted);

    setTabOrder(m_startEdit->textEdit(), m_endEdit->checkBox());
    setTabOrder(m_endEdit->textEdit(), m_senderEdit);
    setTabOrder(m_senderEdit, m_pageSizeSpinBox);
    setTabOrder(m_pageSizeSpinBox, m_zoneCombo);

    validate();
}

NotificationQuery FilterForm::query() const
{
    NotificationQuery query;
    query.startTime = m_startEdit->value();
    query.endTime = m_endEdit->value();
    query.sender = m_senderEdit->text();
    query.page = NotificationQuery::DefaultPage;
    query.pageSize = m_pageSizeSpinBox->value();
    return query;
}

void FilterForm::setQuery(const NotificationQuery &query)
{
    m_startEdit->setValue(query.startTime);
    m_endEdit->setValue(query.endTime);
    m_senderEdit->setText(query.sender);
    m_pageSizeSpinBox->setValue(query.pageSize);
    validate();
}

void FilterForm::setEditorZone(TimeFormatter::Zone zone)
{
    m_zoneCombo->setCurrentIndex(m_zoneCombo->findData(int(zone)));
}

TimeFormatter::Zone FilterForm::editorZone() const
{
    return TimeFormatter::Zone(m_zoneCombo->currentData().toInt());
}

void FilterForm::handleZoneChanged()
{
    m_startEdit->setZone(editorZone());
    m_endEdit->setZone(editorZone());
}

void FilterForm::validate()
{
    QStringList problems;
    bool startInvalid = false;
    bool endInvalid = false;
    bool senderInvalid = false;
    bool pageSizeInvalid = false;

    // Text that cannot be read has a sharper reason than "not a valid date and
    // time", so it replaces the query's own check of that field.
    if (!m_startEdit->textProblem().isEmpty()) {
        problems.append(m_startEdit->textProblem());
        startInvalid = true;
    }
    if (!m_endEdit->textProblem().isEmpty()) {
        problems.append(m_endEdit->textProblem());
        endInvalid = true;
    }

    const QList<NotificationQuery::Problem> queryProblems = query().validate();
    for (const NotificationQuery::Problem &problem : queryProblems) {
        switch (problem.field) {
        case NotificationQuery::Field::StartTime:
            if (startInvalid)
                continue;
            startInvalid = true;
            break;
        case NotificationQuery::Field::EndTime:
            if (endInvalid)
                continue;
            endInvalid = true;
            break;
        case NotificationQuery::Field::Sender:
            senderInvalid = true;
            break;
        case NotificationQuery::Field::PageSize:
            pageSizeInvalid = true;
            break;
        case NotificationQuery::Field::Page:
            break;
        }
        problems.append(problem.message);
    }

    m_startEdit->setInvalid(startInvalid);
    m_endEdit->setInvalid(endInvalid);
    setFieldInvalid(m_senderEdit, senderInvalid);
    setFieldInvalid(m_pageSizeSpinBox, pageSizeInvalid);
    m_problems = problems;
    m_problemLabel->setText(problems.join(QLatin1Char('\n')));
    m_problemLabel->setVisible(!problems.isEmpty());

    Q_EMIT queryChanged();
    const bool valid = problems.isEmpty();
    if (valid != m_valid) {
        m_valid = valid;
        Q_EMIT validityChanged(valid);
    }
}
