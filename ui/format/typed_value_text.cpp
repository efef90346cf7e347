#include "format/typed_value_text.h"

#include <string>
#include <vector>

#include "dynadesk/base64.h"
#include "format/attribute_text.h"
#include "format/plain_json.h"

namespace dynadesk::ui {

namespace {

Status invalid(const QString& message) { return Status::validation(message.toStdString()); }

QString quoted(const QString& text) { return QStringLiteral("“%1”").arg(text); }

Result<Number> parseNumber(const QString& text) {
  const QString trimmed = text.trimmed();
  if (trimmed.isEmpty()) return invalid(QObject::tr("Enter a number."));
  auto n = Number::parse(trimmed.toStdString());
  if (!n) {
    // Number::parse's own words name DynamoDB's limits (38 digits, range); keep
    // them, but say which text they are about.
    return invalid(QObject::tr("%1 is not a number DynamoDB can hold: %2")
                       .arg(quoted(trimmed), QString::fromStdString(n.status().message())));
  }
  return *n;
}

Result<std::string> parseBase64(const QString& text) {
  const QString trimmed = text.trimmed();
  auto bytes = base64Decode(trimmed.toStdString());
  if (!bytes) return invalid(QObject::tr("%1 is not base64 text.").arg(quoted(trimmed)));
  return *bytes;
}

// Plain JSON through the item reader, so numbers keep every digit.
Result<AttributeValue> parsePlainJson(const QString& text) {
  const std::string wrapped = "{\"v\":" + text.toStdString() + "\n}";
  auto item = itemFromPlainJson(wrapped, Item{});
  if (!item) return invalid(QObject::tr("This is not valid JSON: %1").arg(QString::fromStdString(item.status().message())));
  auto it = item->find("v");
  if (it == item->end()) return invalid(QObject::tr("Enter a JSON value."));
  return it->second;
}

// The members of a set as text: a JSON array's elements (strings, or numbers
// for NS) or comma-separated pieces.
Result<std::vector<QString>> setMembers(const QString& text, bool numbers) {
  const QString trimmed = text.trimmed();
  std::vector<QString> members;
  if (trimmed.startsWith(QLatin1Char('['))) {
    DYNADESK_ASSIGN_OR_RETURN(AttributeValue list, parsePlainJson(trimmed));
    if (!list.is(AttrType::L)) return invalid(QObject::tr("Enter a JSON array or comma-separated values."));
    for (const AttributeValue& v : list.asList()) {
      if (v.is(AttrType::S)) {
        members.push_back(QString::fromStdString(v.asString()));
      } else if (numbers && v.is(AttrType::N)) {
        members.push_back(QString::fromStdString(v.asNumber().toString()));
      } else {
        return invalid(numbers ? QObject::tr("A number set holds only numbers.")
                               : QObject::tr("This set holds only strings; put each member in quotes."));
      }
    }
  } else if (!trimmed.isEmpty()) {
    for (const QString& piece : trimmed.split(QLatin1Char(','))) members.push_back(piece.trimmed());
  }
  if (members.empty()) return invalid(QObject::tr("A set needs at least one member: DynamoDB has no empty sets."));
  return members;
}

}  // namespace

QStringList typedValueTypeCodes() {
  return {QStringLiteral("S"),  QStringLiteral("N"),  QStringLiteral("B"),  QStringLiteral("BOOL"),
          QStringLiteral("NULL"), QStringLiteral("SS"), QStringLiteral("NS"), QStringLiteral("BS"),
          QStringLiteral("L"),  QStringLiteral("M")};
}

Result<AttributeValue> parseTypedValue(const QString& typeCode, const QString& text) {
  if (typeCode == QLatin1String("S")) return AttributeValue::string(text.toStdString());
  if (typeCode == QLatin1String("N")) {
    DYNADESK_ASSIGN_OR_RETURN(Number n, parseNumber(text));
    return AttributeValue::number(std::move(n));
  }
  if (typeCode == QLatin1String("B")) {
    DYNADESK_ASSIGN_OR_RETURN(std::string bytes, parseBase64(text));
    return AttributeValue::binary(std::move(bytes));
  }
  if (typeCode == QLatin1String("BOOL")) {
    const QString t = text.trimmed().toLower();
    if (t == QLatin1String("true")) return AttributeValue::boolean(true);
    if (t == QLatin1String("false")) return AttributeValue::boolean(false);
    return invalid(QObject::tr("A BOOL is true or false, not %1.").arg(quoted(text.trimmed())));
  }
  if (typeCode == QLatin1String("NULL")) {
    const QString t = text.trimmed().toLower();
    if (t.isEmpty() || t == QLatin1String("null")) return AttributeValue::null();
    return invalid(QObject::tr("A NULL value has no text; leave the field empty."));
  }
  if (typeCode == QLatin1String("SS") || typeCode == QLatin1String("NS") || typeCode == QLatin1String("BS")) {
    const bool numbers = typeCode == QLatin1String("NS");
    DYNADESK_ASSIGN_OR_RETURN(std::vector<QString> members, setMembers(text, numbers));
    if (numbers) {
      std::vector<Number> ns;
      for (const QString& m : members) {
        DYNADESK_ASSIGN_OR_RETURN(Number n, parseNumber(m));
        ns.push_back(std::move(n));
      }
      return AttributeValue::numberSet(std::move(ns));
    }
    std::vector<std::string> out;
    for (const QString& m : members) {
      if (typeCode == QLatin1String("BS")) {
        DYNADESK_ASSIGN_OR_RETURN(std::string bytes, parseBase64(m));
        out.push_back(std::move(bytes));
      } else {
        out.push_back(m.toStdString());
      }
    }
    return typeCode == QLatin1String("BS") ? AttributeValue::binarySet(std::move(out))
                                           : AttributeValue::stringSet(std::move(out));
  }
  if (typeCode == QLatin1String("L") || typeCode == QLatin1String("M")) {
    const QString trimmed = text.trimmed();
    const bool list = typeCode == QLatin1String("L");
    if (trimmed.isEmpty()) return list ? AttributeValue::list({}) : AttributeValue::map({});
    DYNADESK_ASSIGN_OR_RETURN(AttributeValue v, parsePlainJson(trimmed));
    if (list && !v.is(AttrType::L)) return invalid(QObject::tr("A list is a JSON array, such as [1, \"two\"]."));
    if (!list && !v.is(AttrType::M)) return invalid(QObject::tr("A map is a JSON object, such as {\"a\": 1}."));
    return v;
  }
  return invalid(QObject::tr("%1 is not a DynamoDB type.").arg(quoted(typeCode)));
}

QString typedValueText(const AttributeValue& value) {
  switch (value.type()) {
    case AttrType::S: return QString::fromStdString(value.asString());
    case AttrType::N: return QString::fromStdString(value.asNumber().toString());
    case AttrType::B: return QString::fromStdString(base64Encode(value.asBinary()));
    case AttrType::BOOL: return value.asBool() ? QStringLiteral("true") : QStringLiteral("false");
    case AttrType::NUL: return {};
    case AttrType::BS: {
      // plainJson writes binary members as base64 text, which is what BS reads.
      return QString::fromStdString(plainJson(value));
    }
    case AttrType::SS:
    case AttrType::NS:
    case AttrType::L:
    case AttrType::M: return QString::fromStdString(plainJson(value));
  }
  return {};
}

QString typedValuePlaceholder(const QString& typeCode) {
  if (typeCode == QLatin1String("S")) return QObject::tr("text");
  if (typeCode == QLatin1String("N")) return QObject::tr("a number, e.g. 42 or 3.14");
  if (typeCode == QLatin1String("B")) return QObject::tr("base64, e.g. aGVsbG8=");
  if (typeCode == QLatin1String("BOOL")) return QObject::tr("true or false");
  if (typeCode == QLatin1String("NULL")) return QObject::tr("(no value)");
  if (typeCode == QLatin1String("SS")) return QObject::tr("[\"a\", \"b\"] or a, b");
  if (typeCode == QLatin1String("NS")) return QObject::tr("[1, 2.5] or 1, 2.5");
  if (typeCode == QLatin1String("BS")) return QObject::tr("[\"aGk=\"] or base64, base64");
  if (typeCode == QLatin1String("L")) return QObject::tr("JSON array, e.g. [1, \"two\"]");
  if (typeCode == QLatin1String("M")) return QObject::tr("JSON object, e.g. {\"a\": 1}");
  return {};
}

}  // namespace dynadesk::ui
