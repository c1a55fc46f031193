#include "profileprompts.h"

#include <QInputDialog>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>

ProfilePrompts ProfilePrompts::dialogs(QWidget *parent)
{
    // A copy of the prompts can outlive parent, and a null parent still gives a
    // working dialog, so the functions hold a guarded pointer.
    const QPointer<QWidget> owner(parent);
    ProfilePrompts prompts;

    prompts.askName = [owner](const QString &title, const QString &label,
                              const QString &suggestedName) -> std::optional<QString> {
        bool accepted = false;
        const QString name = QInputDialog::getText(owner, title, label, QLineEdit::Normal, suggestedName, &accepted);
        if (!accepted)
            return std::nullopt;
        return name;
    };

    prompts.confirmDelete = [owner](const QString &profileName) {
        const QMessageBox::StandardButton answer = QMessageBox::question(
            owner, tr("Delete Profile"),
            tr("Delete profile \"%1\" and its token from the keychain? This cannot be undone.").arg(profileName),
            QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
        return answer == QMessageBox::Yes;
    };

    prompts.askUnsavedChanges = [owner](const QString &profileName) {
        const QString text = profileName.isEmpty()
                                 ? tr("The connection settings have changes that are not saved in a profile.")
                                 : tr("Profile \"%1\" has changes that are not saved.").arg(profileName);
        const QMessageBox::StandardButton answer =
            QMessageBox::warning(owner, tr("Unsaved Profile Changes"), text + QLatin1Char(' ') + tr("Save them?"),
                                 QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
        switch (answer) {
        case QMessageBox::Save:
            return UnsavedChoice::Save;
        case QMessageBox::Discard:
            return UnsavedChoice::Discard;
        default:
            break;
        }
        return UnsavedChoice::Cancel;
    };
    return prompts;
}
