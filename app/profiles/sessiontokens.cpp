#include "sessiontokens.h"

void SessionTokens::insert(const QString &profileName, const QString &token)
{
    m_tokens.insert(profileName, token);
}

std::optional<QString> SessionTokens::value(const QString &profileName) const
{
    const auto found = m_tokens.constFind(profileName);
    if (found == m_tokens.constEnd())
        return std::nullopt;
    return *found;
}

bool SessionTokens::remove(const QString &profileName)
{
    return m_tokens.remove(profileName);
}

bool SessionTokens::rename(const QString &from, const QString &to)
{
    const auto found = m_tokens.constFind(from);
    if (found == m_tokens.constEnd())
        return false;
    const QString token = *found;
    m_tokens.remove(from);
    m_tokens.insert(to, token);
    return true;
}
