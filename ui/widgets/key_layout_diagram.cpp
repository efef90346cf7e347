#include "widgets/key_layout_diagram.h"

#include <algorithm>
#include <map>

#include <QPainter>
#include <QPainterPath>

#include "dynadesk/attribute_json.h"
#include "format/attribute_text.h"
#include "widgets/theme.h"

namespace dynadesk::ui {

namespace {

constexpr int kMargin = 12;
constexpr int kTitleHeight = 44;
constexpr int kCaptionHeight = 26;
constexpr int kGroupHeader = 24;
constexpr int kRow = 24;
constexpr int kGroupPad = 6;
constexpr int kGroupGap = 10;
constexpr int kGutter = 110;  // between the columns, where the lines run

const AttributeValue* valueOf(const Item& item, const std::string& name) {
  auto it = item.find(name);
  return it == item.end() ? nullptr : &it->second;
}

int compareValues(const AttributeValue* a, const AttributeValue* b) {
  if (!a || !b) return (a != nullptr) - (b != nullptr);
  return compareForSort(*a, *b);
}

QString valueText(const AttributeValue* v) { return v ? compactText(*v, 40) : QStringLiteral("—"); }

// Groups positions by the value of `partition` and orders each group by `sort`.
std::vector<KeyLayoutDiagram::Group> groupBy(const std::vector<Item>& items, const std::vector<std::size_t>& which,
                                             const std::string& partition, const std::optional<std::string>& sort) {
  std::vector<std::size_t> order = which;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const int byPartition = compareValues(valueOf(items[a], partition), valueOf(items[b], partition));
    if (byPartition != 0) return byPartition < 0;
    return sort && compareValues(valueOf(items[a], *sort), valueOf(items[b], *sort)) < 0;
  });
  std::vector<KeyLayoutDiagram::Group> groups;
  const AttributeValue* current = nullptr;
  for (std::size_t i : order) {
    const AttributeValue* v = valueOf(items[i], partition);
    if (groups.empty() || compareValues(current, v) != 0) {
      groups.push_back({QStringLiteral("%1 = %2").arg(QString::fromStdString(partition), valueText(v)), {}});
      current = v;
    }
    groups.back().items.push_back(i);
  }
  return groups;
}

QColor groupColour(int group, const QPalette& palette) {
  // Hues spread by the golden angle, so neighbouring partitions differ.
  const int hue = (200 + group * 137) % 360;
  return isDark(palette) ? QColor::fromHsl(hue, 130, 150) : QColor::fromHsl(hue, 160, 105);
}

QColor mix(const QColor& a, const QColor& b, double t) {
  return QColor::fromRgbF(float(a.redF() * (1 - t) + b.redF() * t), float(a.greenF() * (1 - t) + b.greenF() * t),
                          float(a.blueF() * (1 - t) + b.blueF() * t));
}

QString keyTitle(const KeyDesign& pk, const std::optional<KeyDesign>& sk) {
  QString t = QObject::tr("partition key %1 (%2)").arg(QString::fromStdString(pk.name), QString::fromStdString(pk.type));
  if (sk) t += QObject::tr(", sort key %1 (%2)").arg(QString::fromStdString(sk->name), QString::fromStdString(sk->type));
  return t;
}

}  // namespace

KeyLayoutDiagram::KeyLayoutDiagram(QWidget* parent) : QWidget(parent) {
  setObjectName("keyLayoutDiagram");
  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Minimum);
}

