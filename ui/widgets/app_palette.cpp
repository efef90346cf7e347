#include "widgets/app_palette.h"

#include <optional>

#include <QApplication>
#include <QStyle>
#include <QStyleFactory>

namespace dynadesk::ui {

namespace {

// The colours of one theme. Enabled colours serve the active and inactive
// groups alike (a window in the background stays as readable); disabled ones
// only dim what carries text or selection.
struct Colours {
  QColor window, windowText, base, alternateBase, text, button, buttonText, brightText;
  QColor light, midlight, mid, dark, shadow;
  QColor highlight, highlightedText, link, linkVisited, toolTipBase, toolTipText, placeholder;
  QColor disabledText, disabledBase, disabledButton, disabledHighlight, disabledHighlightedText;
};

QPalette build(const Colours& c) {
  QPalette p;
  for (QPalette::ColorGroup g : {QPalette::Active, QPalette::Inactive, QPalette::Disabled}) {
    p.setColor(g, QPalette::Window, c.window);
    p.setColor(g, QPalette::WindowText, c.windowText);
    p.setColor(g, QPalette::Base, c.base);
    p.setColor(g, QPalette::AlternateBase, c.alternateBase);
    p.setColor(g, QPalette::Text, c.text);
    p.setColor(g, QPalette::Button, c.button);
    p.setColor(g, QPalette::ButtonText, c.buttonText);
    p.setColor(g, QPalette::BrightText, c.brightText);
    p.setColor(g, QPalette::Light, c.light);
    p.setColor(g, QPalette::Midlight, c.midlight);
    p.setColor(g, QPalette::Mid, c.mid);
    p.setColor(g, QPalette::Dark, c.dark);
    p.setColor(g, QPalette::Shadow, c.shadow);
    p.setColor(g, QPalette::Highlight, c.highlight);
    p.setColor(g, QPalette::HighlightedText, c.highlightedText);
    p.setColor(g, QPalette::Link, c.link);
    p.setColor(g, QPalette::LinkVisited, c.linkVisited);
    p.setColor(g, QPalette::ToolTipBase, c.toolTipBase);
    p.setColor(g, QPalette::ToolTipText, c.toolTipText);
    p.setColor(g, QPalette::PlaceholderText, c.placeholder);
  }
  for (QPalette::ColorRole r : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText}) {
    p.setColor(QPalette::Disabled, r, c.disabledText);
  }
  p.setColor(QPalette::Disabled, QPalette::Base, c.disabledBase);
  p.setColor(QPalette::Disabled, QPalette::Button, c.disabledButton);
  p.setColor(QPalette::Disabled, QPalette::Highlight, c.disabledHighlight);
  p.setColor(QPalette::Disabled, QPalette::HighlightedText, c.disabledHighlightedText);
  p.setColor(QPalette::Disabled, QPalette::PlaceholderText, c.disabledText);
  return p;
}

// What the application looked like before the first switch away from it.
struct StartupLook {
  QString styleName;
  QPalette palette;
};

std::optional<StartupLook>& startupLook() {
  static std::optional<StartupLook> look;
  return look;
}

void useStyle(const QString& name) {
  if (QApplication::style() && QApplication::style()->name().compare(name, Qt::CaseInsensitive) == 0) return;
  if (QStyle* style = QStyleFactory::create(name)) QApplication::setStyle(style);
}

}  // namespace

QPalette lightPalette() {
  Colours c;
  c.window = QColor(239, 239, 239);
  c.windowText = QColor(26, 26, 26);
  c.base = QColor(255, 255, 255);
  c.alternateBase = QColor(246, 246, 246);
  c.text = QColor(26, 26, 26);
  c.button = QColor(242, 242, 242);
  c.buttonText = QColor(26, 26, 26);
  c.brightText = QColor(255, 255, 255);
  c.light = QColor(255, 255, 255);
  c.midlight = QColor(227, 227, 227);
  // Mid also colours secondary text (hints, "Ready to create."), so it stays
  // at about 3:1 against the window.
  c.mid = QColor(135, 135, 135);
  c.dark = QColor(105, 105, 105);
  c.shadow = QColor(60, 60, 60);
  c.highlight = QColor(38, 117, 191);
  c.highlightedText = QColor(255, 255, 255);
  c.link = QColor(0, 95, 184);
  c.linkVisited = QColor(116, 58, 168);
  c.toolTipBase = QColor(255, 255, 225);
  c.toolTipText = QColor(26, 26, 26);
  c.placeholder = QColor(112, 112, 112);
  c.disabledText = QColor(150, 150, 150);
  c.disabledBase = QColor(245, 245, 245);
  c.disabledButton = QColor(236, 236, 236);
  c.disabledHighlight = QColor(165, 165, 165);
  c.disabledHighlightedText = QColor(255, 255, 255);
  return build(c);
}

QPalette darkPalette() {
  Colours c;
  c.window = QColor(50, 50, 54);
  c.windowText = QColor(230, 230, 230);
  c.base = QColor(30, 30, 33);
  c.alternateBase = QColor(40, 40, 44);
  c.text = QColor(230, 230, 230);
  c.button = QColor(60, 60, 64);
  c.buttonText = QColor(230, 230, 230);
  c.brightText = QColor(255, 255, 255);
  // Fusion shades bevels and frames from these: lighter above the button,
  // darker below, so controls keep their edges on a dark window. Fusion's
  // outlines are the window colour darkened, so the window stays light enough
  // (and the base dark enough) for empty check boxes and radio buttons to show.
  c.light = QColor(84, 84, 90);
  c.midlight = QColor(70, 70, 75);
  // As in the light palette, Mid doubles as secondary text.
  c.mid = QColor(128, 128, 134);
  c.dark = QColor(28, 28, 30);
  c.shadow = QColor(12, 12, 12);
  c.highlight = QColor(45, 108, 180);
  c.highlightedText = QColor(255, 255, 255);
  c.link = QColor(110, 178, 255);
  c.linkVisited = QColor(190, 160, 255);
  c.toolTipBase = QColor(60, 60, 65);
  c.toolTipText = QColor(240, 240, 240);
  c.placeholder = QColor(140, 140, 146);
  c.disabledText = QColor(120, 120, 126);
  c.disabledBase = QColor(42, 42, 46);
  c.disabledButton = QColor(52, 52, 56);
  c.disabledHighlight = QColor(70, 70, 75);
  c.disabledHighlightedText = QColor(170, 170, 170);
  return build(c);
}

void applyTheme(ThemeChoice choice) {
  auto& look = startupLook();
  if (choice == ThemeChoice::System) {
    if (!look) return;  // never changed: the app still has its own look
    useStyle(look->styleName);
    // A palette nobody set (no resolved roles) was the platform's: handing
    // Qt an empty one gives it back and keeps it following the desktop,
    // where setting the saved copy would freeze it.
    QApplication::setPalette(look->palette.resolveMask() == 0 ? QPalette() : look->palette);
    return;
  }
  if (!look) look = StartupLook{QApplication::style() ? QApplication::style()->name() : QString(), QApplication::palette()};
  useStyle(QStringLiteral("Fusion"));
  QApplication::setPalette(choice == ThemeChoice::Dark ? darkPalette() : lightPalette());
}

}  // namespace dynadesk::ui
