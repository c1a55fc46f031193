#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

#include <optional>

// Tokens kept in memory for this run only, by profile name. The user chooses this
// when no keychain is available; the tokens are gone when the program ends.
class SessionTokens
{
public:
    void insert(const QString &profileName, const QString &token);
    std::optional<QString> value(const QString &profileName) const;
    bool contains(const QString &profileName) const { return m_tokens.contains(profileName); }
    // Returns whether a token was removed.
    bool remove(const QString &profileName);
    // Moves the token of `from` to `to`, replacing any token of `to`. Returns
    // whether `from` had a token.
    bool rename(const QString &from, const QString &to);
    void clear() { m_tokens.clear(); }

    QStringList profileNames() const { return m_tokens.keys(); }
    bool isEmpty() const { return m_tokens.isEmpty(); }

private:
    QHash<QString, QString> m_tokens;
};
