#pragma once

#include "contact.h"
#include "deliveryreport.h"
#include "inboundmessage.h"

#include <QList>

// One element of a response's "results" array. A callback can carry delivery
// reports and inbound messages together.
struct Callback
{
    QString type; // "whatsapp"
    QList<DeliveryReport> statuses;
    QList<InboundMessage> notifications;
    QList<Contact> contacts;
};