void KeyLayoutDiagram::setSample(std::vector<Item> items, TableKeys table, std::optional<IndexDesign> index) {
  // A few items from each of a few partitions: regrouping shows only when the
  // sample spans partitions, and a scan returns them partition by partition.
  // With an index, each partition shows the items the index holds first and
  // one it leaves out (more only when it holds too few), so a sparse index
  // does not fill the picture with left-out items.
  std::vector<std::string> partitions;
  std::map<std::string, std::vector<std::size_t>> members;
  for (std::size_t i = 0; i < items.size(); ++i) {
    auto pk = items[i].find(table.partitionKey.name);
    const std::string partition = pk == items[i].end() ? std::string() : toJson(pk->second).dump();
    auto it = members.find(partition);
    if (it == members.end()) {
      if (partitions.size() >= kMaxPartitions) continue;
      partitions.push_back(partition);
      it = members.emplace(partition, std::vector<std::size_t>{}).first;
    }
    it->second.push_back(i);
  }
  std::vector<std::size_t> picked;
  for (const auto& partition : partitions) {
    std::vector<std::size_t> in, out;
    for (std::size_t i : members[partition]) {
      (!index || indexExclusion(items[i], *index) == IndexExclusion::None ? in : out).push_back(i);
    }
    std::vector<std::size_t> take;
    const std::size_t inFirst = out.empty() ? kMaxItemsPerPartition : kMaxItemsPerPartition - 1;
    for (std::size_t k = 0; k < in.size() && take.size() < inFirst; ++k) take.push_back(in[k]);
    for (std::size_t k = 0; k < out.size() && take.size() < kMaxItemsPerPartition; ++k) take.push_back(out[k]);
    for (std::size_t k = inFirst; k < in.size() && take.size() < kMaxItemsPerPartition; ++k) take.push_back(in[k]);
    picked.insert(picked.end(), take.begin(), take.end());
  }
  std::sort(picked.begin(), picked.end());
  if (picked.size() > kMaxItems) picked.resize(kMaxItems);
  std::vector<Item> chosen;
  for (std::size_t i : picked) chosen.push_back(std::move(items[i]));
  items_ = std::move(chosen);
  table_ = std::move(table);
  index_ = std::move(index);
  regroup();
  updateGeometry();
  update();
}

void KeyLayoutDiagram::clear() { setSample({}, TableKeys{}, std::nullopt); }

void KeyLayoutDiagram::regroup() {
  std::vector<std::size_t> all(items_.size());
  for (std::size_t i = 0; i < all.size(); ++i) all[i] = i;
  const std::optional<std::string> tableSort =
      table_.sortKey ? std::optional<std::string>(table_.sortKey->name) : std::nullopt;
  tableGroups_ = groupBy(items_, all, table_.partitionKey.name, tableSort);
  colourOf_.assign(items_.size(), 0);
  for (std::size_t g = 0; g < tableGroups_.size(); ++g) {
    for (std::size_t i : tableGroups_[g].items) colourOf_[i] = static_cast<int>(g);
  }
  indexGroups_.clear();
  leftOut_.clear();
  if (!index_) return;
  std::vector<std::size_t> in;
  for (std::size_t i : all) (indexExclusion(items_[i], *index_) == IndexExclusion::None ? in : leftOut_).push_back(i);
  const std::optional<std::string> indexSort =
      index_->sortKey ? std::optional<std::string>(index_->sortKey->name) : std::nullopt;
  indexGroups_ = groupBy(items_, in, index_->partitionKey.name, indexSort);
}

QString KeyLayoutDiagram::tableChipText(std::size_t i) const {
  const Item& item = items_[i];
  if (table_.sortKey) return valueText(valueOf(item, table_.sortKey->name));
  return valueText(valueOf(item, table_.partitionKey.name));
}

QString KeyLayoutDiagram::indexChipText(std::size_t i) const {
  const Item& item = items_[i];
  QString tableKey = valueText(valueOf(item, table_.partitionKey.name));
  if (table_.sortKey) tableKey += " / " + valueText(valueOf(item, table_.sortKey->name));
  if (index_ && index_->sortKey) {
    return valueText(valueOf(item, index_->sortKey->name)) + QStringLiteral("  ·  ") + tableKey;
  }
  return tableKey;
}

