#pragma once

class QLabel;
class QWidget;

// Marks an input field as invalid with a red frame, or clears the mark. The field's
// "invalid" property carries the same state for tests.
void setFieldInvalid(QWidget *field, bool invalid);

// Styles a label that explains why the input above it is invalid.
void styleProblemLabel(QLabel *label);
