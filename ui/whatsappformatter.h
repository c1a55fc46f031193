#pragma once

#include <QString>

// Turns WhatsApp text formatting into HTML for a QTextBrowser.
//
// WhatsApp marks *bold*, _italic_ and ~strikethrough~ around words and ```monospace```
// around any text. An opening marker must follow a space, punctuation or the line
// start and precede a non-space character. A closing marker must follow a non-space
// character and precede a space, punctuation or the line end. So snake_case_names
// and 2*3*4 stay as they are. Only the monospace marker spans lines. Everything else
// is escaped, and line breaks become <br/>.
class WhatsAppFormatter
{
public:
    static QString toHtml(const QString &text);

private:
    static QString formatInline(const QString &escapedLine);
    static QString formatPlainRun(const QString &text);
};
