#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QUrlQuery>

#include <optional>

// The filter and paging parameters of one request to the simulated notifications
// endpoint.
struct SimulatorQuery
{
    static constexpr int defaultPage = 1;
    static constexpr int defaultPageSize = 20;
    // NOTE: The real service's maximum page size is not documented. The simulator
    // rejects larger sizes with 400 instead of silently serving fewer results.
    static constexpr int maximumPageSize = 1000;

    QDateTime startTime;
    QDateTime endTime;
    QString senderDigits; // empty matches every sender
    int page = defaultPage;
    int pageSize = defaultPageSize;

    // Reads the parameters from the query string and, when the request has a body,
    // from that JSON object. A parameter missing from both gets its default, and
    // end_time defaults to now. Returns std::nullopt and sets *error to
    // "<parameter>: <reason>" when a parameter is invalid.
    static std::optional<SimulatorQuery> fromRequest(const QUrlQuery &query,
                                                        const QByteArray &body,
                                                        const QByteArray &contentType,
                                                        const QDateTime &now, QString *error);
};
