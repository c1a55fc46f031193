#include "fieldstyle.h"

#include <QLabel>
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
    label->setStyleSheet(QStringLiteral("color: #b71c1c;"));
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
}
