#include "widgets/table_overview_panel.h"

#include <QDateTime>
#include <QLocale>
#include <QScrollArea>
#include <QVBoxLayout>

namespace dynadesk::ui {

namespace {

QString str(const nlohmann::json& j, const char* key, const QString& fallback = QString()) {
  return j.contains(key) && j[key].is_string() ? QString::fromStdString(j[key].get<std::string>()) : fallback;
}

QString attributeType(const nlohmann::json& table, const std::string& name) {
  for (const auto& d : table.value("AttributeDefinitions", nlohmann::json::array())) {
    if (d.value("AttributeName", std::string()) == name) return QString::fromStdString(d.value("AttributeType", ""));
  }
  return {};
}

QString keySchemaText(const nlohmann::json& table, const nlohmann::json& schema) {
  QStringList parts;
  for (const auto& k : schema) {
    const std::string name = k.value("AttributeName", std::string());
    const QString role = k.value("KeyType", std::string()) == "HASH" ? QObject::tr("partition key")
                                                                    : QObject::tr("sort key");
    parts << QStringLiteral("<b>%1</b> (%2, %3)")
                 .arg(QString::fromStdString(name).toHtmlEscaped(), attributeType(table, name), role);
  }
  return parts.join(" · ");
}

QString projectionText(const nlohmann::json& projection) {
  const QString type = str(projection, "ProjectionType", "ALL");
  if (type != "INCLUDE") return type;
  QStringList attrs;
  for (const auto& a : projection.value("NonKeyAttributes", nlohmann::json::array())) {
    attrs << QString::fromStdString(a.get<std::string>());
  }
  return "INCLUDE " + attrs.join(", ");
}

}  // namespace

TableOverviewPanel::TableOverviewPanel(RequestRunner& runner, EngineBridge* bridge, QWidget* parent)
    : QWidget(parent), runner_(runner) {
  auto* content = new QWidget;
  auto* v = new QVBoxLayout(content);
  v->setContentsMargins(16, 12, 16, 12);
  form_ = new QFormLayout;
  form_->setLabelAlignment(Qt::AlignRight);
  form_->setHorizontalSpacing(16);
  form_->setVerticalSpacing(8);
  v->addLayout(form_);
  v->addStretch(1);

  status_ = addRow(tr("Status"));
  keys_ = addRow(tr("Primary key"));
  items_ = addRow(tr("Items"));
  size_ = addRow(tr("Size"));
  indexes_ = addRow(tr("Indexes"));
  billing_ = addRow(tr("Billing mode"));
  capacity_ = addRow(tr("Capacity"));
  tableClass_ = addRow(tr("Table class"));
  stream_ = addRow(tr("Stream"));
  ttl_ = addRow(tr("Time to live"));
  protection_ = addRow(tr("Deletion protection"));
  created_ = addRow(tr("Created"));
  arn_ = addRow(tr("ARN"));

  auto* scroll = new QScrollArea(this);
  scroll->setWidget(content);
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(scroll);

  refreshTimer_.setSingleShot(true);
  refreshTimer_.setInterval(500);
  connect(&refreshTimer_, &QTimer::timeout, this, &TableOverviewPanel::refresh);
  if (bridge) {
    connect(bridge, &EngineBridge::tableChanged, this, [this](const QString& table, TableEventKind) {
      if (table == table_) refresh();
    });
    connect(bridge, &EngineBridge::itemsChanged, this, [this](const std::vector<ItemEvent>& events) {
      for (const auto& e : events) {
        if (QString::fromStdString(e.table) == table_) {
          if (!refreshTimer_.isActive()) refreshTimer_.start();
          return;
        }
      }
    });
  }
}

QLabel* TableOverviewPanel::addRow(const QString& label) {
  auto* value = new QLabel;
  value->setTextInteractionFlags(Qt::TextSelectableByMouse);
  value->setTextFormat(Qt::RichText);
  value->setWordWrap(true);
  form_->addRow(label + ":", value);
  return value;
}

void TableOverviewPanel::openTable(const QString& table) {
  table_ = table;
  description_ = nlohmann::json();
  refresh();
}

void TableOverviewPanel::refresh() {
  if (table_.isEmpty()) return;
  const std::uint64_t ticket = ++ticket_;
  runner_.run("DescribeTable", {{"TableName", table_.toStdString()}}, this,
              [this, ticket](Result<nlohmann::json> r) {
                if (ticket != ticket_) return;
                if (!r) {
                  status_->setText(tr("Unavailable: %1").arg(QString::fromStdString(r.status().message())));
                  return;
                }
                description_ = (*r)["Table"];
                show(description_);
                emit described();
              });
  // DescribeTable says nothing of TTL; DynamoDB keeps it behind its own call.
  runner_.run("DescribeTimeToLive", {{"TableName", table_.toStdString()}}, this,
              [this, ticket](Result<nlohmann::json> r) {
                if (ticket != ticket_) return;
                if (!r) {
                  ttl_->setText(tr("Unknown: %1").arg(QString::fromStdString(r.status().message())));
                  return;
                }
                const auto d = (*r).value("TimeToLiveDescription", nlohmann::json::object());
                if (d.value("TimeToLiveStatus", std::string()) == "ENABLED") {
                  ttl_->setText(tr("On: items expire at the epoch seconds in %1")
                                    .arg(QString::fromStdString(d.value("AttributeName", std::string()))));
                } else {
                  ttl_->setText(tr("Off"));
                }
              });
}

void TableOverviewPanel::show(const nlohmann::json& t) {
  QLocale locale;
  status_->setText(str(t, "TableStatus"));
  keys_->setText(keySchemaText(t, t.value("KeySchema", nlohmann::json::array())));
  items_->setText(locale.toString(static_cast<qulonglong>(t.value("ItemCount", 0ull))));
  size_->setText(locale.formattedDataSize(static_cast<qint64>(t.value("TableSizeBytes", 0ll))));

  QStringList ix;
  for (const char* kind : {"GlobalSecondaryIndexes", "LocalSecondaryIndexes"}) {
    for (const auto& i : t.value(kind, nlohmann::json::array())) {
      ix << QStringLiteral("<b>%1</b> (%2): %3 · %4")
                .arg(str(i, "IndexName").toHtmlEscaped(), kind[0] == 'G' ? "GSI" : "LSI",
                     keySchemaText(t, i.value("KeySchema", nlohmann::json::array())),
                     projectionText(i.value("Projection", nlohmann::json::object())));
    }
  }
  indexes_->setText(ix.isEmpty() ? tr("None") : ix.join("<br>"));

  const auto billingSummary = t.value("BillingModeSummary", nlohmann::json::object());
  const QString billing = str(billingSummary, "BillingMode", "PROVISIONED");
  billing_->setText(billing == "PAY_PER_REQUEST" ? tr("On-demand (PAY_PER_REQUEST)") : tr("Provisioned"));
  const auto throughput = t.value("ProvisionedThroughput", nlohmann::json::object());
  if (billing == "PAY_PER_REQUEST") {
    capacity_->setText(tr("Scales with traffic"));
  } else {
    capacity_->setText(tr("%1 read units · %2 write units")
                           .arg(throughput.value("ReadCapacityUnits", 0))
                           .arg(throughput.value("WriteCapacityUnits", 0)));
  }
  tableClass_->setText(str(t.value("TableClassSummary", nlohmann::json::object()), "TableClass", "STANDARD"));
  const auto stream = t.value("StreamSpecification", nlohmann::json::object());
  stream_->setText(stream.value("StreamEnabled", false) ? str(stream, "StreamViewType") : tr("Off"));
  protection_->setText(t.value("DeletionProtectionEnabled", false) ? tr("On") : tr("Off"));
  if (t.contains("CreationDateTime") && t["CreationDateTime"].is_number()) {
    const auto ms = static_cast<qint64>(t["CreationDateTime"].get<double>() * 1000.0);
    created_->setText(locale.toString(QDateTime::fromMSecsSinceEpoch(ms), QLocale::LongFormat));
  }
  arn_->setText(str(t, "TableArn").toHtmlEscaped());
}

}  // namespace dynadesk::ui
