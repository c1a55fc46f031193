#pragma once

#include <QLoggingCategory>

// Logging categories of the inspector, one per area. Enable one with
// QT_LOGGING_RULES="inspector.net.debug=true". No category ever logs a token.
Q_DECLARE_LOGGING_CATEGORY(lcNet)
Q_DECLARE_LOGGING_CATEGORY(lcParse)
Q_DECLARE_LOGGING_CATEGORY(lcModel)
Q_DECLARE_LOGGING_CATEGORY(lcUi)
