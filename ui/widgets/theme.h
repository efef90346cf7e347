// Theme: the few colours the workbench paints itself (type badges, the live
// change mark), chosen for the current palette so they read in light and dark
// themes alike. The palette itself is the system's (Qt's platform theme) or
// one of Dynadesk's own, as View → Theme says (app_palette.h).
#pragma once

#include <QColor>
#include <QPalette>
#include <QString>

namespace dynadesk::ui {

// True when the palette's window colour is dark.
bool isDark(const QPalette& palette);
// Badge background for a type code ("S", "N", "BOOL", "SS", ...).
QColor badgeColor(const QString& typeCode, const QPalette& palette);
// The background of a row that changed a moment ago.
QColor changeMarkColor(const QPalette& palette);

}  // namespace dynadesk::ui
