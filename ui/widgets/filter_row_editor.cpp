#include "widgets/filter_row_editor.h"

#include <QCompleter>
#include <QHBoxLayout>
#include <QStringListModel>

#include "format/attribute_text.h"
#include "format/typed_value_text.h"

namespace dynadesk::ui {

namespace {

constexpr FilterTest kTests[] = {
    FilterTest::Equal,       FilterTest::NotEqual,     FilterTest::Less,           FilterTest::LessOrEqual,
    FilterTest::Greater,     FilterTest::GreaterOrEqual, FilterTest::Between,      FilterTest::In,
    FilterTest::BeginsWith,  FilterTest::Contains,     FilterTest::NotContains,    FilterTest::Exists,
    FilterTest::NotExists,   FilterTest::SizeEqual,    FilterTest::SizeNotEqual,   FilterTest::SizeLess,
    FilterTest::SizeLessOrEqual, FilterTest::SizeGreater, FilterTest::SizeGreaterOrEqual, FilterTest::AttributeType,
};

bool isSizeTest(FilterTest t) {
  return t == FilterTest::SizeEqual || t == FilterTest::SizeNotEqual || t == FilterTest::SizeLess ||
         t == FilterTest::SizeLessOrEqual || t == FilterTest::SizeGreater || t == FilterTest::SizeGreaterOrEqual;
}

// The types a test can compare with, as DynamoDB's condition grammar allows.
QStringList typesFor(FilterTest t) {
  switch (t) {
    case FilterTest::Less:
    case FilterTest::LessOrEqual:
    case FilterTest::Greater:
    case FilterTest::GreaterOrEqual:
    case FilterTest::Between: return {QStringLiteral("S"), QStringLiteral("N"), QStringLiteral("B")};
    case FilterTest::BeginsWith: return {QStringLiteral("S"), QStringLiteral("B")};
    case FilterTest::In:
      // IN's values are split at commas, which only scalar text survives.
      return {QStringLiteral("S"), QStringLiteral("N"), QStringLiteral("B"), QStringLiteral("BOOL")};
    default:
      if (isSizeTest(t)) return {QStringLiteral("N")};
      return {};
  }
}

// IN's list: a JSON array of values of the chosen type, or comma-separated text.
Result<std::vector<AttributeValue>> inValues(const QString& type, const QString& text) {
  std::vector<AttributeValue> values;
  const QString trimmed = text.trimmed();
  if (trimmed.startsWith(QLatin1Char('['))) {
    DYNADESK_ASSIGN_OR_RETURN(AttributeValue list, parseTypedValue(QStringLiteral("L"), trimmed));
    for (const AttributeValue& v : list.asList()) {
      // Plain JSON reads strings as S; base64 for B is converted through the text.
      if (type == QLatin1String("B") && v.is(AttrType::S)) {
        DYNADESK_ASSIGN_OR_RETURN(AttributeValue b, parseTypedValue(type, QString::fromStdString(v.asString())));
        values.push_back(std::move(b));
      } else if (typeCode(v.type()) == type) {
        values.push_back(v);
      } else {
        return Status::validation(QObject::tr("Every value of IN must be of type %1.").arg(type).toStdString());
      }
    }
  } else if (!trimmed.isEmpty()) {
    for (const QString& piece : trimmed.split(QLatin1Char(','))) {
      DYNADESK_ASSIGN_OR_RETURN(AttributeValue v, parseTypedValue(type, type == QLatin1String("S") ? piece.trimmed() : piece));
      values.push_back(std::move(v));
    }
  }
  if (values.empty()) return Status::validation(QObject::tr("IN needs at least one value.").toStdString());
  return values;
}

}  // namespace

QString FilterRowEditor::testLabel(FilterTest test) {
  switch (test) {
    case FilterTest::Equal: return QStringLiteral("=");
    case FilterTest::NotEqual: return QStringLiteral("≠");
    case FilterTest::Less: return QStringLiteral("<");
    case FilterTest::LessOrEqual: return QStringLiteral("≤");
    case FilterTest::Greater: return QStringLiteral(">");
    case FilterTest::GreaterOrEqual: return QStringLiteral("≥");
    case FilterTest::Between: return tr("between");
    case FilterTest::In: return tr("in");
    case FilterTest::BeginsWith: return tr("begins with");
    case FilterTest::Contains: return tr("contains");
    case FilterTest::NotContains: return tr("does not contain");
    case FilterTest::Exists: return tr("exists");
    case FilterTest::NotExists: return tr("does not exist");
    case FilterTest::SizeEqual: return tr("size =");
    case FilterTest::SizeNotEqual: return tr("size ≠");
    case FilterTest::SizeLess: return tr("size <");
    case FilterTest::SizeLessOrEqual: return tr("size ≤");
    case FilterTest::SizeGreater: return tr("size >");
    case FilterTest::SizeGreaterOrEqual: return tr("size ≥");
    case FilterTest::AttributeType: return tr("is of type");
  }
  return {};
}

FilterRowEditor::FilterRowEditor(QWidget* parent) : QWidget(parent) {
  path_ = new QLineEdit(this);
  path_->setPlaceholderText(tr("attribute, e.g. info.rating or tags[0]"));
  path_->setToolTip(tr("An attribute path: dots go into maps, [n] picks a list element; "
                       "quote a name that holds dots or brackets with backticks, e.g. `a.b`"));
  path_->setCompleter(new QCompleter(new QStringListModel(this), this));
  path_->completer()->setCaseSensitivity(Qt::CaseInsensitive);
  test_ = new QComboBox(this);
  for (FilterTest t : kTests) test_->addItem(testLabel(t), static_cast<int>(t));
  test_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
  first_ = new TypedValueEditor(this);
  and_ = new QLabel(tr("and"), this);
  second_ = new TypedValueEditor(this);
  typeCode_ = new QComboBox(this);
  typeCode_->addItems(typedValueTypeCodes());
  typeCode_->setToolTip(tr("attribute_type: the attribute holds a value of this type"));
  remove_ = new QToolButton(this);
  remove_->setText(QStringLiteral("✕"));
  remove_->setAutoRaise(true);
  remove_->setToolTip(tr("Remove this filter"));

  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(6);
  layout->addWidget(path_, 3);
  layout->addWidget(test_);
  layout->addWidget(first_, 4);
  layout->addWidget(and_);
  layout->addWidget(second_, 4);
  layout->addWidget(typeCode_);
  layout->addStretch(0);
  layout->addWidget(remove_);

  connect(path_, &QLineEdit::textChanged, this, &FilterRowEditor::changed);
  connect(path_, &QLineEdit::returnPressed, this, &FilterRowEditor::submitted);
  connect(test_, &QComboBox::currentIndexChanged, this, [this] {
    updateValueFields();
    emit changed();
  });
  connect(first_, &TypedValueEditor::changed, this, &FilterRowEditor::changed);
  connect(second_, &TypedValueEditor::changed, this, &FilterRowEditor::changed);
  connect(first_, &TypedValueEditor::submitted, this, &FilterRowEditor::submitted);
  connect(second_, &TypedValueEditor::submitted, this, &FilterRowEditor::submitted);
  connect(typeCode_, &QComboBox::currentIndexChanged, this, &FilterRowEditor::changed);
  connect(remove_, &QToolButton::clicked, this, &FilterRowEditor::removeRequested);
  updateValueFields();
}

FilterTest FilterRowEditor::test() const { return static_cast<FilterTest>(test_->currentData().toInt()); }

void FilterRowEditor::updateValueFields() {
  const FilterTest t = test();
  const bool none = t == FilterTest::Exists || t == FilterTest::NotExists;
  const bool typeTest = t == FilterTest::AttributeType;
  const bool between = t == FilterTest::Between;
  first_->setVisible(!none && !typeTest);
  and_->setVisible(between);
  second_->setVisible(between);
  typeCode_->setVisible(typeTest);
  const QStringList types = typesFor(t);
  first_->setAllowedTypes(types);
  second_->setAllowedTypes(types);
  second_->setTypeCode(first_->typeCode());
  first_->setPlaceholderText(t == FilterTest::In ? tr("values: a, b, c or a JSON array") : QString());
}

Result<FilterRow> FilterRowEditor::row() const {
  FilterRow out;
  out.path = path_->text().trimmed().toStdString();
  out.test = test();
  const QString where = path_->text().trimmed().isEmpty() ? tr("A filter") : tr("The filter on %1").arg(path_->text().trimmed());
  auto fail = [&](const Status& s) {
    return Status::validation(tr("%1: %2").arg(where, QString::fromStdString(s.message())).toStdString());
  };
  switch (out.test) {
    case FilterTest::Exists:
    case FilterTest::NotExists: break;
    case FilterTest::AttributeType: out.values.push_back(AttributeValue::string(typeCode_->currentText().toStdString())); break;
    case FilterTest::In: {
      auto values = inValues(first_->typeCode(), first_->text());
      if (!values) return fail(values.status());
      out.values = std::move(*values);
      break;
    }
    case FilterTest::Between: {
      auto low = first_->value();
      if (!low) return fail(low.status());
      auto high = second_->value();
      if (!high) return fail(high.status());
      out.values = {std::move(*low), std::move(*high)};
      break;
    }
    default: {
      auto v = first_->value();
      if (!v) return fail(v.status());
      out.values.push_back(std::move(*v));
    }
  }
  return out;
}

void FilterRowEditor::setRow(const FilterRow& row) {
  path_->setText(QString::fromStdString(row.path));
  const int i = test_->findData(static_cast<int>(row.test));
  if (i >= 0) test_->setCurrentIndex(i);
  updateValueFields();
  if (row.test == FilterTest::AttributeType && !row.values.empty() && row.values[0].is(AttrType::S)) {
    typeCode_->setCurrentText(QString::fromStdString(row.values[0].asString()));
  } else if (row.test == FilterTest::In) {
    QStringList parts;
    for (const AttributeValue& v : row.values) parts << typedValueText(v);
    if (!row.values.empty()) first_->setTypeCode(typeCode(row.values[0].type()));
    first_->setText(parts.join(QStringLiteral(", ")));
  } else {
    if (!row.values.empty()) first_->setValue(row.values[0]);
    if (row.values.size() > 1) second_->setValue(row.values[1]);
  }
}

void FilterRowEditor::setKnownAttributes(const QStringList& names) {
  if (auto* model = qobject_cast<QStringListModel*>(path_->completer()->model())) model->setStringList(names);
}

}  // namespace dynadesk::ui
