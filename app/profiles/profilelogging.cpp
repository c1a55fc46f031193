#include "profilelogging.h"

Q_LOGGING_CATEGORY(lcProfiles, "inspector.profiles", QtInfoMsg)
