#include "logcategories.h"

Q_LOGGING_CATEGORY(lcNet, "inspector.net", QtInfoMsg)
Q_LOGGING_CATEGORY(lcParse, "inspector.parse", QtInfoMsg)
Q_LOGGING_CATEGORY(lcModel, "inspector.model", QtInfoMsg)
Q_LOGGING_CATEGORY(lcUi, "inspector.ui", QtInfoMsg)
