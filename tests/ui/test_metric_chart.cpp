// MetricChart, the adapter in front of Qt Charts, on the offscreen platform:
// series replaced whole and bounded to the newest kMaxPointsPerSeries points,
// series absent from an update removed, the time range and threshold kept,
// the hover text at the nearest point (and hovered() from a real mouse move),
// the placeholder of an empty chart, and PNG and CSV exports read back.
#include <QAbstractScrollArea>
#include <QImage>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include "charts/chart_text.h"
#include "charts/metric_chart.h"

using namespace dynadesk;
using namespace dynadesk::ui;

namespace {

constexpr qint64 kT0 = 1'767'225'600'000LL;  // 2026-01-01T00:00:00Z

ChartSeriesData ramp(const QString& name, int n, double scale = 1, bool dashed = false) {
  ChartSeriesData s;
  s.name = name;
  s.dashed = dashed;
  for (int i = 0; i < n; ++i) s.points.push_back({kT0 + qint64(i) * 1000, i * scale});
  return s;
}

// RFC 4180 lines split into cells (the test's own reader: no quotes needed here).
std::vector<QStringList> readCsv(const QString& path) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) return {};
  std::vector<QStringList> rows;
  for (const QString& line : QString::fromUtf8(f.readAll()).split("\r\n", Qt::SkipEmptyParts)) rows.push_back(line.split(','));
  return rows;
}

}  // namespace

class TestMetricChart : public QObject {
  Q_OBJECT
 private slots:
  void seriesAreBoundedAndReplaced() {
    MetricChart chart("Read capacity", "Units per second");
    QCOMPARE(chart.title(), QString("Read capacity"));
    const std::size_t tooMany = MetricChart::kMaxPointsPerSeries + 500;
    chart.setSeries({ramp("Consumed", int(tooMany)), ramp("Provisioned", 10, 0, true)});
    QCOMPARE(chart.series().size(), std::size_t(2));
    const auto& consumed = chart.series()[0];
    QCOMPARE(consumed.points.size(), MetricChart::kMaxPointsPerSeries);
    // The newest are kept.
    QCOMPARE(consumed.points.front().value, 500.0);
    QCOMPARE(consumed.points.back().value, double(tooMany - 1));
    QVERIFY(chart.series()[1].dashed);
    // An update without Provisioned removes it; a new name is added.
    chart.setSeries({ramp("Consumed", 3), ramp("Other", 3)});
    QCOMPARE(chart.series().size(), std::size_t(2));
    QCOMPARE(chart.series()[1].name, QString("Other"));
    QCOMPARE(chart.series()[0].points.size(), std::size_t(3));
  }

