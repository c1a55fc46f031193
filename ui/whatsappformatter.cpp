#include "whatsappformatter.h"

#include <QRegularExpression>
#include <QStringList>

namespace {

const QString CodeFence = QStringLiteral("```");

// Builds the pattern of one marker pair. The marker may not touch a word character
// on the outside nor a space on the inside, and the content stays on one line.
QRegularExpression markerPattern(QChar marker)
{
    const QString m = QRegularExpression::escape(QString(marker));
    const QString pattern = QStringLiteral("(?<![\\w%1])%1(?=[^\\s%1])([^\\n]*?[^\\s%1])%1(?![\\w%1])").arg(m);
    return QRegularExpression(pattern, QRegularExpression::UseUnicodePropertiesOption);
}

QString applyMarker(const QString &html, QChar marker, const QString &openTag, const QString &closeTag)
{
    const QRegularExpression pattern = markerPattern(marker);
    QString result;
    qsizetype position = 0;
    QRegularExpressionMatchIterator matches = pattern.globalMatch(html);
    while (matches.hasNext()) {
        const QRegularExpressionMatch match = matches.next();
        result += html.mid(position, match.capturedStart() - position);
        result += openTag + match.captured(1) + closeTag;
        position = match.capturedEnd();
    }
    result += html.mid(position);
    return result;
}

QString escapeWithBreaks(const QString &text)
{
    QString html = text.toHtmlEscaped();
    html.replace(QLatin1Char('\n'), QStringLiteral("<br/>"));
    return html;
}

} // namespace

QString WhatsAppFormatter::toHtml(const QString &text)
{
    QString normalized = text;
    normalized.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));

    // Split at the fences: text between a fence and the next one is monospace. An
    // unpaired last fence is ordinary text.
    QString html;
    qsizetype position = 0;
    while (position < normalized.size()) {
        const qsizetype open = normalized.indexOf(CodeFence, position);
        const qsizetype close = open < 0 ? -1 : normalized.indexOf(CodeFence, open + CodeFence.size());
        if (close < 0) {
            html += formatPlainRun(normalized.mid(position));
            break;
        }

        html += formatPlainRun(normalized.mid(position, open - position));
        const QString code = normalized.mid(open + CodeFence.size(), close - open - CodeFence.size());
        if (code.isEmpty())
            html += formatPlainRun(CodeFence + CodeFence);
        else
            html += QStringLiteral("<code style=\"white-space: pre-wrap;\">") + escapeWithBreaks(code) + QStringLiteral("</code>");
        position = close + CodeFence.size();
    }
    return html;
}

QString WhatsAppFormatter::formatPlainRun(const QString &text)
{
    const QStringList lines = text.split(QLatin1Char('\n'));
    QStringList formatted;
    for (const QString &line : lines)
        formatted.append(formatInline(line.toHtmlEscaped()));
    return formatted.join(QStringLiteral("<br/>"));
}

QString WhatsAppFormatter::formatInline(const QString &escapedLine)
{
    // toHtmlEscaped() leaves *, _ and ~ alone, so the markers can be found after
    // escaping, and the tags added here are the only markup in the line.
    QString html = applyMarker(escapedLine, QLatin1Char('*'), QStringLiteral("<b>"), QStringLiteral("</b>"));
    html = applyMarker(html, QLatin1Char('_'), QStringLiteral("<i>"), QStringLiteral("</i>"));
    html = applyMarker(html, QLatin1Char('~'), QStringLiteral("<s>"), QStringLiteral("</s>"));
    return html;
}
