#pragma once

// Runs keychain tests inside scripts/with-keyring.sh, which gives them a private
// D-Bus session and GNOME Keyring, so they never read or write the keychain of the
// user who runs them. The test target defines WITH_KEYRING_SCRIPT as the script's path.

#include <QByteArray>
#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QStringList>
#include <QTest>

#include <cstdio>
#include <cstdlib>
#include <vector>

#include <unistd.h>

namespace PrivateKeyring {

// The kinds of session that with-keyring.sh starts, as it names them in
// INSPECTOR_KEYRING_SESSION.
inline constexpr char WithSecretService[] = "secret-service";
inline constexpr char WithoutSecretService[] = "none";

// Returns when the process already runs in a session of this kind. Otherwise runs
// the same test binary again through with-keyring.sh, with the same arguments, and
// does not return.
inline void ensureSession(int argc, char **argv, const char *kind)
{
    const QByteArray current = qgetenv("INSPECTOR_KEYRING_SESSION");
    if (current == kind)
        return;
    if (!current.isEmpty()) {
        std::fprintf(stderr, "This test needs a keyring session of kind \"%s\" but runs in one of kind \"%s\".\n",
                     kind, current.constData());
        std::exit(1);
    }

    std::vector<char *> arguments;
    arguments.push_back(const_cast<char *>(WITH_KEYRING_SCRIPT));
    if (qstrcmp(kind, WithoutSecretService) == 0)
        arguments.push_back(const_cast<char *>("--without-secret-service"));
    for (int i = 0; i < argc; ++i)
        arguments.push_back(argv[i]);
    arguments.push_back(nullptr);

    ::execv(WITH_KEYRING_SCRIPT, arguments.data());
    std::perror("Could not run " WITH_KEYRING_SCRIPT);
    std::exit(1);
}

// Looks a secret up with secret-tool, by the attributes that QtKeychain 0.13's
// libsecret backend gives it: "user" is the key, "server" the service name.
// Returns the secret, or an empty string when there is none.
inline QString lookUpSecret(const QString &serviceName, const QString &key)
{
    QProcess lookup;
    lookup.start(QStringLiteral("secret-tool"),
                 {QStringLiteral("lookup"), QStringLiteral("user"), key, QStringLiteral("server"), serviceName});
    if (!lookup.waitForFinished(10000))
        return QString();
    return QString::fromUtf8(lookup.readAllStandardOutput());
}

// Returns every file under directory whose bytes contain needle.
inline QStringList filesContaining(const QString &directory, const QByteArray &needle)
{
    QStringList found;
    QDirIterator files(directory, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (files.hasNext()) {
        const QString path = files.next();
        QFile file(path);
        if (file.open(QIODevice::ReadOnly) && file.readAll().contains(needle))
            found.append(path);
    }
    return found;
}

} // namespace PrivateKeyring

// A main() for a Qt Test class that needs a keyring session of the given kind.
#define PRIVATE_KEYRING_TEST_MAIN(TestClass, kind)                                                                     \
    int main(int argc, char **argv)                                                                                    \
    {                                                                                                                  \
        PrivateKeyring::ensureSession(argc, argv, kind);                                                               \
        QCoreApplication app(argc, argv);                                                                              \
        TestClass test;                                                                                                \
        QTEST_SET_MAIN_SOURCE_PATH                                                                                     \
        return QTest::qExec(&test, argc, argv);                                                                        \
    }