  void rangeThresholdAndPlaceholder() {
    MetricChart chart("Errors", "Count");
    chart.setPlaceholderText("No traffic yet");
    QVERIFY(chart.placeholderShown());
    chart.setTimeRange(kT0, kT0 + 300'000);
    QCOMPARE(chart.rangeFrom(), kT0);
    QCOMPARE(chart.rangeTo(), kT0 + 300'000);
    chart.setThreshold(5.0, "Alarm at 5");
    QCOMPARE(chart.threshold(), std::optional<double>(5.0));
    chart.setSeries({ramp("User errors", 4)});
    QVERIFY(!chart.placeholderShown());
    // The threshold is not data.
    QCOMPARE(chart.series().size(), std::size_t(1));
    chart.setThreshold(std::nullopt);
    QVERIFY(!chart.threshold());
    chart.setSeries({});
    QVERIFY(chart.placeholderShown());
  }

  void hoverShowsExactValuesAtTheNearestPoint() {
    MetricChart chart("Latency", "Milliseconds");
    ChartSeriesData p50{"p50 GetItem", {{kT0, 1.5}, {kT0 + 1000, 2.25}}, false};
    ChartSeriesData p99{"p99 GetItem", {{kT0 + 1000, 9.125}}, true};
    chart.setSeries({p50, p99});
    const QString at = QDateTime::fromMSecsSinceEpoch(kT0 + 1000).toString("hh:mm:ss");
    QCOMPARE(chart.hoverText(kT0 + 900), at + "  p50 GetItem: 2.25  p99 GetItem: 9.125");
    const QString first = QDateTime::fromMSecsSinceEpoch(kT0).toString("hh:mm:ss");
    QCOMPARE(chart.hoverText(kT0 - 5000), first + "  p50 GetItem: 1.5  p99 GetItem: no data");
    QCOMPARE(MetricChart("Empty", "Count").hoverText(kT0), QString());

    // A real pointer over the middle of the plot.
    chart.setTimeRange(kT0, kT0 + 1000);
    chart.resize(640, 360);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    QSignalSpy hovered(&chart, &MetricChart::hovered);
    auto* view = chart.findChild<QAbstractScrollArea*>();
    QVERIFY(view);
    QWidget* viewport = view->viewport();
    for (int x = 200; x <= 440 && hovered.isEmpty(); x += 40) QTest::mouseMove(viewport, QPoint(x, 180));
    QVERIFY(!hovered.isEmpty());
    QVERIFY(hovered.last().at(0).toString().contains("p50 GetItem: "));
  }

  void exportsReadBack() {
    QTemporaryDir dir;
    MetricChart chart("Write capacity", "Units per second");
    ChartSeriesData consumed{"Consumed", {{kT0, 0.5}, {kT0 + 1000, 12}, {kT0 + 2000, 1e-5}}, false};
    ChartSeriesData provisioned{"Provisioned, table", {{kT0 + 1000, 5}}, true};
    chart.setSeries({consumed, provisioned});
    chart.setTimeRange(kT0, kT0 + 2000);

    const QString csv = dir.filePath("write.csv");
    QVERIFY(chart.saveCsv(csv).isOk());
    QFile raw(csv);
    QVERIFY(raw.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(raw.readAll());
    QVERIFY2(text.startsWith("time,Consumed,\"Provisioned, table\"\r\n"), qPrintable(text));
    QVERIFY2(text.contains("2026-01-01T00:00:00Z,0.5,\r\n"), qPrintable(text));
    QVERIFY(text.contains("2026-01-01T00:00:01Z,12,5\r\n"));
    QVERIFY(text.contains("2026-01-01T00:00:02Z,1e-05,\r\n"));
    const auto rows = readCsv(csv);
    QCOMPARE(rows.size(), std::size_t(4));
    double sum = 0;
    for (std::size_t r = 1; r < rows.size(); ++r) sum += rows[r][1].toDouble();
    QCOMPARE(sum, 12.50001);

    const QString png = dir.filePath("write.png");
    QVERIFY(chart.savePng(png).isOk());
    QImage image(png);
    QVERIFY(!image.isNull());
    QVERIFY(image.width() >= 320 && image.height() >= 220);
    // Not a blank picture: more than a handful of colours.
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 7) {
      for (int x = 0; x < image.width(); x += 7) colours.insert(image.pixel(x, y));
    }
    QVERIFY(colours.size() > 5);

    // A file that cannot be written is an error in plain words, not a crash.
    const Status bad = chart.saveCsv(dir.filePath("missing/folder/x.csv"));
    QVERIFY(!bad.isOk());
    QCOMPARE(bad.type(), ErrorType::ValidationException);
    QVERIFY(QString::fromStdString(bad.message()).contains("could not be saved"));
    QVERIFY(!chart.savePng(dir.filePath("missing/folder/x.png")).isOk());
  }

  void csvOfUnsortedAndEmptySeries() {
    // Series are sorted into time order before they are kept.
    MetricChart chart("Errors", "Count");
    chart.setSeries({ChartSeriesData{"A", {{kT0 + 2000, 2}, {kT0, 1}}, false}});
    QCOMPARE(chart.series()[0].points.front().millis, kT0);
    QCOMPARE(chartCsv({}), QString("time\r\n"));
    QCOMPARE(chartValueText(0.1 + 0.2), QString("0.30000000000000004"));
  }
};

QTEST_MAIN(TestMetricChart)
#include "test_metric_chart.moc"
