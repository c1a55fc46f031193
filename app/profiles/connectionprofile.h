#pragma once

#include "apiendpoint.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QUrl>

// The saved settings of one bot connection, without its token: the token lives
// in the keychain (see TokenVault) under the profile's name.
class ConnectionProfile
{
    Q_DECLARE_TR_FUNCTIONS(ConnectionProfile)

public:
    // SettingsFile marks a problem with storing the profile rather than with a field.
    enum class Field { Name, BotId, BaseUrl, SettingsFile };

    struct Problem
    {
        Field field;
        QString message;

        friend bool operator==(const Problem &, const Problem &) = default;
    };

    // Profile names longer than this are rejected. The limit keeps names readable
    // in a profile list and in the keychain manager, where they appear as keys.
    static constexpr qsizetype MaxNameLength = 80;

    QString name;
    QString botId;
    ApiEndpoint::Region region = ApiEndpoint::Region::Eu;
    QUrl customBaseUrl; // used when region is Custom
    ApiEndpoint::FilterEncoding filterEncoding = ApiEndpoint::FilterEncoding::QueryString;
    QString notes;

    // Checks a name on its own: not empty after trimming, no control characters,
    // within MaxNameLength. Whether it is unique is up to the ProfileStore.
    static std::optional<QString> checkName(const QString &name);

    // Every reason the profile cannot be saved, empty when it is valid. The bot id
    // and base URL go through ApiEndpoint::validate(), so a profile is valid exactly
    // when a request could be sent with it once a token is added.
    QList<Problem> validate() const;
    bool isValid() const { return validate().isEmpty(); }

    // Builds the client settings for this profile. usBaseUrl and euBaseUrl replace
    // the production servers behind the US and EU regions, for the demo and tests.
    ApiEndpoint toEndpoint(const QString &token,
                           const QUrl &usBaseUrl = ApiEndpoint::productionBaseUrl(ApiEndpoint::Region::Us),
                           const QUrl &euBaseUrl = ApiEndpoint::productionBaseUrl(ApiEndpoint::Region::Eu)) const;

    // "query" or "json", as stored in settings.
    static QString filterEncodingKey(ApiEndpoint::FilterEncoding encoding);
    static std::optional<ApiEndpoint::FilterEncoding> filterEncodingFromKey(const QString &key);

    friend bool operator==(const ConnectionProfile &, const ConnectionProfile &) = default;
};
