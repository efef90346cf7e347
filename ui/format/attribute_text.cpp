#include "format/attribute_text.h"

#include <QByteArray>
#include <QLocale>

namespace dynadesk::ui {

namespace {

// Appends to out until it reaches budget characters; false once it is full.
class Writer {
 public:
  explicit Writer(int budget) : budget_(budget) {}
  bool add(const QString& s) {
    if (full_) return false;
    if (out_.size() + s.size() > budget_) {
      out_ += s.left(std::max<qsizetype>(0, budget_ - out_.size()));
      out_ += QChar(0x2026);  // …
      full_ = true;
      return false;
    }
    out_ += s;
    return true;
  }
  bool full() const { return full_; }
  QString take() { return std::move(out_); }

 private:
  int budget_;
  bool full_ = false;
  QString out_;
};

QString binaryPreview(const std::string& bytes) {
  QByteArray raw = QByteArray::fromRawData(bytes.data(), static_cast<qsizetype>(bytes.size()));
  QString b64 = QString::fromLatin1(raw.left(24).toBase64());
  if (bytes.size() > 24) b64 += QChar(0x2026);
  return b64 + QStringLiteral(" (%1 B)").arg(bytes.size());
}

void write(Writer& w, const AttributeValue& v, bool nested) {
  switch (v.type()) {
    case AttrType::S:
      if (nested) {
        w.add("\"" + QString::fromStdString(v.asString()) + "\"");
      } else {
        // Line breaks would make the cell two lines tall; show them as ⏎.
        QString s = QString::fromStdString(v.asString());
        s.replace('\n', QChar(0x23CE));
        w.add(s);
      }
      return;
    case AttrType::N: w.add(QString::fromStdString(v.asNumber().toString())); return;
    case AttrType::B: w.add(binaryPreview(v.asBinary())); return;
    case AttrType::BOOL: w.add(v.asBool() ? "true" : "false"); return;
    case AttrType::NUL: w.add("null"); return;
    case AttrType::SS:
    case AttrType::NS:
    case AttrType::BS: {
      w.add("{");
      bool first = true;
      if (v.type() == AttrType::NS) {
        for (const auto& n : v.asNumberSet()) {
          if (!first && !w.add(", ")) return;
          first = false;
          if (!w.add(QString::fromStdString(n.toString()))) return;
        }
      } else {
        for (const auto& m : v.type() == AttrType::SS ? v.asStringSet() : v.asBinarySet()) {
          if (!first && !w.add(", ")) return;
          first = false;
          const QString member = v.type() == AttrType::SS ? "\"" + QString::fromStdString(m) + "\"" : binaryPreview(m);
          if (!w.add(member)) return;
        }
      }
      w.add("}");
      return;
    }
    case AttrType::L: {
      w.add("[");
      bool first = true;
      for (const auto& e : v.asList()) {
        if (!first && !w.add(", ")) return;
        first = false;
        write(w, e, true);
        if (w.full()) return;
      }
      w.add("]");
      return;
    }
    case AttrType::M: {
      w.add("{");
      bool first = true;
      for (const auto& [name, e] : v.asMap()) {
        if (!first && !w.add(", ")) return;
        first = false;
        if (!w.add(QString::fromStdString(name) + ": ")) return;
        write(w, e, true);
        if (w.full()) return;
      }
      w.add("}");
      return;
    }
  }
}

int typeRank(AttrType t) {
  switch (t) {
    case AttrType::N: return 0;
    case AttrType::S: return 1;
    case AttrType::B: return 2;
    case AttrType::BOOL: return 3;
    case AttrType::NUL: return 4;
    case AttrType::NS: return 5;
    case AttrType::SS: return 6;
    case AttrType::BS: return 7;
    case AttrType::L: return 8;
    case AttrType::M: return 9;
  }
  return 10;
}

}  // namespace

QString typeCode(AttrType type) { return QString::fromLatin1(attrTypeName(type).data(), attrTypeName(type).size()); }

QString compactText(const AttributeValue& value, int maxChars) {
  Writer w(maxChars);
  write(w, value, false);
  return w.take();
}

std::optional<QDateTime> epochDateOf(const AttributeValue& value) {
  if (!value.is(AttrType::N)) return std::nullopt;
  const Number& n = value.asNumber();
  if (n.isNegative()) return std::nullopt;
  const std::string text = n.toString();
  if (text.find('.') != std::string::npos) return std::nullopt;  // epoch values are whole numbers
  if (text.size() == 10) return QDateTime::fromSecsSinceEpoch(std::stoll(text), Qt::UTC);
  if (text.size() == 13) return QDateTime::fromMSecsSinceEpoch(std::stoll(text), Qt::UTC);
  return std::nullopt;
}

QString tooltipText(const AttributeValue& value) {
  QString tip = typeCode(value.type());
  if (value.isSet() || value.is(AttrType::L) || value.is(AttrType::M)) {
    tip += QStringLiteral(" · %1 %2").arg(value.elementCount()).arg(value.elementCount() == 1 ? "element" : "elements");
  } else if (value.is(AttrType::B)) {
    tip += QStringLiteral(" · %1 bytes").arg(value.asBinary().size());
  } else if (value.is(AttrType::S)) {
    tip += QStringLiteral(" · %1 characters").arg(QString::fromStdString(value.asString()).size());
  }
  if (auto date = epochDateOf(value)) {
    tip += "\n" + date->toString(Qt::ISODateWithMs).replace("T", " ").replace("Z", " UTC") + "\n" +
           QLocale().toString(date->toLocalTime(), QLocale::LongFormat);
  }
  tip += "\n" + compactText(value, 2000);
  return tip;
}

int compareForSort(const AttributeValue& a, const AttributeValue& b) {
  if (a.type() != b.type()) return typeRank(a.type()) - typeRank(b.type());
  switch (a.type()) {
    case AttrType::N: return a.asNumber().compare(b.asNumber());
    case AttrType::S: return a.asString().compare(b.asString());
    case AttrType::B: return a.asBinary().compare(b.asBinary());
    case AttrType::BOOL: return int(a.asBool()) - int(b.asBool());
    case AttrType::NUL: return 0;
    default: return compactText(a, 400).compare(compactText(b, 400));
  }
}

}  // namespace dynadesk::ui
