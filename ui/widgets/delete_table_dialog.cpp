#include "widgets/delete_table_dialog.h"

#include <QDialogButtonBox>
#include <QVBoxLayout>

namespace dynadesk::ui {

DeleteTableDialog::DeleteTableDialog(RequestRunner& runner, const QString& table, QWidget* parent)
    : QDialog(parent), runner_(runner), table_(table) {
  setWindowTitle(tr("Delete table"));
  auto* text = new QLabel(tr("<p>Delete the table <b>%1</b> and every item in it?</p>"
                             "<p>This cannot be undone. Type the table's name to confirm.</p>")
                              .arg(table.toHtmlEscaped()));
  text->setWordWrap(true);
  confirm_ = new QLineEdit;
  confirm_->setPlaceholderText(table);
  error_ = new QLabel;
  error_->setWordWrap(true);
  error_->setStyleSheet("color: #c0392b;");
  error_->hide();
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel);
  delete_ = buttons->addButton(tr("Delete table"), QDialogButtonBox::DestructiveRole);
  delete_->setEnabled(false);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(text);
  layout->addWidget(confirm_);
  layout->addWidget(error_);
  layout->addWidget(buttons);
  setMinimumWidth(420);

  connect(confirm_, &QLineEdit::textChanged, this, [this](const QString& t) { delete_->setEnabled(t == table_); });
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(delete_, &QPushButton::clicked, this, [this] {
    if (confirm_->text() != table_) return;
    delete_->setEnabled(false);
    runner_.run("DeleteTable", {{"TableName", table_.toStdString()}}, this, [this](Result<nlohmann::json> r) {
      if (!r) {
        error_->setText(tr("The table was not deleted: %1").arg(QString::fromStdString(r.status().message())));
        error_->show();
        delete_->setEnabled(true);
        return;
      }
      emit tableDeleted(table_);
      accept();
    });
  });
}

}  // namespace dynadesk::ui
