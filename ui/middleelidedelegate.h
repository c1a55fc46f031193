#pragma once

#include <QStyledItemDelegate>

// Draws text that does not fit with the ellipsis in the middle, for ids whose start
// and end tell them apart ("01SIM0…000094").
class MiddleElideDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};
