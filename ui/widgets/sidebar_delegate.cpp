#include "widgets/sidebar_delegate.h"

#include <QApplication>
#include <QIcon>
#include <QLocale>
#include <QPainter>

#include "models/connection_tree_model.h"

namespace dynadesk::ui {

void SidebarDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const {
  const QString kind = index.data(ConnectionTreeModel::NodeKindRole).toString();
  QString trailing;
  if (kind == "table") {
    trailing = QLocale().toString(index.data(ConnectionTreeModel::ItemCountRole).toULongLong());
  } else if (kind == "index") {
    trailing = index.data(ConnectionTreeModel::StatusRole).toString();  // GSI / LSI
  }
  QStyleOptionViewItem opt = option;
  initStyleOption(&opt, index);
  if (kind == "connection") opt.font.setBold(true);
  // Icons are presentation, so they are chosen here rather than in the model.
  static const QIcon connectionIcon(":/icons/connection"), tableIcon(":/icons/table"), indexIcon(":/icons/index");
  opt.icon = kind == "connection" ? connectionIcon : kind == "table" ? tableIcon : indexIcon;
  opt.features |= QStyleOptionViewItem::HasDecoration;
  opt.decorationSize = QSize(16, 16);
  const QFontMetrics fm(opt.font);
  const int w = trailing.isEmpty() ? 0 : fm.horizontalAdvance(trailing) + 12;
  // The name gives way to the count: elide it to the room that is left.
  const QRect textRect = opt.rect.adjusted(0, 0, -w, 0);
  const int room = textRect.width() - (opt.decorationSize.width() + 8) * (opt.icon.isNull() ? 0 : 1) - 8;
  opt.text = fm.elidedText(opt.text, Qt::ElideRight, std::max(room, 10));
  const QWidget* widget = opt.widget;
  QStyle* style = widget ? widget->style() : QApplication::style();
  style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);
  if (trailing.isEmpty()) return;
  painter->save();
  const bool selected = opt.state & QStyle::State_Selected;
  QColor c = opt.palette.color(selected ? QPalette::HighlightedText : QPalette::Text);
  c.setAlphaF(selected ? 0.85f : 0.55f);
  painter->setPen(c);
  painter->drawText(opt.rect.adjusted(0, 0, -6, 0), Qt::AlignRight | Qt::AlignVCenter, trailing);
  painter->restore();
}

}  // namespace dynadesk::ui
