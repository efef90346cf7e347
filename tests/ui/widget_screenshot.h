// Test helper: with DYNADESK_SCREENSHOT_DIR set, saves a widget as
// <dir>/<name>.png in the light theme and <dir>/<name>-dark.png in the dark
// one — for looking at panels in reviews and docs; without it, nothing.
// Header-only: the UI tests that use it link dynadesk_ui_widgets already.
#pragma once

#include <QCoreApplication>
#include <QString>
#include <QWidget>

#include "widgets/app_palette.h"

namespace dynadesk::test {

inline void maybeScreenshot(QWidget& w, const QString& name) {
  const QString dir = qEnvironmentVariable("DYNADESK_SCREENSHOT_DIR");
  if (dir.isEmpty()) return;
  ui::applyTheme(ui::ThemeChoice::Light);
  QCoreApplication::processEvents();
  w.grab().save(dir + "/" + name + ".png");
  ui::applyTheme(ui::ThemeChoice::Dark);
  QCoreApplication::processEvents();
  w.grab().save(dir + "/" + name + "-dark.png");
  ui::applyTheme(ui::ThemeChoice::Light);
}

}  // namespace dynadesk::test
