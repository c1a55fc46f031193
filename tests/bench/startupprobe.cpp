// startup-probe MODE: starts the way callback-inspector does and exits at once.
//   application  exits when the event loop first runs after QApplication exists
//   window       also builds and shows the main window, and exits after its first paint
// Both modes are this one binary, linked against the same libraries as
// callback-inspector, so that the difference between them is the window alone.

#include "mainwindow.h"

#include <QApplication>
#include <QTimer>

#include <cstdio>
#include <cstdlib>

namespace {

// Ends the process after the watched window's first paint, without tearing anything
// down, which neither mode does.
class FirstPaintExit : public QObject
{
public:
    using QObject::QObject;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && !m_painted) {
            m_painted = true;
            QTimer::singleShot(0, this, [] { std::_Exit(0); });
        }
        return QObject::eventFilter(watched, event);
    }

private:
    bool m_painted = false;
};

} // namespace

int main(int argc, char *argv[])
{
    const QByteArray mode = argc > 1 ? QByteArray(argv[1]) : QByteArray();
    if (mode != "application" && mode != "window") {
        std::fprintf(stderr, "usage: startup-probe application|window\n");
        return 2;
    }

    QCoreApplication::setApplicationName(QStringLiteral("callback-inspector"));
    QApplication app(argc, argv);
    if (mode == "application") {
        QTimer::singleShot(0, &app, [] { std::_Exit(0); });
        return app.exec();
    }

    MainWindow window;
    FirstPaintExit exitAfterPaint;
    window.installEventFilter(&exitAfterPaint);
    window.show();
    return app.exec();
}
