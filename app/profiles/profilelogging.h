#pragma once

#include <QLoggingCategory>

// Logging of profiles, the keychain and connection tests. Enable it with
// QT_LOGGING_RULES="inspector.profiles.debug=true". It never logs a token.
Q_DECLARE_LOGGING_CATEGORY(lcProfiles)
