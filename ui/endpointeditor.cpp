#include "endpointeditor.h"

#include "fieldstyle.h"

#include <QComboBox>
#include <QVBoxLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QToolButton>

EndpointEditor::EndpointEditor(QWidget *parent)
    : QWidget(parent),
      m_botIdEdit(new QLineEdit(this)),
      m_regionCombo(new QComboBox(this)),
      m_baseUrlEdit(new QLineEdit(this)),
      m_tokenEdit(new QLineEdit(this)),
      m_showTokenButton(new QToolButton(this)),
      m_encodingCombo(new QComboBox(this)),
      m_problemLabel(new QLabel(this))
{
    m_botIdEdit->setObjectName(QStringLiteral("botIdEdit"));
    m_botIdEdit->setPlaceholderText(tr("bot id"));
    m_botIdEdit->setToolTip(tr("The bot whose callbacks to read, as in /whatsapp/v1/{bot-id}/callbacks"));

    m_regionCombo->setObjectName(QStringLiteral("regionCombo"));
    m_regionCombo->addItem(tr("US"), QVariant::fromValue(int(ApiEndpoint::Region::Us)));
    m_regionCombo->addItem(tr("EU"), QVariant::fromValue(int(ApiEndpoint::Region::Eu)));
    m_regionCombo->addItem(tr("Custom URL"), QVariant::fromValue(int(ApiEndpoint::Region::Custom)));
    m_regionCombo->setToolTip(tr("A bot lives in one region; asking the other region fails like a wrong token."));

    m_baseUrlEdit->setObjectName(QStringLiteral("baseUrlEdit"));
    m_baseUrlEdit->setMinimumWidth(220);

    m_tokenEdit->setObjectName(QStringLiteral("tokenEdit"));
    m_tokenEdit->setEchoMode(QLineEdit::Password);
    m_tokenEdit->setPlaceholderText(tr("bearer token"));
    m_tokenEdit->setToolTip(tr("Sent as Authorization: Bearer <token>; never written to logs or the window title"));

    m_showTokenButton->setObjectName(QStringLiteral("showTokenButton"));
    m_showTokenButton->setText(tr("Show"));
    m_showTokenButton->setCheckable(true);
    m_showTokenButton->setToolTip(tr("Show or hide the token"));

    m_encodingCombo->setObjectName(QStringLiteral("encodingCombo"));
    m_encodingCombo->addItem(tr("Query string"), QVariant::fromValue(int(ApiEndpoint::FilterEncoding::QueryString)));
    m_encodingCombo->addItem(tr("JSON body"), QVariant::fromValue(int(ApiEndpoint::FilterEncoding::JsonBody)));
    m_encodingCombo->setToolTip(tr("How the filter travels with the GET request: as query parameters or as a JSON body"));

    m_problemLabel->setObjectName(QStringLiteral("profileProblemLabel"));
    styleProblemLabel(m_problemLabel);

    auto *fields = new QHBoxLayout;
    const auto addLabelled = [&](const QString &text, QWidget *field, int stretch) {
        auto *label = new QLabel(text, this);
        label->setBuddy(field);
        fields->addWidget(label);
        fields->addWidget(field, stretch);
    };
    addLabelled(tr("&Bot id:"), m_botIdEdit, 2);
    addLabelled(tr("&Region:"), m_regionCombo, 0);
    addLabelled(tr("Base &URL:"), m_baseUrlEdit, 3);
    addLabelled(tr("&Token:"), m_tokenEdit, 2);
    fields->addWidget(m_showTokenButton);
    addLabelled(tr("&Filter sent as:"), m_encodingCombo, 0);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(fields);
    layout->addWidget(m_problemLabel);

    m_regionCombo->setCurrentIndex(m_regionCombo->findData(int(ApiEndpoint::Region::Eu)));
    handleRegionChanged();

    connect(m_botIdEdit, &QLineEdit::textChanged, this, &EndpointEditor::handleEdited);
    connect(m_baseUrlEdit, &QLineEdit::textChanged, this, &EndpointEditor::handleEdited);
    connect(m_tokenEdit, &QLineEdit::textChanged, this, &EndpointEditor::handleEdited);
    connect(m_regionCombo, &QComboBox::currentIndexChanged, this, &EndpointEditor::handleRegionChanged);
    connect(m_encodingCombo, &QComboBox::currentIndexChanged, this, &EndpointEditor::handleEdited);
    connect(m_showTokenButton, &QToolButton::toggled, this, &EndpointEditor::handleTokenShown);
    for (QLineEdit *edit : {m_botIdEdit, m_baseUrlEdit, m_tokenEdit})
        connect(edit, &QLineEdit::returnPressed, this, &EndpointEditor::submitted);

    setTabOrder(m_botIdEdit, m_regionCombo);
    setTabOrder(m_regionCombo, m_baseUrlEdit);
    setTabOrder(m_baseUrlEdit, m_tokenEdit);
    setTabOrder(m_tokenEdit, m_showTokenButton);
    setTabOrder(m_showTokenButton, m_encodingCombo);

    handleEdited();
}

