#include "parseerror.h"

#include <QCoreApplication>

QString ParseError::toString() const
{
    if (offset >= 0)
        return QCoreApplication::translate("ParseError", "The response is not valid JSON: %1 at line %2, column %3 (byte %4).")
            .arg(reason)
            .arg(line)
            .arg(column)
            .arg(offset);
    if (path.isEmpty())
        return QCoreApplication::translate("ParseError", "The response has an unexpected structure: %1.").arg(reason);
    return QCoreApplication::translate("ParseError", "The response has an unexpected structure at %1: %2.").arg(path, reason);
}
