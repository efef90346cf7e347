// TypedValueEditor: one typed DynamoDB value in a line — a type box (S, N, B,
// BOOL, NULL, SS, NS, BS, L, M) and the value's text (typed_value_text.h says
// how each type reads). Used for key values and filter values in the query
// builder.
//
// The field is checked as the user types: text that does not parse turns the
// field's frame red and its tooltip says why, so the mistake is seen before
// the operation runs. value() gives the same error as a Status.
//
// Thread-safety: GUI thread only.
#pragma once

#include <QComboBox>
#include <QLineEdit>
#include <QWidget>

#include "dynadesk/attribute_value.h"
#include "dynadesk/status.h"

namespace dynadesk::ui {

class TypedValueEditor : public QWidget {
  Q_OBJECT
 public:
  explicit TypedValueEditor(QWidget* parent = nullptr);

  Result<AttributeValue> value() const;
  void setValue(const AttributeValue& value);

  QString typeCode() const;
  void setTypeCode(const QString& code);
  // Key values have the key attribute's type: the type box is then fixed.
  void setTypeLocked(bool locked);
  // Limits the type box to these codes (e.g. N only for size comparisons);
  // empty: every type.
  void setAllowedTypes(const QStringList& codes);

  QString text() const { return text_->text(); }
  void setText(const QString& text) { text_->setText(text); }
  void setPlaceholderText(const QString& text);
  QLineEdit* lineEdit() const { return text_; }
  QComboBox* typeBox() const { return type_; }

 signals:
  void changed();
  // Return pressed in the text field (the builder runs the operation).
  void submitted();

 private:
  void recheck();

  QComboBox* type_;
  QLineEdit* text_;
  QString customPlaceholder_;
};

}  // namespace dynadesk::ui
