#pragma once

#include "apiendpoint.h"

#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QToolButton;

// The connection fields of a profile: bot id, region or custom base URL, bearer
// token and how the filter is sent. It checks the settings as the user types.
class EndpointEditor : public QWidget
{
    Q_OBJECT

public:
    explicit EndpointEditor(QWidget *parent = nullptr);

    // The settings as entered. The US and EU base URLs are those of the last
    // setEndpoint() or setRegionBaseUrls() call, or the production servers.
    ApiEndpoint endpoint() const;
    void setEndpoint(const ApiEndpoint &endpoint);

    // Replaces the base URLs behind the US and EU choices, for the demo and tests.
    void setRegionBaseUrls(const QUrl &usBaseUrl, const QUrl &euBaseUrl);
    QUrl usBaseUrl() const { return m_usBaseUrl; }
    QUrl euBaseUrl() const { return m_euBaseUrl; }

    // Sets only the region, as the user would.
    void setRegion(ApiEndpoint::Region region);

    // Makes the token field read-only while the token is read from the keychain,
    // and says so in place of the missing-token problem.
    void setTokenLoading(bool loading);
    bool isTokenLoading() const { return m_tokenLoading; }

    // Why no request can be sent with these settings, or nothing when they are usable.
    std::optional<QString> problem() const { return endpoint().validate(); }
    bool isValid() const { return !problem().has_value(); }

    QLineEdit *botIdEdit() const { return m_botIdEdit; }
    QComboBox *regionCombo() const { return m_regionCombo; }
    QLineEdit *baseUrlEdit() const { return m_baseUrlEdit; }
    QLineEdit *tokenEdit() const { return m_tokenEdit; }
    QToolButton *showTokenButton() const { return m_showTokenButton; }
    QComboBox *encodingCombo() const { return m_encodingCombo; }
    QLabel *problemLabel() const { return m_problemLabel; }

Q_SIGNALS:
    void endpointChanged();
    void validityChanged(bool valid);
    // Return was pressed in one of the fields.
    void submitted();

private:
    ApiEndpoint::Region currentRegion() const;
    void handleRegionChanged();
    void handleTokenShown(bool visible);
    void handleEdited();

    QLineEdit *m_botIdEdit;
    QComboBox *m_regionCombo;
    QLineEdit *m_baseUrlEdit;
    QLineEdit *m_tokenEdit;
    QToolButton *m_showTokenButton;
    QComboBox *m_encodingCombo;
    QLabel *m_problemLabel;

    QUrl m_usBaseUrl = ApiEndpoint::productionBaseUrl(ApiEndpoint::Region::Us);
    QUrl m_euBaseUrl = ApiEndpoint::productionBaseUrl(ApiEndpoint::Region::Eu);
    // Text typed for the custom region, kept while US or EU is selected.
    QString m_customUrlText;
    ApiEndpoint::Region m_shownRegion = ApiEndpoint::Region::Eu;
    bool m_valid = false;
    bool m_tokenLoading = false;
};
