// The colours the workbench paints itself follow the palette: badges keep
// white text readable in light and dark themes, and the change mark stands
// out from the base colour in both — for stand-in light and dark palettes
// and for Dynadesk's own (View → Theme).
#include <QtTest>

#include "widgets/app_palette.h"
#include "widgets/theme.h"

using namespace dynadesk::ui;

namespace {

QPalette palette(bool dark) {
  QPalette p;
  p.setColor(QPalette::Window, dark ? QColor(45, 45, 45) : QColor(239, 239, 239));
  p.setColor(QPalette::Base, dark ? QColor(30, 30, 30) : QColor(255, 255, 255));
  return p;
}

// WCAG relative-luminance contrast ratio.
double contrast(const QColor& a, const QColor& b) {
  auto lum = [](const QColor& c) {
    auto ch = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * ch(c.redF()) + 0.7152 * ch(c.greenF()) + 0.0722 * ch(c.blueF());
  };
  const double x = lum(a), y = lum(b);
  return (std::max(x, y) + 0.05) / (std::min(x, y) + 0.05);
}

}  // namespace

// The checks both tests make, for a light and a dark palette.
static void checkColoursOn(const QPalette& light, const QPalette& dark) {
  QVERIFY(isDark(dark));
  QVERIFY(!isDark(light));
  for (const char* type : {"S", "N", "B", "BOOL", "NULL", "M", "L", "SS", "NS", "BS"}) {
    for (const QPalette* p : {&light, &dark}) {
      // White badge text stays legible (large-text contrast) on every badge.
      QVERIFY2(contrast(badgeColor(type, *p), Qt::white) >= 3.0, type);
    }
  }
  QVERIFY(badgeColor("S", dark) != badgeColor("S", light));
  for (const QPalette* p : {&light, &dark}) {
    QColor mark = changeMarkColor(*p);
    // Blend the translucent mark over the base colour as the view paints it.
    const QColor base = p->color(QPalette::Base);
    const double a = mark.alphaF();
    const QColor shown = QColor::fromRgbF(mark.redF() * a + base.redF() * (1 - a), mark.greenF() * a + base.greenF() * (1 - a),
                                          mark.blueF() * a + base.blueF() * (1 - a));
    QVERIFY(contrast(shown, base) >= 1.1);
  }
}

class TestTheme : public QObject {
  Q_OBJECT
 private slots:
  void followsThePalette() { checkColoursOn(palette(false), palette(true)); }
  void followsDynadeskPalettes() { checkColoursOn(lightPalette(), darkPalette()); }
};

QTEST_MAIN(TestTheme)
#include "test_theme.moc"
