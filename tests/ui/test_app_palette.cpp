// Dynadesk's light and dark palettes are readable in every role the widgets
// use, and View → Theme switches the running application: Dark and Light
// take effect on existing widgets at once, System brings back the style and
// palette the application started with.
#include <QApplication>
#include <QLabel>
#include <QStyle>
#include <QtTest>

#include "widgets/app_palette.h"
#include "widgets/theme.h"

using namespace dynadesk::ui;

namespace {

// WCAG relative-luminance contrast ratio.
double contrast(const QColor& a, const QColor& b) {
  auto lum = [](const QColor& c) {
    auto ch = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * ch(c.redF()) + 0.7152 * ch(c.greenF()) + 0.0722 * ch(c.blueF());
  };
  const double x = lum(a), y = lum(b);
  return (std::max(x, y) + 0.05) / (std::min(x, y) + 0.05);
}

struct Pair {
  QPalette::ColorGroup group;
  QPalette::ColorRole fg, bg;
  double atLeast;
  const char* what;
};

}  // namespace

class TestAppPalette : public QObject {
  Q_OBJECT
 private slots:
  void palettesAreReadable_data() {
    QTest::addColumn<QPalette>("palette");
    QTest::newRow("light") << lightPalette();
    QTest::newRow("dark") << darkPalette();
  }
  void palettesAreReadable() {
    QFETCH(QPalette, palette);
    // WCAG AA for body text (4.5:1), 3:1 for secondary text, and disabled text
    // legible (2:1) yet dimmer than enabled text.
    const Pair pairs[] = {
        {QPalette::Active, QPalette::WindowText, QPalette::Window, 7.0, "window text"},
        {QPalette::Active, QPalette::Text, QPalette::Base, 7.0, "text"},
        {QPalette::Active, QPalette::Text, QPalette::AlternateBase, 7.0, "text on alternate rows"},
        {QPalette::Active, QPalette::ButtonText, QPalette::Button, 7.0, "button text"},
        {QPalette::Inactive, QPalette::Text, QPalette::Base, 7.0, "inactive text"},
        {QPalette::Active, QPalette::HighlightedText, QPalette::Highlight, 4.5, "selection"},
        {QPalette::Inactive, QPalette::HighlightedText, QPalette::Highlight, 4.5, "inactive selection"},
        {QPalette::Active, QPalette::Link, QPalette::Base, 4.5, "links"},
        {QPalette::Active, QPalette::LinkVisited, QPalette::Base, 4.5, "visited links"},
        {QPalette::Active, QPalette::ToolTipText, QPalette::ToolTipBase, 7.0, "tooltips"},
        {QPalette::Active, QPalette::PlaceholderText, QPalette::Base, 3.0, "placeholders"},
        {QPalette::Active, QPalette::Mid, QPalette::Window, 2.8, "hints drawn in Mid"},
        {QPalette::Disabled, QPalette::Text, QPalette::Base, 2.0, "disabled text"},
        {QPalette::Disabled, QPalette::WindowText, QPalette::Window, 2.0, "disabled labels"},
        {QPalette::Disabled, QPalette::ButtonText, QPalette::Button, 2.0, "disabled buttons"},
        {QPalette::Disabled, QPalette::HighlightedText, QPalette::Highlight, 2.0, "disabled selection"},
    };
    for (const Pair& p : pairs) {
      const double c = contrast(palette.color(p.group, p.fg), palette.color(p.group, p.bg));
      QVERIFY2(c >= p.atLeast, qPrintable(QString("%1: %2 < %3").arg(p.what).arg(c).arg(p.atLeast)));
    }
    for (QPalette::ColorRole r : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText}) {
      const double enabled = contrast(palette.color(QPalette::Active, r), palette.color(QPalette::Active, QPalette::Window));
      const double disabled = contrast(palette.color(QPalette::Disabled, r), palette.color(QPalette::Disabled, QPalette::Window));
      QVERIFY2(disabled < enabled / 1.5, "disabled text is visibly dimmer");
    }
    // Fusion draws bevels from Light above and Dark below the button colour.
    QVERIFY(palette.color(QPalette::Light).lightness() > palette.color(QPalette::Button).lightness());
    QVERIFY(palette.color(QPalette::Dark).lightness() < palette.color(QPalette::Button).lightness());
  }

  void darkIsDarkAndLightIsLight() {
    QVERIFY(isDark(darkPalette()));
    QVERIFY(!isDark(lightPalette()));
  }

  void switchesTheRunningApplication() {
    const QPalette original = QApplication::palette();
    const QString originalStyle = QApplication::style()->name();
    QLabel existing("shown before the switch");
    existing.show();

    applyTheme(ThemeChoice::System);  // nothing chosen yet: nothing changes
    QCOMPARE(QApplication::palette(), original);

    applyTheme(ThemeChoice::Dark);
    QVERIFY(isDark(QApplication::palette()));
    QVERIFY(QApplication::palette().color(QPalette::Window).lightnessF() < 0.3);
    QCOMPARE(QApplication::style()->name().toLower(), QString("fusion"));
    // Live: a widget made before the switch has the new palette.
    QTRY_COMPARE(existing.palette().color(QPalette::Window), darkPalette().color(QPalette::Window));
    QVERIFY(isDark(existing.palette()));

    applyTheme(ThemeChoice::Light);
    QVERIFY(!isDark(QApplication::palette()));
    QVERIFY(QApplication::palette().color(QPalette::Window).lightnessF() > 0.85);
    QTRY_COMPARE(existing.palette().color(QPalette::Window), lightPalette().color(QPalette::Window));

    applyTheme(ThemeChoice::Dark);
    applyTheme(ThemeChoice::System);
    QCOMPARE(QApplication::palette(), original);
    QCOMPARE(QApplication::style()->name(), originalStyle);
    // The platform's palette is handed back to Qt, not pinned, so the app
    // follows the desktop again.
    QCOMPARE(original.resolveMask(), QPalette::ResolveMask(0));
    QVERIFY(!QCoreApplication::testAttribute(Qt::AA_SetPalette));
    QTRY_COMPARE(existing.palette().color(QPalette::Window), original.color(QPalette::Window));
  }
};

QTEST_MAIN(TestAppPalette)
#include "test_app_palette.moc"
