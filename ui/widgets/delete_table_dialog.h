// DeleteTableDialog: deleting a table cannot be undone, so the user types its
// name to confirm. Sends DeleteTable through the RequestRunner and shows
// DynamoDB's answer in plain words if it is refused (e.g. deletion protection).
//
// Thread-safety: GUI thread only.
#pragma once

#include <QDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

#include "client/request_runner.h"

namespace dynadesk::ui {

class DeleteTableDialog : public QDialog {
  Q_OBJECT
 public:
  DeleteTableDialog(RequestRunner& runner, const QString& table, QWidget* parent = nullptr);
  QLineEdit* confirmEdit() const { return confirm_; }
  QPushButton* deleteButton() const { return delete_; }
  QLabel* errorLabel() const { return error_; }

 signals:
  void tableDeleted(const QString& table);

 private:
  RequestRunner& runner_;
  QString table_;
  QLineEdit* confirm_;
  QPushButton* delete_;
  QLabel* error_;
};

}  // namespace dynadesk::ui
