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
  if (hue < 0) return dark ? QColor(105, 105, 105) : QColor(118, 118, 118);
  // Lightness low enough that the white type code on the badge stays legible
  // (contrast 3:1 or better, checked in tests/ui/test_theme.cpp).
  return QColor::fromHsl(hue, dark ? 110 : 150, dark ? 92 : 82);
}

QColor changeMarkColor(const QPalette& palette) {
  return isDark(palette) ? QColor(120, 100, 20, 150) : QColor(255, 230, 120, 170);
}

}  // namespace dynadesk::ui
