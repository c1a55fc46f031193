#pragma once

#include <QLoggingCategory>

Q_DECLARE_LOGGING_CATEGORY(lcSimulator)

// Keeps QtHttpServer's debug output off, whatever the logging rules contain, because
// Qt 6.4 logs every request there with its Authorization header. The filter is
// installed once, and other categories keep the filter that was in place before.
void suppressHttpServerDebugOutput();