int KeyLayoutDiagram::columnHeight(const std::vector<Group>& groups, std::size_t extraRows) const {
  int h = 0;
  for (const auto& g : groups) h += kGroupHeader + int(g.items.size()) * kRow + kGroupPad + kGroupGap;
  if (extraRows > 0) h += kGroupHeader + int(extraRows) * kRow + kGroupPad + kGroupGap;
  return h;
}

QSize KeyLayoutDiagram::sizeHint() const {
  const int h = std::max(columnHeight(tableGroups_, 0), columnHeight(indexGroups_, leftOut_.size()));
  return {760, kMargin * 2 + kTitleHeight + std::max(h, 120) + kCaptionHeight};
}

QSize KeyLayoutDiagram::minimumSizeHint() const { return {480, sizeHint().height()}; }

void KeyLayoutDiagram::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.setRenderHint(QPainter::Antialiasing);
  const QPalette& pal = palette();
  const QColor text = pal.color(QPalette::Text);
  const QColor dim = mix(pal.color(QPalette::Text), pal.color(QPalette::Base), 0.45);
  const QColor base = pal.color(QPalette::Base);
  const QColor frame = mix(pal.color(QPalette::Text), pal.color(QPalette::Base), 0.75);
  p.fillRect(rect(), base);

  const int colWidth = std::max(160, (width() - 2 * kMargin - kGutter) / 2);
  const int leftX = kMargin;
  const int rightX = kMargin + colWidth + kGutter;
  QFont bold = font();
  bold.setBold(true);
  QFont small = font();
  small.setPointSizeF(font().pointSizeF() * 0.9);

  auto drawTitle = [&](int x, const QString& title, const QString& subtitle) {
    p.setFont(bold);
    p.setPen(text);
    const QFontMetrics fm(bold);
    p.drawText(QRect(x, kMargin, colWidth, 20), Qt::AlignLeft | Qt::AlignVCenter,
               fm.elidedText(title, Qt::ElideRight, colWidth));
    p.setFont(small);
    p.setPen(dim);
    p.drawText(QRect(x, kMargin + 20, colWidth, 18), Qt::AlignLeft | Qt::AlignVCenter,
               QFontMetrics(small).elidedText(subtitle, Qt::ElideRight, colWidth));
  };

  if (items_.empty()) {
    p.setPen(dim);
    p.drawText(rect().adjusted(kMargin, kMargin, -kMargin, -kMargin), Qt::AlignCenter | Qt::TextWordWrap,
               table_.partitionKey.name.empty()
                   ? tr("Open a table to see how its keys organise its items.")
                   : tr("The table has no items yet. Once it has some, this shows how its key and each index's "
                        "key group and order them."));
    return;
  }

  drawTitle(leftX, tr("Table"), keyTitle(table_.partitionKey, table_.sortKey));
  if (index_) {
    drawTitle(rightX, tr("Index %1").arg(QString::fromStdString(index_->name)),
              keyTitle(index_->partitionKey, index_->sortKey));
  } else {
    drawTitle(rightX, tr("No index chosen"), tr("Pick an index in the list above"));
  }

  std::vector<QRect> leftChip(items_.size()), rightChip(items_.size());
  auto drawGroup = [&](int x, int& y, const QString& label, const std::vector<std::size_t>& members, bool sparse,
                       bool right) {
    const int h = kGroupHeader + int(members.size()) * kRow + kGroupPad;
    const QRect box(x, y, colWidth, h);
    p.setPen(QPen(frame, 1, sparse ? Qt::DashLine : Qt::SolidLine));
    p.setBrush(sparse ? base : mix(base, pal.color(QPalette::AlternateBase), 0.8));
    p.drawRoundedRect(QRectF(box).adjusted(0.5, 0.5, -0.5, -0.5), 6, 6);
    p.setFont(bold);
    p.setPen(sparse ? dim : text);
    const QString count = members.size() == 1 ? tr("1 item") : tr("%1 items").arg(members.size());
    const QFontMetrics fm(bold);
    const int countWidth = QFontMetrics(small).horizontalAdvance(count) + 8;
    p.drawText(QRect(x + 10, y, colWidth - 20 - countWidth, kGroupHeader), Qt::AlignLeft | Qt::AlignVCenter,
               fm.elidedText(label, Qt::ElideRight, colWidth - 20 - countWidth));
    p.setFont(small);
    p.setPen(dim);
    p.drawText(QRect(x + 10, y, colWidth - 20, kGroupHeader), Qt::AlignRight | Qt::AlignVCenter, count);
    int rowY = y + kGroupHeader;
    for (std::size_t i : members) {
      const QRect chip(x + 8, rowY + 2, colWidth - 16, kRow - 4);
      const QColor c = groupColour(colourOf_[i], pal);
      p.setPen(Qt::NoPen);
      p.setBrush(sparse ? mix(base, frame, 0.35) : mix(base, c, isDark(pal) ? 0.28 : 0.16));
      p.drawRoundedRect(chip, 4, 4);
      p.setBrush(sparse ? frame : c);
      p.drawRoundedRect(QRect(chip.left(), chip.top(), 5, chip.height()), 2, 2);
      p.setPen(sparse ? dim : text);
      const QString t = right ? indexChipText(i) : tableChipText(i);
      p.drawText(chip.adjusted(12, 0, -6, 0), Qt::AlignLeft | Qt::AlignVCenter,
                 QFontMetrics(small).elidedText(t, Qt::ElideRight, chip.width() - 18));
      (right ? rightChip : leftChip)[i] = chip;
      rowY += kRow;
    }
    y += h + kGroupGap;
  };

  const int top = kMargin + kTitleHeight;
  int y = top;
  for (const auto& g : tableGroups_) drawGroup(leftX, y, g.label, g.items, false, false);
  if (index_) {
    y = top;
    for (const auto& g : indexGroups_) drawGroup(rightX, y, g.label, g.items, false, true);
    if (!leftOut_.empty()) {
      drawGroup(rightX, y, tr("Left out: missing or mistyped %1").arg(QString::fromStdString(index_->partitionKey.name) +
                                                                       (index_->sortKey ? "/" + QString::fromStdString(index_->sortKey->name) : QString())),
                leftOut_, true, true);
    }
    // The lines between an item's two places.
    for (std::size_t i = 0; i < items_.size(); ++i) {
      if (leftChip[i].isNull() || rightChip[i].isNull()) continue;
      const bool sparse = std::find(leftOut_.begin(), leftOut_.end(), i) != leftOut_.end();
      QColor c = sparse ? frame : groupColour(colourOf_[i], pal);
      c.setAlpha(sparse ? 200 : 170);
      const QPointF a(leftChip[i].right() + 8, leftChip[i].center().y());
      const QPointF b(rightChip[i].left() - 8, rightChip[i].center().y());
      QPainterPath path(a);
      path.cubicTo(a + QPointF(kGutter * 0.5, 0), b - QPointF(kGutter * 0.5, 0), b);
      p.setPen(QPen(c, 1.6, sparse ? Qt::DotLine : Qt::SolidLine));
      p.setBrush(Qt::NoBrush);
      p.drawPath(path);
    }
  }

  p.setFont(small);
  p.setPen(dim);
  QString caption = tr("Showing %1 of the table's items. Partitions are drawn in key order; DynamoDB spreads them by a "
                       "hash of the partition key. Within a partition, items are in sort-key order.")
                        .arg(items_.size());
  p.drawText(QRect(kMargin, height() - kCaptionHeight - kMargin / 2, width() - 2 * kMargin, kCaptionHeight),
             Qt::AlignLeft | Qt::AlignVCenter, QFontMetrics(small).elidedText(caption, Qt::ElideRight, width() - 2 * kMargin));
}

}  // namespace dynadesk::ui
