#include "widgets/typed_value_editor.h"

#include <QHBoxLayout>

#include "format/attribute_text.h"
#include "format/typed_value_text.h"

namespace dynadesk::ui {

TypedValueEditor::TypedValueEditor(QWidget* parent) : QWidget(parent) {
  type_ = new QComboBox(this);
  type_->addItems(typedValueTypeCodes());
  type_->setToolTip(tr("The value's DynamoDB type"));
  type_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
  text_ = new QLineEdit(this);
  text_->setClearButtonEnabled(true);

  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(4);
  layout->addWidget(type_);
  layout->addWidget(text_, 1);
  setFocusProxy(text_);

  connect(type_, &QComboBox::currentTextChanged, this, [this] {
    recheck();
    emit changed();
  });
  connect(text_, &QLineEdit::textChanged, this, [this] {
    recheck();
    emit changed();
  });
  connect(text_, &QLineEdit::returnPressed, this, &TypedValueEditor::submitted);
  recheck();
}

Result<AttributeValue> TypedValueEditor::value() const { return parseTypedValue(typeCode(), text_->text()); }

void TypedValueEditor::setValue(const AttributeValue& value) {
  setTypeCode(ui::typeCode(value.type()));
  text_->setText(typedValueText(value));
}

QString TypedValueEditor::typeCode() const { return type_->currentText(); }

void TypedValueEditor::setTypeCode(const QString& code) {
  const int i = type_->findText(code);
  if (i >= 0) type_->setCurrentIndex(i);
}

void TypedValueEditor::setTypeLocked(bool locked) { type_->setEnabled(!locked); }

void TypedValueEditor::setAllowedTypes(const QStringList& codes) {
  const QString current = typeCode();
  const QSignalBlocker block(type_);
  type_->clear();
  type_->addItems(codes.isEmpty() ? typedValueTypeCodes() : codes);
  const int i = type_->findText(current);
  type_->setCurrentIndex(i >= 0 ? i : 0);
  recheck();
}

void TypedValueEditor::setPlaceholderText(const QString& text) {
  customPlaceholder_ = text;
  recheck();
}

void TypedValueEditor::recheck() {
  const QString code = typeCode();
  text_->setEnabled(code != QLatin1String("NULL"));
  text_->setPlaceholderText(customPlaceholder_.isEmpty() ? typedValuePlaceholder(code) : customPlaceholder_);
  // An empty field is not an error yet: the user has not typed anything.
  const bool empty = text_->text().isEmpty();
  auto parsed = value();
  const bool bad = !empty && !parsed.isOk();
  text_->setToolTip(bad ? QString::fromStdString(parsed.status().message()) : QString());
  text_->setStyleSheet(bad ? QStringLiteral("QLineEdit { border: 1px solid #d9534f; border-radius: 3px; padding: 1px 3px; }")
                           : QString());
  text_->setProperty("invalid", bad);
}

}  // namespace dynadesk::ui
