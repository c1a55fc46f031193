#pragma once

#include <QRgb>

class QLabel;
class QWidget;

// Text colors for problems, warnings and successes on the default light background.
inline constexpr QRgb ErrorTextColor = 0xb71c1c;
inline constexpr QRgb WarningTextColor = 0x8a5a00;
inline constexpr QRgb SuccessTextColor = 0x1b5e20;

// Marks an input field as invalid with a red frame, or clears the mark. The field's
// "invalid" property carries the same state for tests.
void setFieldInvalid(QWidget *field, bool invalid);

// Styles a label that explains why the input above it is invalid.
void styleProblemLabel(QLabel *label);

// Colors a widget's text through its palette. A style sheet would look the same, but
// the window's first style sheet makes Qt set up QStyleSheetStyle, which added about
// 1 % to the instructions before the first paint (callgrind on startup-probe).
void setTextColor(QWidget *widget, QRgb color);
// Resets a widget to the text color it inherits.
void clearTextColor(QWidget *widget);
