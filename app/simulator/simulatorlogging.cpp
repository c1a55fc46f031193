#include "simulatorlogging.h"

Q_LOGGING_CATEGORY(lcSimulator, "inspector.sim")
