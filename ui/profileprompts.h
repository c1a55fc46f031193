#pragma once

#include <QCoreApplication>
#include <QString>

#include <functional>
#include <optional>

class QWidget;

// The questions that the profile panel asks the user, as replaceable functions.
// dialogs() asks them with QInputDialog and QMessageBox; tests put functions in
// their place, so that no modal dialog waits for input.
class ProfilePrompts
{
    Q_DECLARE_TR_FUNCTIONS(ProfilePrompts)

public:
    enum class UnsavedChoice { Save, Discard, Cancel };

    // Asks for a profile name, with suggestedName filled in. Returns nothing when
    // the user cancels.
    std::function<std::optional<QString>(const QString &title, const QString &label, const QString &suggestedName)>
        askName;
    // Asks whether to delete a profile and its token.
    std::function<bool(const QString &profileName)> confirmDelete;
    // Asks what to do with the unsaved changes of a profile before leaving it.
    std::function<UnsavedChoice(const QString &profileName)> askUnsavedChanges;

    // Prompts that open dialogs over parent.
    static ProfilePrompts dialogs(QWidget *parent);
};
