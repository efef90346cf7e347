#include "widgets/attribute_cell_delegate.h"

#include <QApplication>
#include <QPainter>

#include "models/item_table_model.h"
#include "widgets/theme.h"

namespace dynadesk::ui {

namespace {
constexpr int kPad = 4;

QFont badgeFont(const QFont& base) {
  QFont f = base;
  f.setPointSizeF(std::max(6.0, base.pointSizeF() * 0.72));
  f.setBold(true);
  return f;
}
}  // namespace

void AttributeCellDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                                  const QModelIndex& index) const {
  QStyleOptionViewItem opt = option;
  initStyleOption(&opt, index);
  const QString type = index.data(ItemTableModel::TypeCodeRole).toString();
  const QString text = opt.text;
  opt.text.clear();
  if (index.data(ItemTableModel::RecentlyChangedRole).toBool() && !(opt.state & QStyle::State_Selected)) {
    opt.backgroundBrush = changeMarkColor(opt.palette);
  }
  const QWidget* widget = opt.widget;
  QStyle* style = widget ? widget->style() : QApplication::style();
  style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

  QRect r = opt.rect.adjusted(kPad, 0, -kPad, 0);
  painter->save();
  if (!type.isEmpty()) {
    const QFont bf = badgeFont(opt.font);
    const QFontMetrics bm(bf);
    const int w = bm.horizontalAdvance(type) + 6;
    const int h = bm.height();
    QRect badge(r.left(), r.center().y() - h / 2, w, h);
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(badgeColor(type, opt.palette));
    painter->drawRoundedRect(badge, 3, 3);
    painter->setFont(bf);
    painter->setPen(Qt::white);
    painter->drawText(badge, Qt::AlignCenter, type);
    r.setLeft(badge.right() + kPad + 1);
  }
  painter->setFont(opt.font);
  painter->setPen(opt.palette.color(opt.state & QStyle::State_Selected ? QPalette::HighlightedText : QPalette::Text));
  const QString elided = QFontMetrics(opt.font).elidedText(text, Qt::ElideRight, r.width());
  painter->drawText(r, Qt::AlignVCenter | Qt::AlignLeft, elided);
  painter->restore();
}

QSize AttributeCellDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const {
  QSize s = QStyledItemDelegate::sizeHint(option, index);
  const QString type = index.data(ItemTableModel::TypeCodeRole).toString();
  if (!type.isEmpty()) s.rwidth() += QFontMetrics(badgeFont(option.font)).horizontalAdvance(type) + 6 + kPad;
  s.setWidth(std::min(s.width(), 360));
  return s;
}

}  // namespace dynadesk::ui
