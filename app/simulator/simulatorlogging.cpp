#include "simulatorlogging.h"

Q_LOGGING_CATEGORY(lcSimulator, "inspector.sim")

namespace {

QLoggingCategory::CategoryFilter previousFilter = nullptr;

void filterCategories(QLoggingCategory *category)
{
    if (previousFilter)
        previousFilter(category);
    if (qstrncmp(category->categoryName(), "qt.httpserver", 13) == 0)
        category->setEnabled(QtDebugMsg, false);
}

} // namespace

void suppressHttpServerDebugOutput()
{
    static const bool installed = [] {
        previousFilter = QLoggingCategory::installFilter(filterCategories);
        return true;
    }();
    Q_UNUSED(installed);
}
