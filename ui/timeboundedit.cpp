#include "timeboundedit.h"

#include "fieldstyle.h"
#include "timestamp.h"

#include <QCheckBox>
#include <QDateTimeEdit>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QSignalBlocker>

namespace {

Qt::TimeSpec timeSpecOf(TimeFormatter::Zone zone)
{
    return zone == TimeFormatter::Zone::Utc ? Qt::UTC : Qt::LocalTime;
}

} // namespace

TimeBoundEdit::TimeBoundEdit(const QString &label, const QDateTime &defaultTime, const QString &defaultDescription,
                             QWidget *parent)
    : QWidget(parent),
      m_checkBox(new QCheckBox(label, this)),
      m_dateTimeEdit(new QDateTimeEdit(this)),
      m_textEdit(new QLineEdit(this)),
      m_value(defaultTime.toUTC()),
      m_label(QString(label).remove(QLatin1Char('&')))
{
    m_checkBox->setToolTip(tr("Check to send this bound; unchecked, the server's default applies"));

    m_dateTimeEdit->setTimeSpec(Qt::UTC);
    m_dateTimeEdit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    m_dateTimeEdit->setCalendarPopup(true);
    // Keeps the seconds visible, which the default width clipped.
    m_dateTimeEdit->setMinimumWidth(m_dateTimeEdit->fontMetrics().horizontalAdvance(QStringLiteral("8888-88-88 88:88:88"))
                                    + 48);
    m_dateTimeEdit->setEnabled(false);
    showInEditor(m_value);

    m_textEdit->setPlaceholderText(defaultDescription);
    m_textEdit->setToolTip(tr("Type an ISO-8601 date and time, such as 2026-11-30T08:15:00Z or "
                              "2026-11-30T09:15:00+01:00. Without Z or an offset the time is read as UTC."));
    m_textEdit->setMinimumWidth(190);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_checkBox);
    layout->addWidget(m_dateTimeEdit);
    layout->addWidget(m_textEdit, 1);

    connect(m_checkBox, &QCheckBox::toggled, this, &TimeBoundEdit::handleChecked);
    connect(m_dateTimeEdit, &QDateTimeEdit::dateTimeChanged, this, &TimeBoundEdit::handleEditorChanged);
    connect(m_textEdit, &QLineEdit::textEdited, this, &TimeBoundEdit::handleTextEdited);
    connect(m_textEdit, &QLineEdit::returnPressed, this, &TimeBoundEdit::returnPressed);

    setTabOrder(m_checkBox, m_dateTimeEdit);
    setTabOrder(m_dateTimeEdit, m_textEdit);
}

bool TimeBoundEdit::isSet() const
{
    return m_checkBox->isChecked();
}

std::optional<QDateTime> TimeBoundEdit::value() const
{
    if (!isSet())
        return std::nullopt;
    if (!m_textProblem.isEmpty())
        return QDateTime();
    return m_value;
}

void TimeBoundEdit::setValue(const std::optional<QDateTime> &value)
{
    m_textProblem.clear();
    if (value && value->isValid()) {
        m_value = value->toUTC();
        showInEditor(m_value);
    }
    {
        const QSignalBlocker blocker(m_checkBox);
        m_checkBox->setChecked(value.has_value());
    }
    m_dateTimeEdit->setEnabled(value.has_value());
    m_textEdit->setText(value ? formatText(m_value) : QString());
    Q_EMIT changed();
}

void TimeBoundEdit::setZone(TimeFormatter::Zone zone)
{
    if (zone == m_zone)
        return;
    m_zone = zone;
    {
        const QSignalBlocker blocker(m_dateTimeEdit);
        m_dateTimeEdit->setTimeSpec(timeSpecOf(zone));
    }
    showInEditor(m_value);
    if (isSet() && m_textProblem.isEmpty())
        m_textEdit->setText(formatText(m_value));
}

void TimeBoundEdit::setInvalid(bool invalid)
{
    setFieldInvalid(m_textEdit, invalid);
}

void TimeBoundEdit::handleChecked(bool checked)
{
    m_dateTimeEdit->setEnabled(checked);
    m_textProblem.clear();
    m_textEdit->setText(checked ? formatText(m_value) : QString());
    Q_EMIT changed();
}

void TimeBoundEdit::handleEditorChanged(const QDateTime &time)
{
    m_value = time.toUTC();
    m_textProblem.clear();
    if (isSet())
        m_textEdit->setText(formatText(m_value));
    Q_EMIT changed();
}

void TimeBoundEdit::handleTextEdited(const QString &text)
{
    if (text.trimmed().isEmpty()) {
        // Clearing the text unsets the bound, as unchecking the box does.
        m_textProblem.clear();
        const QSignalBlocker blocker(m_checkBox);
        m_checkBox->setChecked(false);
        m_dateTimeEdit->setEnabled(false);
        Q_EMIT changed();
        return;
    }

    {
        const QSignalBlocker blocker(m_checkBox);
        m_checkBox->setChecked(true);
    }
    m_dateTimeEdit->setEnabled(true);

    const Timestamp parsed = Timestamp::parse(text);
    if (!parsed.isValid()) {
        m_textProblem = tr("The %1 time \"%2\" is not an ISO-8601 date and time; "
                           "type it like 2026-11-30T08:15:00Z.")
                            .arg(m_label.toLower(), text.trimmed());
        Q_EMIT changed();
        return;
    }

    m_textProblem.clear();
    m_value = parsed.utc();
    showInEditor(m_value);
    Q_EMIT changed();
}

void TimeBoundEdit::showInEditor(const QDateTime &utc)
{
    const QSignalBlocker blocker(m_dateTimeEdit);
    m_dateTimeEdit->setDateTime(m_zone == TimeFormatter::Zone::Utc ? utc.toUTC() : utc.toLocalTime());
}

QString TimeBoundEdit::formatText(const QDateTime &utc) const
{
    // An offset from UTC, because Qt::ISODate writes no offset for Qt::LocalTime and
    // Timestamp::parse() would then read the text back as UTC.
    const QDateTime zoned = m_zone == TimeFormatter::Zone::Utc ? utc.toUTC()
                                                               : utc.toOffsetFromUtc(utc.toLocalTime().offsetFromUtc());
    const bool hasMilliseconds = zoned.time().msec() != 0;
    return zoned.toString(hasMilliseconds ? Qt::ISODateWithMs : Qt::ISODate);
}
