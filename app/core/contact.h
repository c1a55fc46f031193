#pragma once

#include <QString>

// One element of a callback's "contacts" array: the profile of a sender.
struct Contact
{
    QString waId;       // as sent
    QString waIdDigits; // normalised, for matching against a message's sender
    QString name;       // empty when the profile or its name is missing
};
