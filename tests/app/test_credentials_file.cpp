// Reading access keys from an AWS shared-credentials file for
// dynadesk-server --verify-signatures: the format ~/.aws/credentials uses, and
// a plain-language error for every way a file can be unusable.
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include "credentials_file.h"

using dynadesk::app::loadAccessKeys;
using dynadesk::app::parseAccessKeys;
using Keys = std::map<std::string, std::string>;
Q_DECLARE_METATYPE(Keys)

class TestCredentialsFile : public QObject {
  Q_OBJECT
 private slots:
  void parses_data();
  void parses();
  void refuses_data();
  void refuses();
  void readsFiles();
};

void TestCredentialsFile::parses_data() {
  QTest::addColumn<QString>("text");
  QTest::addColumn<Keys>("keys");
  QTest::newRow("one profile") << "[default]\naws_access_key_id = AKID1\naws_secret_access_key = secret/1+x\n"
                               << Keys{{"AKID1", "secret/1+x"}};
  QTest::newRow("a real-looking file")
      << "# mine\n; also a comment\n[default]\naws_access_key_id=AKID1\naws_secret_access_key=s1\n"
         "region = eu-west-1\n\n[profile work]\r\nAWS_ACCESS_KEY_ID =  AKID2 \r\naws_secret_access_key\t=\ts2\r\n"
         "aws_session_token = token\r\n[sso-only]\nsso_start_url = https://example.awsapps.com/start\n"
      << Keys{{"AKID1", "s1"}, {"AKID2", "s2"}};
  QTest::newRow("the same key twice with one secret")
      << "[a]\naws_access_key_id=K\naws_secret_access_key=S\n[b]\naws_access_key_id=K\naws_secret_access_key=S\n"
      << Keys{{"K", "S"}};
  QTest::newRow("keys before any heading") << "aws_access_key_id=K\naws_secret_access_key=S\n" << Keys{{"K", "S"}};
}

void TestCredentialsFile::parses() {
  QFETCH(QString, text);
  QFETCH(Keys, keys);
  auto parsed = parseAccessKeys(text.toStdString(), "the file");
  QVERIFY2(parsed.isOk(), parsed.status().message().c_str());
  QCOMPARE(*parsed, keys);
}

void TestCredentialsFile::refuses_data() {
  QTest::addColumn<QString>("text");
  QTest::addColumn<QString>("message");
  const QString noKeys = "The file holds no access keys: it needs aws_access_key_id and aws_secret_access_key under "
                         "a [profile] heading.";
  QTest::newRow("empty") << "" << noKeys;
  QTest::newRow("only other settings") << "[default]\nregion = us-east-1\n" << noKeys;
  QTest::newRow("no secret") << "[default]\nregion=x\n[work]\naws_access_key_id = K\n"
                             << "[work] (line 3) in the file has aws_access_key_id but no aws_secret_access_key.";
  QTest::newRow("no key id") << "[default]\naws_secret_access_key = S\n"
                             << "[default] (line 1) in the file has aws_secret_access_key but no aws_access_key_id.";
  QTest::newRow("conflicting secrets")
      << "[a]\naws_access_key_id=K\naws_secret_access_key=S1\n[b]\naws_access_key_id=K\naws_secret_access_key=S2\n"
      << "The access key K appears twice in the file with different secrets.";
  QTest::newRow("unclosed heading") << "[default\naws_access_key_id=K\n"
                                    << "Line 1 of the file opens a [section] heading but does not close it.";
}

void TestCredentialsFile::refuses() {
  QFETCH(QString, text);
  QFETCH(QString, message);
  auto parsed = parseAccessKeys(text.toStdString(), "the file");
  QVERIFY(!parsed.isOk());
  QCOMPARE(QString::fromStdString(parsed.status().message()), message);
}

void TestCredentialsFile::readsFiles() {
  QTemporaryDir dir;
  const QString path = dir.path() + "/credentials";
  QFile f(path);
  QVERIFY(f.open(QIODevice::WriteOnly));
  f.write("[default]\naws_access_key_id = AKID\naws_secret_access_key = S\n");
  f.close();
  auto keys = loadAccessKeys(path.toStdString());
  QVERIFY(keys.isOk());
  QCOMPARE(*keys, (Keys{{"AKID", "S"}}));

  qputenv("HOME", dir.path().toUtf8());
  auto fromHome = loadAccessKeys("~/credentials");
  QVERIFY2(fromHome.isOk(), fromHome.status().message().c_str());

  auto missing = loadAccessKeys((dir.path() + "/nope").toStdString());
  QCOMPARE(QString::fromStdString(missing.status().message()),
           "Cannot read the credentials file " + dir.path() + "/nope: No such file or directory.");
  auto folder = loadAccessKeys(dir.path().toStdString());
  QCOMPARE(QString::fromStdString(folder.status().message()),
           "The credentials file " + dir.path() + " is a folder; give the file inside it.");
}

QTEST_GUILESS_MAIN(TestCredentialsFile)
#include "test_credentials_file.moc"
