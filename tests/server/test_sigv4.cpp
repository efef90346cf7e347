// Signature Version 4: the algorithm against published vectors, the header
// checks against DynamoDB's messages, and a verifying server end to end over
// real sockets with requests signed by this test's own signer.
//
// The expected values are independent of the code under test: the signing key
// is the one in AWS's "derive a signing key" example, "get-vanilla" and
// "get-vanilla-query-order-key-case" are from AWS's SigV4 test suite, and the
// other signatures were computed with botocore's SigV4Auth. The end-to-end
// signer below hashes with Qt (QCryptographicHash), not with the server's
// OpenSSL code.
#include <QCryptographicHash>
#include <QDateTime>
#include <QMessageAuthenticationCode>
#include <QtTest>

#include "dynadesk/http_server.h"
#include "raw_http_client.h"
#include "server/crypto.h"
#include "server/request_authenticator.h"
#include "server/sigv4.h"
#include "server/sigv4_authorization.h"
#include "temp_engine.h"

using namespace dynadesk;
using namespace dynadesk::server;
using namespace dynadesk::test;

using Headers = std::vector<std::pair<std::string, std::string>>;
Q_DECLARE_METATYPE(Headers)
Q_DECLARE_METATYPE(dynadesk::ErrorType)

namespace {

constexpr std::string_view kExampleSecret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
constexpr std::int64_t kVanillaTimeMillis = 1440938160000;  // 20150830T123600Z

HttpRequest makeRequest(std::string method, std::string target, Headers headers, std::string body = "") {
  HttpRequest r;
  r.method = std::move(method);
  r.target = std::move(target);
  r.headers = std::move(headers);
  r.body = std::move(body);
  return r;
}

// --- An independent signer for the end-to-end tests (Qt's SHA-256 and HMAC) ---

QByteArray hmac(const QByteArray& key, const QByteArray& message) {
  return QMessageAuthenticationCode::hash(message, key, QCryptographicHash::Sha256);
}
QByteArray sha256Hex(const QByteArray& data) { return QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex(); }

std::string isoTime(std::int64_t millis) {
  return QDateTime::fromMSecsSinceEpoch(millis, Qt::UTC).toString("yyyyMMdd'T'HHmmss'Z'").toStdString();
}

struct Signer {
  std::string accessKey;
  std::string secret;
  std::string region = "us-east-1";

  // A complete POST for `op`, signed over `body` at `millis`; `bodySent`
  // replaces the body on the wire when given (tampering after signing).
  std::string request(const RawClient& c, const std::string& op, const std::string& body, std::int64_t millis,
                      const std::optional<std::string>& bodySent = std::nullopt) const {
    const std::string amzDate = isoTime(millis);
    const std::string date = amzDate.substr(0, 8);
    const std::string target = "DynamoDB_20120810." + op;
    const std::string canonical = "POST\n/\n\ncontent-type:application/x-amz-json-1.0\nhost:" + c.hostHeader() +
                                  "\nx-amz-date:" + amzDate + "\nx-amz-target:" + target +
                                  "\n\ncontent-type;host;x-amz-date;x-amz-target\n" +
                                  sha256Hex(QByteArray::fromStdString(body)).toStdString();
    const std::string scope = date + "/" + region + "/dynamodb/aws4_request";
    const std::string toSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n" +
                               sha256Hex(QByteArray::fromStdString(canonical)).toStdString();
    QByteArray key = hmac(QByteArray::fromStdString("AWS4" + secret), QByteArray::fromStdString(date));
    key = hmac(key, QByteArray::fromStdString(region));
    key = hmac(key, "dynamodb");
    key = hmac(key, "aws4_request");
    const std::string signature = hmac(key, QByteArray::fromStdString(toSign)).toHex().toStdString();
    const std::string& wire = bodySent ? *bodySent : body;
    // Header names in mixed case and extra spaces, as on the wire.
    return "POST / HTTP/1.1\r\nHost: " + c.hostHeader() + "\r\nContent-Type: application/x-amz-json-1.0\r\n" +
           "X-Amz-Date: " + amzDate + "\r\nX-Amz-Target: " + target + "\r\nUser-Agent: test_sigv4\r\n" +
           "Authorization: AWS4-HMAC-SHA256 Credential=" + accessKey + "/" + scope +
           ", SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=" + signature +
           "\r\nContent-Length: " + std::to_string(wire.size()) + "\r\n\r\n" + wire;
  }
};

std::unique_ptr<HttpServer> startVerifying(TempEngine& t) {
  t.clock().setMillis(kVanillaTimeMillis);
  HttpServerOptions options;
  options.verifySignatures = true;
  options.accessKeys = {{"AKIDEXAMPLE", std::string(kExampleSecret)}, {"SECONDKEY", "another secret"}};
  options.clock = std::shared_ptr<const Clock>(&t.clock(), [](const Clock*) {});  // TempEngine owns it
  auto server = HttpServer::start(t.engine(), options);
  if (!server) qFatal("cannot start the server: %s", server.status().message().c_str());
  return std::move(server).value();
}

const Json kCreateTable = Json::parse(R"({"TableName": "Tbl",
    "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
    "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
    "BillingMode": "PAY_PER_REQUEST"})");

