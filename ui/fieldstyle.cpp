#include "fieldstyle.h"

#include <QColor>
#include <QLabel>
#include <QPalette>
#include <QVariant>
#include <QWidget>

void setFieldInvalid(QWidget *field, bool invalid)
{
    if (field->property("invalid").toBool() == invalid && field->property("invalid").isValid())
        return;
    field->setProperty("invalid", invalid);
    field->setStyleSheet(invalid ? QStringLiteral("border: 2px solid #c62828; border-radius: 3px; padding: 1px;")
                                 : QString());
}

void styleProblemLabel(QLabel *label)
{
    setTextColor(label, ErrorTextColor);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
}

void setTextColor(QWidget *widget, QRgb color)
{
    QPalette palette = widget->palette();
    palette.setColor(QPalette::WindowText, QColor(color));
    widget->setPalette(palette);
}

void clearTextColor(QWidget *widget)
{
    // A palette that sets no role lets the widget inherit its parent's again.
    widget->setPalette(QPalette());
}
