// AppPalette: Dynadesk's own light and dark palettes for the Fusion style, and
// switching the running application between them and the look it started
// with (View → Theme).
//
// Everything the workbench paints itself (type badges, the change mark, the
// sidebar counts) reads the palette at paint time (theme.h), so a switch
// shows at once, without a restart.
//
// Thread-safety: GUI thread only. applyTheme() changes the application-wide
// style and palette.
#pragma once

#include <QPalette>

#include "settings/workbench_settings.h"

namespace dynadesk::ui {

// Light and dark palettes with every role and colour group set: readable
// text on every background, disabled colours dimmer than enabled ones but
// still legible, a highlight that white text reads on, links and tooltips.
QPalette lightPalette();
QPalette darkPalette();

// Light and Dark: the Fusion style with lightPalette() or darkPalette().
// System: the style and palette the application had before the first call
// that changed them (nothing to do if none did). The look the app started
// with is taken from the application on the first call, so call this before
// anything else changes the application's style or palette. Needs a
// QApplication.
void applyTheme(ThemeChoice choice);

}  // namespace dynadesk::ui