const std::string kMismatch =
    "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access "
    "Key and signing method. Consult the service documentation for details.";

}  // namespace

class TestSigV4 : public QObject {
  Q_OBJECT
 private slots:
  void signingKeyMatchesAwsExample();
  void vectors_data();
  void vectors();
  void canonicalUri_data();
  void canonicalUri();
  void canonicalQueryString_data();
  void canonicalQueryString();
  void canonicalHeadersTrimAndJoin();
  void malformedAuthorization_data();
  void malformedAuthorization();
  void requestTimeWindow();

  void verifiedRequestsPass();
  void wrongSecretIsInvalidSignature();
  void unknownKeyIsUnrecognized();
  void missingAuthorization();
  void clockSkew();
  void tamperedRequests();
  void acceptingModeTakesAnyKey();
};

void TestSigV4::signingKeyMatchesAwsExample() {
  // AWS's example: secret above, 20120215, us-east-1, iam.
  const std::string key = sigv4::signingKey(kExampleSecret, "20120215", "us-east-1", "iam");
  QCOMPARE(crypto::toHex(key), std::string("f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d"));
  QCOMPARE(crypto::toHex(crypto::sha256("")),
           std::string("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
  QVERIFY(crypto::constantTimeEquals("abc", "abc"));
  QVERIFY(!crypto::constantTimeEquals("abc", "abd"));
  QVERIFY(!crypto::constantTimeEquals("abc", "abcd"));
}

void TestSigV4::vectors_data() {
  QTest::addColumn<QString>("method");
  QTest::addColumn<QString>("target");
  QTest::addColumn<Headers>("headers");
  QTest::addColumn<QString>("body");
  QTest::addColumn<QString>("signedHeaders");
  QTest::addColumn<QString>("region");
  QTest::addColumn<QString>("service");
  QTest::addColumn<QString>("canonical");
  QTest::addColumn<QString>("stringToSignHash");  // last line of the string to sign; empty: not checked
  QTest::addColumn<QString>("signature");
  const Headers vanilla{{"host", "example.amazonaws.com"}, {"x-amz-date", "20150830T123600Z"}};
  const QString empty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  QTest::newRow("get-vanilla") << "GET" << "/" << vanilla << "" << "host;x-amz-date" << "us-east-1" << "service"
                               << "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n" + empty
                               << "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63"
                               << "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31";
  QTest::newRow("get-vanilla-query-order-key-case")
      << "GET" << "/?Param2=value2&Param1=value1" << vanilla << "" << "host;x-amz-date" << "us-east-1" << "service"
      << "GET\n/\nParam1=value1&Param2=value2\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n" + empty
      << "816cd5b414d056048ba4f7c5386d6e0533120fb1fcfa93762cf0fc39e2cf19e0"
      << "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500";
  QTest::newRow("encoded path is encoded again")
      << "GET" << "/example%20space/" << vanilla << "" << "host;x-amz-date" << "us-east-1" << "service"
      << "GET\n/example%2520space/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n" + empty
      << "6a04b36fa5a84d8d24b4287d506da70f4d5289a1772e6c608495a841a8f38627"
      << "446b817944c553435b35e813c261ff4e161fff982d1bacdef1c87f6785dd1662";
  QTest::newRow("dynamodb post")
      << "POST" << "/"
      << Headers{{"host", "127.0.0.1:8000"}, {"content-type", "application/x-amz-json-1.0"},
                 {"x-amz-target", "DynamoDB_20120810.ListTables"}, {"my-header", "a   b  c"},
                 {"x-amz-date", "20150830T123600Z"}}
      << R"({"Limit": 3})" << "content-type;host;my-header;x-amz-date;x-amz-target" << "eu-west-1" << "dynamodb"
      << "POST\n/\n\ncontent-type:application/x-amz-json-1.0\nhost:127.0.0.1:8000\nmy-header:a b c\n"
         "x-amz-date:20150830T123600Z\nx-amz-target:DynamoDB_20120810.ListTables\n\n"
         "content-type;host;my-header;x-amz-date;x-amz-target\n"
         "62e9b461f81eafb5fb6a450c9991885cfda53c1157ca50e55f48e26572e89a56"
      << "a71884074e9c686225ee901c841084db9cc0891daf6acf92acad68afa80629b7"
      << "8cbbc80a5b82c19e45aaa682d363968f2037f0517d4b98799d45841ae38047b7";
}

void TestSigV4::vectors() {
  QFETCH(QString, method);
  QFETCH(QString, target);
  QFETCH(Headers, headers);
  QFETCH(QString, body);
  QFETCH(QString, signedHeaders);
  QFETCH(QString, region);
  QFETCH(QString, service);
  QFETCH(QString, canonical);
  QFETCH(QString, stringToSignHash);
  QFETCH(QString, signature);
  const HttpRequest request = makeRequest(method.toStdString(), target.toStdString(), headers, body.toStdString());
  std::vector<std::string> names;
  for (const QString& n : signedHeaders.split(';')) names.push_back(n.toStdString());
  const std::string payloadHash = crypto::toHex(crypto::sha256(request.body));
  const std::string c = sigv4::canonicalRequest(request, signedHeaders.toStdString(), names, payloadHash);
  QCOMPARE(QString::fromStdString(c), canonical);
  const std::string scope = sigv4::credentialScope("20150830", region.toStdString(), service.toStdString());
  const std::string toSign = sigv4::stringToSign("20150830T123600Z", scope, c);
  QCOMPARE(QString::fromStdString(toSign),
           "AWS4-HMAC-SHA256\n20150830T123600Z\n" + QString::fromStdString(scope) + "\n" + stringToSignHash);
  const std::string key = sigv4::signingKey(kExampleSecret, "20150830", region.toStdString(), service.toStdString());
  QCOMPARE(QString::fromStdString(sigv4::signature(key, toSign)), signature);
}

void TestSigV4::canonicalUri_data() {
  QTest::addColumn<QString>("path");
  QTest::addColumn<QString>("expected");
  QTest::newRow("root") << "/" << "/";
  QTest::newRow("empty") << "" << "/";
  QTest::newRow("double slashes") << "//example//" << "/example/";
  QTest::newRow("dot segments") << "/a/./b/../c" << "/a/c";
  QTest::newRow("dot-dot above root") << "/../x" << "/x";
  QTest::newRow("utf-8") << QString::fromUtf8("/\xe1\x88\xb4") << "/%E1%88%B4";
  QTest::newRow("reserved") << "/a:b@c!$" << "/a%3Ab%40c%21%24";
  QTest::newRow("unreserved kept") << "/A-z_0.9~" << "/A-z_0.9~";
}

void TestSigV4::canonicalUri() {
  QFETCH(QString, path);
  QFETCH(QString, expected);
  QCOMPARE(QString::fromStdString(sigv4::canonicalUri(path.toStdString())), expected);
}

void TestSigV4::canonicalQueryString_data() {
  QTest::addColumn<QString>("query");
  QTest::addColumn<QString>("expected");
  QTest::newRow("none") << "" << "";
  QTest::newRow("sorted by name then value") << "b=2&a=1&a=0" << "a=0&a=1&b=2";
  QTest::newRow("name without value") << "flag" << "flag=";
  QTest::newRow("empty pairs dropped") << "a=1&&b=2&" << "a=1&b=2";
  QTest::newRow("re-encoded the RFC 3986 way") << "k=%7e%2f+x" << "k=~%2F%2Bx";
  QTest::newRow("lower-case escapes become upper") << "k=%e1%88%b4" << "k=%E1%88%B4";
  QTest::newRow("stray percent") << "k=100%" << "k=100%25";
}

void TestSigV4::canonicalQueryString() {
  QFETCH(QString, query);
  QFETCH(QString, expected);
  QCOMPARE(QString::fromStdString(sigv4::canonicalQueryString(query.toStdString())), expected);
}

void TestSigV4::canonicalHeadersTrimAndJoin() {
  const HttpRequest r = makeRequest("POST", "/", {{"x-a", "one"}, {"host", "h"}, {"x-a", "  two   words "}, {"x-b", "\tt\t"}});
  QCOMPARE(sigv4::canonicalHeaders(r, {"host", "x-a", "x-b", "x-missing"}),
           std::string("host:h\nx-a:one,two words\nx-b:t\nx-missing:\n"));
}

void TestSigV4::malformedAuthorization_data() {
  QTest::addColumn<Headers>("headers");
  QTest::addColumn<ErrorType>("type");
  QTest::addColumn<QString>("message");
  const std::string date = "20150830T123600Z";
  const std::string good = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/dynamodb/aws4_request, "
                           "SignedHeaders=host;x-amz-date, Signature=" + std::string(64, 'a');
  auto withAuth = [&](const std::string& authorization) {
    return Headers{{"host", "127.0.0.1:8000"}, {"x-amz-date", date}, {"authorization", authorization}};
  };
  QTest::newRow("well-formed") << withAuth(good) << ErrorType::Ok << "";
  QTest::newRow("commas only, no spaces")
      << withAuth("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/dynamodb/aws4_request,SignedHeaders=host,"
                  "Signature=" + std::string(64, 'F'))
      << ErrorType::Ok << "";
  QTest::newRow("spaces only")
      << withAuth("AWS4-HMAC-SHA256 Credential=K/20150830/r/dynamodb/aws4_request SignedHeaders=x-amz-date;HOST "
                  "Signature=" + std::string(64, '0'))
      << ErrorType::Ok << "";
  QTest::newRow("date header instead of x-amz-date")
      << Headers{{"host", "h"}, {"date", date}, {"authorization", good}} << ErrorType::Ok << "";

  QTest::newRow("no header") << Headers{{"host", "h"}, {"x-amz-date", date}}
                             << ErrorType::MissingAuthenticationTokenException
                             << "Request is missing Authentication Token";
  QTest::newRow("basic auth") << withAuth("Basic dXNlcjpwYXNz") << ErrorType::MissingAuthenticationTokenException
                              << "Request is missing Authentication Token";
  QTest::newRow("nothing but the algorithm")
      << Headers{{"host", "h"}, {"authorization", "AWS4-HMAC-SHA256"}} << ErrorType::IncompleteSignatureException
      << "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. "
         "Authorization header requires 'SignedHeaders' parameter. Authorization header requires existence of either "
         "a 'X-Amz-Date' or a 'Date' header. Authorization=AWS4-HMAC-SHA256";
  QTest::newRow("no signature")
      << withAuth("AWS4-HMAC-SHA256 Credential=a/b/c/d/e, SignedHeaders=host, Signature=")
      << ErrorType::IncompleteSignatureException
      << "Authorization header requires 'Signature' parameter. "
         "Authorization=AWS4-HMAC-SHA256 Credential=a/b/c/d/e, SignedHeaders=host, Signature=";
  QTest::newRow("pair without equal sign")
      << withAuth("AWS4-HMAC-SHA256 Signature=b,    Credential,    SignedHeaders")
      << ErrorType::IncompleteSignatureException
      << "'Credential' not a valid key=value pair (missing equal-sign) in Authorization header: "
         "'AWS4-HMAC-SHA256 Signature=b,    Credential,    SignedHeaders'.";
  QTest::newRow("date not basic format")
      << Headers{{"host", "h"}, {"x-amz-date", "201"}, {"authorization", good}}
      << ErrorType::IncompleteSignatureException
      << "Date must be in ISO-8601 'basic format'. Got '201'. See http://en.wikipedia.org/wiki/ISO_8601";
  QTest::newRow("date not a real day")
      << Headers{{"host", "h"}, {"x-amz-date", "20150230T123600Z"}, {"authorization", good}}
      << ErrorType::IncompleteSignatureException
      << "Date must be in ISO-8601 'basic format'. Got '20150230T123600Z'. See http://en.wikipedia.org/wiki/ISO_8601";
  QTest::newRow("host not signed")
      << withAuth("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/dynamodb/aws4_request, "
                  "SignedHeaders=x-amz-date, Signature=" + std::string(64, 'a'))
      << ErrorType::InvalidSignatureException << "'Host' must be a 'SignedHeader' in the AWS Authorization.";
  QTest::newRow("other algorithm")
      << withAuth("AWS4-HMAC-SHA25 Credential=AKIDEXAMPLE/20150830/us-east-1/dynamodb/aws4_request, "
                  "SignedHeaders=host, Signature=" + std::string(64, 'a'))
      << ErrorType::IncompleteSignatureException
      << "Unsupported AWS 'algorithm': 'AWS4-HMAC-SHA25' (only AWS4-HMAC-SHA256 for now). ";
  QTest::newRow("four credential parts")
      << withAuth("AWS4-HMAC-SHA256 Credential=a/b/c/d, SignedHeaders=host, Signature=" + std::string(64, 'a'))
      << ErrorType::IncompleteSignatureException
      << "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got 'a/b/c/d'";
  QTest::newRow("trailing slashes do not count")
      << withAuth("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/dynamodb/aws4_request//, "
                  "SignedHeaders=host, Signature=" + std::string(64, 'a'))
      << ErrorType::Ok << "";
  QTest::newRow("wrong scope")
      << withAuth("AWS4-HMAC-SHA256 Credential=a/b/c/d/e, SignedHeaders=host, Signature=" + std::string(64, 'a'))
      << ErrorType::InvalidSignatureException
      << "Credential should be scoped to correct service: 'dynamodb'. Credential should be scoped with a valid "
         "terminator: 'aws4_request', not 'e'. Date in Credential scope does not match YYYYMMDD from ISO-8601 "
         "version of date from HTTP: 'b' != '20150830', from '20150830T123600Z'.";
  QTest::newRow("empty region")
      << withAuth("AWS4-HMAC-SHA256 Credential=AKID/20150830//dynamodb/aws4_request, SignedHeaders=host, Signature=" +
                  std::string(64, 'a'))
      << ErrorType::InvalidSignatureException << "Credential should be scoped to a valid region, not ''.";
  QTest::newRow("any region is fine")
      << withAuth("AWS4-HMAC-SHA256 Credential=AKID/20150830/local/dynamodb/aws4_request, SignedHeaders=host, "
                  "Signature=" + std::string(64, 'a'))
      << ErrorType::Ok << "";
  QTest::newRow("empty access key")
      << withAuth("AWS4-HMAC-SHA256 Credential=/20150830/us-east-1/dynamodb/aws4_request, SignedHeaders=host, "
                  "Signature=" + std::string(64, 'a'))
      << ErrorType::UnrecognizedClientException << "The security token included in the request is invalid.";
  QTest::newRow("signature not 64 hex digits")
      << withAuth("AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/dynamodb/aws4_request, SignedHeaders=host, "
                  "Signature=123")
      << ErrorType::InvalidSignatureException << QString::fromStdString(kMismatch);
}

void TestSigV4::malformedAuthorization() {
  QFETCH(Headers, headers);
  QFETCH(ErrorType, type);
  QFETCH(QString, message);
  // The accepting (default) mode: every check but the key, the signature and the clock.
  const Status s = RequestAuthenticator().check(makeRequest("POST", "/", headers, "{}"));
  QCOMPARE(QString::fromUtf8(errorTypeName(s.type()).data()), QString::fromUtf8(errorTypeName(type).data()));
  QCOMPARE(QString::fromStdString(s.message()), message);
}

void TestSigV4::requestTimeWindow() {
  const HttpRequest request = makeRequest(
      "POST", "/",
      {{"host", "h"}, {"x-amz-date", "20150830T123600Z"},
       {"authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/dynamodb/aws4_request, "
                         "SignedHeaders=host, Signature=" + std::string(64, 'a')}});
  auto auth = sigv4::readAuthorization(request);
  QVERIFY(auth.isOk());
  constexpr std::int64_t kMinute = 60'000;
  QVERIFY(sigv4::checkRequestTime(*auth, kVanillaTimeMillis).isOk());
  QVERIFY(sigv4::checkRequestTime(*auth, kVanillaTimeMillis + 15 * kMinute).isOk());
  QVERIFY(sigv4::checkRequestTime(*auth, kVanillaTimeMillis - 15 * kMinute).isOk());
  QCOMPARE(sigv4::checkRequestTime(*auth, kVanillaTimeMillis + 16 * kMinute),
           Status(ErrorType::InvalidSignatureException,
                  "Signature expired: 20150830T123600Z is now earlier than 20150830T123700Z "
                  "(20150830T125200Z - 15 min.)"));
  QCOMPARE(sigv4::checkRequestTime(*auth, kVanillaTimeMillis - 16 * kMinute),
           Status(ErrorType::InvalidSignatureException,
                  "Signature not yet current: 20150830T123600Z is still later than 20150830T123500Z "
                  "(20150830T122000Z + 15 min.)"));
  QCOMPARE(sigv4::isoBasicTime(0), std::string("19700101T000000Z"));
  QCOMPARE(sigv4::isoBasicTime(951782400), std::string("20000229T000000Z"));
}

// --- End to end: a verifying server on a real socket -------------------------

void TestSigV4::verifiedRequestsPass() {
  TempEngine t;
  auto server = startVerifying(t);
  RawClient c(server->port());
  const Signer signer{"AKIDEXAMPLE", std::string(kExampleSecret)};
  QVERIFY(c.send(signer.request(c, "CreateTable", kCreateTable.dump(), t.clock().nowMillis())));
  QCOMPARE(c.read().status, 200);
  // The same connection, another key, another region, a clock that moved on.
  t.clock().advanceMillis(10 * 60'000);
  Signer second{"SECONDKEY", "another secret", "ap-southeast-2"};
  const Json put{{"TableName", "Tbl"}, {"Item", {{"pk", S("a")}, {"note", S("  spaced   out  ")}}}};
  QVERIFY(c.send(second.request(c, "PutItem", put.dump(), t.clock().nowMillis())));
  QCOMPARE(c.read().status, 200);
  // Signed five minutes ago by the client's clock.
  QVERIFY(c.send(signer.request(c, "GetItem", Json{{"TableName", "Tbl"}, {"Key", {{"pk", S("a")}}}}.dump(),
                                t.clock().nowMillis() - 5 * 60'000)));
  Response got = c.read();
  QCOMPARE(got.status, 200);
  QCOMPARE(got.json()["Item"]["note"], S("  spaced   out  "));
  // x-amz-content-sha256 is fine when it is the hash of the body.
  const std::string body = "{}";
  std::string withHash = signer.request(c, "ListTables", body, t.clock().nowMillis());
  withHash.insert(withHash.find("Content-Length"),
                  "X-Amz-Content-Sha256: " + sha256Hex(QByteArray::fromStdString(body)).toStdString() + "\r\n");
  QVERIFY(c.send(withHash));
  QCOMPARE(c.read().status, 200);
}

void TestSigV4::wrongSecretIsInvalidSignature() {
  TempEngine t;
  auto server = startVerifying(t);
  RawClient c(server->port());
  const Signer wrong{"AKIDEXAMPLE", "not the secret"};
  QVERIFY(c.send(wrong.request(c, "ListTables", "{}", t.clock().nowMillis())));
  Response r = c.read();
  QCOMPARE(r.status, 400);
  QCOMPARE(r.json()["__type"], Json("com.amazon.coral.service#InvalidSignatureException"));
  const std::string message = r.json()["message"];
  QVERIFY(message.starts_with(kMismatch + "\n\nThe Canonical String for this request should have been\n'POST\n/\n\n"
                                          "content-type:application/x-amz-json-1.0\nhost:" + c.hostHeader() +
                              "\nx-amz-date:20150830T123600Z\nx-amz-target:DynamoDB_20120810.ListTables\n\n"
                              "content-type;host;x-amz-date;x-amz-target\n"
                              "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a'\n\n"
                              "The String-to-Sign should have been\n'AWS4-HMAC-SHA256\n20150830T123600Z\n"
                              "20150830/us-east-1/dynamodb/aws4_request\n"));
  QVERIFY(message.ends_with("'\n"));
  // The connection stays usable.
  const Signer right{"AKIDEXAMPLE", std::string(kExampleSecret)};
  QVERIFY(c.send(right.request(c, "ListTables", "{}", t.clock().nowMillis())));
  QCOMPARE(c.read().status, 200);
}

void TestSigV4::unknownKeyIsUnrecognized() {
  TempEngine t;
  auto server = startVerifying(t);
  RawClient c(server->port());
  const Signer stranger{"AKIDUNKNOWN", std::string(kExampleSecret)};
  QVERIFY(c.send(stranger.request(c, "ListTables", "{}", t.clock().nowMillis())));
  Response r = c.read();
  QCOMPARE(r.status, 400);
  QCOMPARE(r.json(), Json({{"__type", "com.amazon.coral.service#UnrecognizedClientException"},
                           {"message", "The security token included in the request is invalid."}}));
}

void TestSigV4::missingAuthorization() {
  TempEngine t;
  auto server = startVerifying(t);
  RawClient c(server->port());
  QVERIFY(c.send("POST / HTTP/1.1\r\nHost: " + c.hostHeader() +
                 "\r\nX-Amz-Target: DynamoDB_20120810.ListTables\r\nContent-Length: 2\r\n\r\n{}"));
  Response r = c.read();
  QCOMPARE(r.status, 400);
  QCOMPARE(r.json(), Json({{"__type", "com.amazon.coral.service#MissingAuthenticationTokenException"},
                           {"message", "Request is missing Authentication Token"}}));
  // The dummy header the accepting mode takes is refused here.
  QVERIFY(c.send(c.request("ListTables", "{}")));
  QCOMPARE(TempEngine::errorType(c.read().json()), std::string("InvalidSignatureException"));
}

void TestSigV4::clockSkew() {
  TempEngine t;
  auto server = startVerifying(t);
  RawClient c(server->port());
  const Signer signer{"AKIDEXAMPLE", std::string(kExampleSecret)};
  const std::int64_t now = t.clock().nowMillis();
  QVERIFY(c.send(signer.request(c, "ListTables", "{}", now - 16 * 60'000)));
  Response old = c.read();
  QCOMPARE(old.status, 400);
  QCOMPARE(old.json(), Json({{"__type", "com.amazon.coral.service#InvalidSignatureException"},
                             {"message", "Signature expired: 20150830T122000Z is now earlier than 20150830T122100Z "
                                         "(20150830T123600Z - 15 min.)"}}));
  QVERIFY(c.send(signer.request(c, "ListTables", "{}", now + 16 * 60'000)));
  QCOMPARE(c.read().json()["message"], Json("Signature not yet current: 20150830T125200Z is still later than "
                                            "20150830T125100Z (20150830T123600Z + 15 min.)"));
  // The server's clock decides: the same old request passes once it is set back.
  t.clock().setMillis(now - 16 * 60'000);
  QVERIFY(c.send(signer.request(c, "ListTables", "{}", now - 16 * 60'000)));
  QCOMPARE(c.read().status, 200);
}

void TestSigV4::tamperedRequests() {
  TempEngine t;
  auto server = startVerifying(t);
  RawClient c(server->port());
  const Signer signer{"AKIDEXAMPLE", std::string(kExampleSecret)};
  QVERIFY(c.send(signer.request(c, "CreateTable", kCreateTable.dump(), t.clock().nowMillis())));
  QCOMPARE(c.read().status, 200);
  const std::string body = Json{{"TableName", "Tbl"}, {"Item", {{"pk", S("a")}, {"amount", N("10")}}}}.dump();
  const std::string changed = Json{{"TableName", "Tbl"}, {"Item", {{"pk", S("a")}, {"amount", N("99")}}}}.dump();
  QCOMPARE(changed.size(), body.size());
  QVERIFY(c.send(signer.request(c, "PutItem", body, t.clock().nowMillis(), changed)));
  Response r = c.read();
  QCOMPARE(r.status, 400);
  QCOMPARE(TempEngine::errorType(r.json()), std::string("InvalidSignatureException"));
  // A signed header changed on the way (the operation itself).
  std::string retargeted = signer.request(c, "GetItem", Json{{"TableName", "Tbl"}, {"Key", {{"pk", S("a")}}}}.dump(),
                                          t.clock().nowMillis());
  retargeted.replace(retargeted.find("X-Amz-Target: DynamoDB_20120810.GetItem"),
                     std::string("X-Amz-Target: DynamoDB_20120810.GetItem").size(),
                     "X-Amz-Target: DynamoDB_20120810.DeleteItem");
  QVERIFY(c.send(retargeted));
  QCOMPARE(TempEngine::errorType(c.read().json()), std::string("InvalidSignatureException"));
  // Nothing was written by the refused requests.
  QVERIFY(c.send(signer.request(c, "GetItem", Json{{"TableName", "Tbl"}, {"Key", {{"pk", S("a")}}}}.dump(),
                                t.clock().nowMillis())));
  Response got = c.read();
  QCOMPARE(got.status, 200);
  QCOMPARE(got.json(), Json::object());
}

void TestSigV4::acceptingModeTakesAnyKey() {
  TempEngine t;
  t.clock().setMillis(kVanillaTimeMillis + 365LL * 24 * 3600 * 1000);  // a year later: no clock check
  auto server = HttpServer::start(t.engine(), HttpServerOptions{});
  QVERIFY(server.isOk());
  RawClient c((*server)->port());
  const Signer anyone{"whoever", "whatever"};
  QVERIFY(c.send(anyone.request(c, "ListTables", "{}", kVanillaTimeMillis)));
  QCOMPARE(c.read().status, 200);
}

QTEST_GUILESS_MAIN(TestSigV4)
#include "test_sigv4.moc"
