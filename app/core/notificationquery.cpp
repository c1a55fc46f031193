#include "notificationquery.h"

#include "msisdn.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTimeZone>

QDateTime NotificationQuery::defaultStartTime()
{
    return QDateTime(QDate(2019, 9, 1), QTime(0, 0), QTimeZone::utc());
}

QList<NotificationQuery::Problem> NotificationQuery::validate() const
{
    QList<Problem> problems;
    if (startTime && !startTime->isValid())
        problems.append({Field::StartTime, tr("The start time is not a valid date and time.")});
    if (endTime && !endTime->isValid())
        problems.append({Field::EndTime, tr("The end time is not a valid date and time.")});
    if (startTime && endTime && startTime->isValid() && endTime->isValid() && *startTime > *endTime)
        problems.append({Field::EndTime, tr("The end time is before the start time.")});

    if (!sender.trimmed().isEmpty()) {
        const QString digits = senderDigits();
        if (digits.isEmpty())
            problems.append({Field::Sender, tr("The sender may contain only digits, spaces, dashes, a leading + or 00, and a \"whatsapp:\" prefix.")});
        else if (!Msisdn::isPlausible(digits))
            problems.append({Field::Sender, tr("The sender needs 6 to 15 digits with the country code; \"%1\" has %2.")
                                                .arg(digits)
                                                .arg(digits.size())});
    }

    if (page < 1)
        problems.append({Field::Page, tr("The page number must be 1 or more.")});
    if (pageSize < 1 || pageSize > MaxPageSize)
        problems.append({Field::PageSize, tr("The page size must be between 1 and %1.").arg(MaxPageSize)});
    return problems;
}

QString NotificationQuery::senderDigits() const
{
    return Msisdn::normalize(sender);
}

QString NotificationQuery::formatTime(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

QUrlQuery NotificationQuery::toUrlQuery() const
{
    QUrlQuery query;
    if (startTime)
        query.addQueryItem(QStringLiteral("start_time"), formatTime(*startTime));
    if (endTime)
        query.addQueryItem(QStringLiteral("end_time"), formatTime(*endTime));
    if (!sender.trimmed().isEmpty())
        query.addQueryItem(QStringLiteral("from"), senderDigits());
    query.addQueryItem(QStringLiteral("page"), QString::number(page));
    query.addQueryItem(QStringLiteral("page_size"), QString::number(pageSize));
    return query;
}

QByteArray NotificationQuery::toJsonBody() const
{
    QJsonObject body;
    if (startTime)
        body.insert(QLatin1String("start_time"), formatTime(*startTime));
    if (endTime)
        body.insert(QLatin1String("end_time"), formatTime(*endTime));
    if (!sender.trimmed().isEmpty())
        body.insert(QLatin1String("from"), senderDigits());
    body.insert(QLatin1String("page"), page);
    body.insert(QLatin1String("page_size"), pageSize);
    return QJsonDocument(body).toJson(QJsonDocument::Compact);
}

NotificationQuery NotificationQuery::withPage(int pageNumber) const
{
    NotificationQuery copy = *this;
    copy.page = pageNumber;
    return copy;
}
