// CORS end to end over real sockets: off by default (no Access-Control-*
// header at all), and with configured origins the preflight and the headers on
// answers that let a web page built on the AWS SDK for JavaScript read them.
#include <QtTest>

#include "dynadesk/http_server.h"
#include "raw_http_client.h"
#include "temp_engine.h"

using namespace dynadesk;
using namespace dynadesk::server;
using namespace dynadesk::test;

namespace {
const std::string kPreflightFrom = "OPTIONS / HTTP/1.1\r\nAccess-Control-Request-Method: POST\r\n"
                                   "Access-Control-Request-Headers: authorization,content-type,x-amz-date,x-amz-target\r\n"
                                   "Origin: ";
std::string preflight(const RawClient& c, const std::string& origin) {
  return kPreflightFrom + origin + "\r\nHost: " + c.hostHeader() + "\r\n\r\n";
}
bool hasCorsHeaders(const Response& r) {
  for (const auto& [name, value] : r.headers) {
    if (name.starts_with("access-control-")) return true;
  }
  return false;
}
std::unique_ptr<HttpServer> startServer(TempEngine& t, HttpServerOptions options = {}) {
  auto server = HttpServer::start(t.engine(), options);
  if (!server) qFatal("cannot start the server: %s", server.status().message().c_str());
  return std::move(server).value();
}
}  // namespace

class TestCors : public QObject {
  Q_OBJECT
 private slots:
  void offByDefault();
  void configuredOrigins();
  void anyOrigin();
  void originsAreChecked();
};

void TestCors::offByDefault() {
  TempEngine t;
  auto server = startServer(t);
  RawClient c(server->port());
  QVERIFY(c.send(preflight(c, "http://localhost:3000")));
  Response pre = c.read();
  QCOMPARE(pre.status, 400);
  QVERIFY(!hasCorsHeaders(pre));
  QVERIFY(c.send(c.request("ListTables", "{}", "Origin: http://localhost:3000\r\n")));
  Response r = c.read();
  QCOMPARE(r.status, 200);
  QVERIFY(!hasCorsHeaders(r));
}

void TestCors::configuredOrigins() {
  TempEngine t;
  HttpServerOptions options;
  options.corsOrigins = {"http://localhost:3000", "HTTPS://Tools.Example/"};
  auto server = startServer(t, options);
  RawClient c(server->port());

  QVERIFY(c.send(preflight(c, "http://localhost:3000")));
  Response pre = c.read();
  QCOMPARE(pre.status, 200);
  QCOMPARE(pre.body, std::string());
  QCOMPARE(pre.header("access-control-allow-origin"), std::string("http://localhost:3000"));
  QCOMPARE(pre.header("access-control-allow-methods"), std::string("POST"));
  const std::string allowed = pre.header("access-control-allow-headers");
  for (const char* h : {"authorization", "content-type", "x-amz-date", "x-amz-target", "x-amz-user-agent",
                        "x-amz-security-token", "amz-sdk-invocation-id", "amz-sdk-request"}) {
    QVERIFY2(allowed.find(h) != std::string::npos, h);
  }
  QCOMPARE(pre.header("access-control-expose-headers"), std::string("x-amzn-RequestId, x-amz-crc32"));
  QVERIFY(std::stoi(pre.header("access-control-max-age")) > 0);
  QCOMPARE(pre.header("vary"), std::string("Origin"));

  // Origins compare case-insensitively and without a trailing slash.
  QVERIFY(c.send(preflight(c, "https://tools.example")));
  QCOMPARE(c.read().header("access-control-allow-origin"), std::string("https://tools.example"));

  // Answers, errors included, carry the headers a page needs to read them.
  QVERIFY(c.send(c.request("ListTables", "{}", "Origin: http://localhost:3000\r\n")));
  Response ok = c.read();
  QCOMPARE(ok.status, 200);
  QCOMPARE(ok.header("access-control-allow-origin"), std::string("http://localhost:3000"));
  QCOMPARE(ok.header("access-control-expose-headers"), std::string("x-amzn-RequestId, x-amz-crc32"));
  QVERIFY(c.send(c.request("DescribeTable", R"({"TableName": "Missing"})", "Origin: http://localhost:3000\r\n")));
  Response failed = c.read();
  QCOMPARE(failed.status, 400);
  QCOMPARE(failed.header("access-control-allow-origin"), std::string("http://localhost:3000"));

  // Other origins, other methods and plain requests get nothing.
  QVERIFY(c.send(preflight(c, "http://evil.example")));
  Response evil = c.read();
  QCOMPARE(evil.status, 400);
  QVERIFY(!hasCorsHeaders(evil));
  QVERIFY(c.send("OPTIONS / HTTP/1.1\r\nAccess-Control-Request-Method: PUT\r\nOrigin: http://localhost:3000\r\nHost: " +
                 c.hostHeader() + "\r\n\r\n"));
  QVERIFY(!hasCorsHeaders(c.read()));
  QVERIFY(c.send(c.request("ListTables", "{}", "Origin: http://evil.example\r\n")));
  Response other = c.read();
  QCOMPARE(other.status, 200);
  QVERIFY(!hasCorsHeaders(other));
  Response plain = c.call("ListTables", Json::object());
  QVERIFY(!hasCorsHeaders(plain));
}

void TestCors::anyOrigin() {
  TempEngine t;
  HttpServerOptions options;
  options.corsOrigins = {"*"};
  auto server = startServer(t, options);
  RawClient c(server->port());
  QVERIFY(c.send(preflight(c, "http://anything.example:8080")));
  Response pre = c.read();
  QCOMPARE(pre.status, 200);
  QCOMPARE(pre.header("access-control-allow-origin"), std::string("*"));
  QVERIFY(c.send(c.request("ListTables", "{}", "Origin: null\r\n")));
  QCOMPARE(c.read().header("access-control-allow-origin"), std::string("*"));
}

void TestCors::originsAreChecked() {
  for (const char* good : {"*", "http://localhost:3000", "https://example.com", "http://[::1]:8080/", "app://x"}) {
    QVERIFY2(checkCorsOrigin(good).isOk(), good);
  }
  for (const char* bad : {"", "localhost:3000", "http://", "http://a.example/path", "http://a b", "*.example.com",
                          "http://user@host"}) {
    const Status s = checkCorsOrigin(bad);
    QVERIFY2(s.type() == ErrorType::ValidationException, bad);
    QVERIFY(s.message().find("scheme://host[:port]") != std::string::npos);
  }
  TempEngine t;
  HttpServerOptions options;
  options.corsOrigins = {"localhost:3000"};
  QCOMPARE(HttpServer::start(t.engine(), options).status().type(), ErrorType::ValidationException);
  HttpServerOptions noKeys;
  noKeys.verifySignatures = true;
  auto refused = HttpServer::start(t.engine(), noKeys);
  QCOMPARE(refused.status(), Status::validation("Signature checking needs at least one access key."));
}

QTEST_GUILESS_MAIN(TestCors)
#include "test_cors.moc"
