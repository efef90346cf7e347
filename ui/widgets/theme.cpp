#include "widgets/theme.h"

namespace dynadesk::ui {

bool isDark(const QPalette& palette) { return palette.color(QPalette::Window).lightnessF() < 0.5; }

QColor badgeColor(const QString& t, const QPalette& palette) {
  // One hue per family of types; lighter on dark backgrounds.
  int hue = 0;
  if (t == "S" || t == "SS") hue = 210;        // blue
  else if (t == "N" || t == "NS") hue = 140;   // green
  else if (t == "B" || t == "BS") hue = 30;    // orange
  else if (t == "BOOL") hue = 280;             // purple
  else if (t == "M" || t == "L") hue = 190;    // teal
  else hue = -1;                               // NULL: grey
  const bool dark = isDark(palette);
  if (hue < 0) return dark ? QColor(110, 110, 110) : QColor(150, 150, 150);
  return QColor::fromHsl(hue, dark ? 110 : 150, dark ? 120 : 105);
}

QColor changeMarkColor(const QPalette& palette) {
  return isDark(palette) ? QColor(120, 100, 20, 150) : QColor(255, 230, 120, 170);
}

}  // namespace dynadesk::ui
