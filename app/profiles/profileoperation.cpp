#include "profileoperation.h"

#include <QStringList>

ProfileOperation::ProfileOperation(Kind kind, QString profileName, QString newProfileName, QObject *parent)
    : QObject(parent),
      m_kind(kind),
      m_profileName(std::move(profileName)),
      m_newProfileName(std::move(newProfileName))
{
}

void ProfileOperation::finishWithSuccess(const QString &warningText, const std::optional<TokenVaultError> &vaultError)
{
    if (m_finished)
        return;
    m_finished = true;
    m_warningText = warningText;
    m_vaultError = vaultError;
    Q_EMIT finished();
}

void ProfileOperation::finishWithError(const QString &errorText, const std::optional<TokenVaultError> &vaultError)
{
    if (m_finished)
        return;
    m_finished = true;
    m_errorText = errorText;
    m_vaultError = vaultError;
    Q_EMIT finished();
}

void ProfileOperation::rejectLater(const QList<ConnectionProfile::Problem> &problems)
{
    QStringList messages;
    for (const ConnectionProfile::Problem &problem : problems)
        messages.append(problem.message);
    m_problems = problems;
    const QString errorText = messages.join(QLatin1Char(' '));
    QMetaObject::invokeMethod(this, [this, errorText] { finishWithError(errorText); }, Qt::QueuedConnection);
}