ApiEndpoint::Region EndpointEditor::currentRegion() const
{
    return ApiEndpoint::Region(m_regionCombo->currentData().toInt());
}

ApiEndpoint EndpointEditor::endpoint() const
{
    ApiEndpoint endpoint;
    endpoint.region = currentRegion();
    endpoint.usBaseUrl = m_usBaseUrl;
    endpoint.euBaseUrl = m_euBaseUrl;
    const QString customText = endpoint.region == ApiEndpoint::Region::Custom ? m_baseUrlEdit->text() : m_customUrlText;
    endpoint.customBaseUrl = QUrl::fromUserInput(customText.trimmed());
    if (customText.trimmed().isEmpty())
        endpoint.customBaseUrl = QUrl();
    endpoint.botId = m_botIdEdit->text();
    endpoint.token = m_tokenEdit->text();
    endpoint.filterEncoding = ApiEndpoint::FilterEncoding(m_encodingCombo->currentData().toInt());
    return endpoint;
}

void EndpointEditor::setEndpoint(const ApiEndpoint &endpoint)
{
    m_usBaseUrl = endpoint.usBaseUrl;
    m_euBaseUrl = endpoint.euBaseUrl;
    m_customUrlText = endpoint.customBaseUrl.toString();
    // Not Custom, so that handleRegionChanged() keeps the URL above instead of
    // reading the field's old text.
    m_shownRegion = ApiEndpoint::Region::Us;

    const QSignalBlocker blockBot(m_botIdEdit);
    const QSignalBlocker blockToken(m_tokenEdit);
    const QSignalBlocker blockEncoding(m_encodingCombo);
    const QSignalBlocker blockRegion(m_regionCombo);
    m_botIdEdit->setText(endpoint.botId);
    m_tokenEdit->setText(endpoint.token);
    m_encodingCombo->setCurrentIndex(m_encodingCombo->findData(int(endpoint.filterEncoding)));
    m_regionCombo->setCurrentIndex(m_regionCombo->findData(int(endpoint.region)));
    handleRegionChanged();
}

void EndpointEditor::setRegionBaseUrls(const QUrl &usBaseUrl, const QUrl &euBaseUrl)
{
    m_usBaseUrl = usBaseUrl;
    m_euBaseUrl = euBaseUrl;
    handleRegionChanged();
}

void EndpointEditor::setRegion(ApiEndpoint::Region region)
{
    m_regionCombo->setCurrentIndex(m_regionCombo->findData(int(region)));
}

void EndpointEditor::setTokenLoading(bool loading)
{
    m_tokenLoading = loading;
    m_tokenEdit->setReadOnly(loading);
    m_tokenEdit->setPlaceholderText(loading ? tr("reading from the keychain\u2026") : tr("bearer token"));
    handleEdited();
}

void EndpointEditor::handleRegionChanged()
{
    const ApiEndpoint::Region region = currentRegion();
    if (m_shownRegion == ApiEndpoint::Region::Custom)
        m_customUrlText = m_baseUrlEdit->text();
    m_shownRegion = region;

    const QSignalBlocker blocker(m_baseUrlEdit);
    if (region == ApiEndpoint::Region::Custom) {
        m_baseUrlEdit->setReadOnly(false);
        m_baseUrlEdit->setText(m_customUrlText);
        m_baseUrlEdit->setPlaceholderText(tr("https://proxy.example.com"));
        m_baseUrlEdit->setToolTip(tr("The base URL of a proxy, staging server or simulator; "
                                     "/whatsapp/v1/... is added to it"));
    } else {
        const QUrl url = region == ApiEndpoint::Region::Us ? m_usBaseUrl : m_euBaseUrl;
        m_baseUrlEdit->setReadOnly(true);
        m_baseUrlEdit->setText(url.toString());
        m_baseUrlEdit->setPlaceholderText(QString());
        m_baseUrlEdit->setToolTip(tr("The %1 region's base URL; choose Custom URL to type another")
                                      .arg(ApiEndpoint::regionName(region)));
    }
    handleEdited();
}

void EndpointEditor::handleTokenShown(bool visible)
{
    m_tokenEdit->setEchoMode(visible ? QLineEdit::Normal : QLineEdit::Password);
    m_showTokenButton->setText(visible ? tr("Hide") : tr("Show"));
}

void EndpointEditor::handleEdited()
{
    const std::optional<QString> reason = problem();
    if (m_tokenLoading && m_tokenEdit->text().isEmpty())
        m_problemLabel->setText(tr("Reading the token from the keychain\u2026"));
    else
        m_problemLabel->setText(reason.value_or(QString()));
    m_problemLabel->setVisible(reason.has_value());

    const bool valid = !reason.has_value();
    Q_EMIT endpointChanged();
    if (valid != m_valid) {
        m_valid = valid;
        Q_EMIT validityChanged(valid);
    }
}
