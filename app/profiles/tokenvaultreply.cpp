#include "tokenvaultreply.h"

TokenVaultReply::TokenVaultReply(Operation operation, QString profileName, QString targetProfileName, QObject *parent)
    : QObject(parent),
      m_operation(operation),
      m_profileName(std::move(profileName)),
      m_targetProfileName(std::move(targetProfileName))
{
}

void TokenVaultReply::finishWithSuccess(Source source, const QString &token)
{
    if (m_finished)
        return;
    m_finished = true;
    m_source = source;
    m_token = token;
    Q_EMIT finished();
}

void TokenVaultReply::finishWithError(const TokenVaultError &error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_error = error;
    Q_EMIT finished();
}

void TokenVaultReply::finishLater(Source source, const QString &token)
{
    QMetaObject::invokeMethod(
        this, [this, source, token] { finishWithSuccess(source, token); }, Qt::QueuedConnection);
}

void TokenVaultReply::failLater(const TokenVaultError &error)
{
    QMetaObject::invokeMethod(this, [this, error] { finishWithError(error); }, Qt::QueuedConnection);
}
