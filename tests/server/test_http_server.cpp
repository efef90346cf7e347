// The HTTP endpoint end to end over real sockets on 127.0.0.1: a raw client
// speaks HTTP/1.1 to a real HttpServer in front of a real Engine.
#include <QtTest>
#include <atomic>
#include <chrono>
#include <map>
#include <thread>

#include "dynadesk/http_server.h"
#include "raw_http_client.h"
#include "temp_engine.h"

using namespace dynadesk;
using namespace dynadesk::server;
using namespace dynadesk::test;

namespace {

// Reference CRC-32 (zlib's), bit by bit, independent of the server's table.
std::uint32_t referenceCrc32(const std::string& s) {
  std::uint32_t c = 0xFFFFFFFFu;
  for (unsigned char b : s) {
    c ^= b;
    for (int k = 0; k < 8; ++k) c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
  }
  return ~c;
}

Json createTableRequest() {
  return Json::parse(R"({"TableName": "Tbl",
    "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
    "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
    "BillingMode": "PAY_PER_REQUEST"})");
}

std::unique_ptr<HttpServer> startServer(TempEngine& t, HttpServerOptions options = {}) {
  auto server = HttpServer::start(t.engine(), options);
  if (!server) qFatal("cannot start the server: %s", server.status().message().c_str());
  return std::move(server).value();
}

}  // namespace

class TestHttpServer : public QObject {
  Q_OBJECT
 private slots:
  void roundTripAndHeaders();
  void keepAliveAndPipelining();
  void connectionClose();
  void protocolErrors();
  void credentialsRequired();
  void badHost();
  void bodyTooLarge();
  void headerTooLarge();
  void expectContinue();
  void concurrentClients();
  void connectionLimit();
  void slowHeaderIsClosed();
  void stopWithIdleConnections();
};

void TestHttpServer::roundTripAndHeaders() {
  TempEngine t;
  auto server = startServer(t);
  QVERIFY(server->port() > 0);
  QCOMPARE(server->url(), "http://127.0.0.1:" + std::to_string(server->port()));
  RawClient c(server->port());
  QVERIFY(c.connected());
  Response created = c.call("CreateTable", createTableRequest());
  QCOMPARE(created.status, 200);
  QCOMPARE(created.json()["TableDescription"]["TableName"], Json("Tbl"));
  Response put = c.call("PutItem", {{"TableName", "Tbl"}, {"Item", {{"pk", S("a")}, {"n", N("1.50")}}}});
  QCOMPARE(put.status, 200);
  QCOMPARE(put.body, std::string("{}"));
  Response got = c.call("GetItem", {{"TableName", "Tbl"}, {"Key", {{"pk", S("a")}}}});
  QCOMPARE(got.status, 200);
  QCOMPARE(got.json()["Item"]["n"], N("1.5"));
  for (const Response* r : {&created, &put, &got}) {
    QCOMPARE(r->header("content-type"), std::string("application/x-amz-json-1.0"));
    QCOMPARE(r->header("content-length"), std::to_string(r->body.size()));
    QCOMPARE(r->header("x-amz-crc32"), std::to_string(referenceCrc32(r->body)));
    const std::string id = r->header("x-amzn-requestid");
    QCOMPARE(id.size(), std::size_t{52});
    QVERIFY(id.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") == std::string::npos);
    QVERIFY(!r->headers.count("access-control-allow-origin"));
  }
  QVERIFY(created.header("x-amzn-requestid") != put.header("x-amzn-requestid"));
}

void TestHttpServer::keepAliveAndPipelining() {
  TempEngine t;
  auto server = startServer(t);
  RawClient c(server->port());
  QCOMPARE(c.call("CreateTable", createTableRequest()).status, 200);
  for (int i = 0; i < 5; ++i) {
    Response r = c.call("PutItem", {{"TableName", "Tbl"}, {"Item", {{"pk", S("k" + std::to_string(i))}}}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("connection"), std::string("keep-alive"));
  }
  // Three requests in one write: three answers, in order.
  std::string burst;
  for (int i = 0; i < 3; ++i) burst += c.request("GetItem", Json{{"TableName", "Tbl"}, {"Key", {{"pk", S("k" + std::to_string(i))}}}}.dump());
  QVERIFY(c.send(burst));
  for (int i = 0; i < 3; ++i) {
    Response r = c.read();
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json()["Item"]["pk"], S("k" + std::to_string(i)));
  }
}

void TestHttpServer::connectionClose() {
  TempEngine t;
  auto server = startServer(t);
  RawClient c(server->port());
  QVERIFY(c.send(c.request("ListTables", "{}", "Connection: close\r\n")));
  Response r = c.read();
  QCOMPARE(r.status, 200);
  QCOMPARE(r.header("connection"), std::string("close"));
  QVERIFY(c.readsEof());
}

void TestHttpServer::protocolErrors() {
  TempEngine t;
  auto server = startServer(t);
  RawClient c(server->port());
  Response unknownOp = c.call("NoSuchOperation", Json::object());
  QCOMPARE(unknownOp.status, 400);
  QCOMPARE(unknownOp.json(), Json({{"__type", "com.amazon.coral.service#UnknownOperationException"}}));
  QVERIFY(c.send(c.request("", "{}")));  // no X-Amz-Target at all
  QCOMPARE(c.read().json(), unknownOp.json());
  QVERIFY(c.send(c.request("", "{}", "X-Amz-Target: Kinesis_20131202.ListStreams\r\n")));  // another service
  QCOMPARE(c.read().json(), unknownOp.json());
  QVERIFY(c.send(c.request("", "{}", "X-Amz-Target: DynamoDBStreams_20120810.NoSuchOperation\r\n")));
  QCOMPARE(c.read().json(), unknownOp.json());
  QVERIFY(c.send(c.request("ListTables", "{not json")));
  Response malformed = c.read();
  QCOMPARE(malformed.status, 400);
  QCOMPARE(TempEngine::errorType(malformed.json()), std::string("SerializationException"));
  QCOMPARE(malformed.header("x-amz-crc32"), std::to_string(referenceCrc32(malformed.body)));
  QVERIFY(c.send("GET / HTTP/1.1\r\nHost: " + c.hostHeader() + "\r\n\r\n"));
  Response get = c.read();
  QCOMPARE(get.status, 400);
  QVERIFY(get.header("content-type").starts_with("text/plain"));
  QVERIFY(get.body.find("X-Amz-Target") != std::string::npos);
  // The connection survives all of the above.
  QCOMPARE(c.call("ListTables", Json::object()).status, 200);
  // Unframeable input: answered, then closed.
  RawClient chunked(server->port());
  QVERIFY(chunked.send("POST / HTTP/1.1\r\nHost: " + c.hostHeader() + "\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n"));
  QCOMPARE(chunked.read().status, 411);
  QVERIFY(chunked.readsEof());
  RawClient garbage(server->port());
  QVERIFY(garbage.send(std::string("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n", 15)));  // a TLS hello
  QCOMPARE(garbage.read().status, 400);
  QVERIFY(garbage.readsEof());
}

void TestHttpServer::credentialsRequired() {
  TempEngine t;
  auto server = startServer(t);
  RawClient c(server->port());
  const std::string unsigned_ = "POST / HTTP/1.1\r\nHost: " + c.hostHeader() +
                                "\r\nX-Amz-Target: DynamoDB_20120810.ListTables\r\nContent-Length: 2\r\n\r\n{}";
  QVERIFY(c.send(unsigned_));
  Response r = c.read();
  QCOMPARE(r.status, 400);
  QCOMPARE(r.json(), Json({{"__type", "com.amazon.coral.service#MissingAuthenticationTokenException"},
                           {"message", "Request is missing Authentication Token"}}));
  // Any well-formed header is enough by default, whatever its key and signature.
  QCOMPARE(c.call("ListTables", Json::object()).status, 200);
  // A target for another service is refused before the credentials are looked at, as DynamoDB does.
  QVERIFY(c.send("POST / HTTP/1.1\r\nHost: " + c.hostHeader() +
                 "\r\nX-Amz-Target: Kinesis_20131202.ListStreams\r\nContent-Length: 2\r\n\r\n{}"));
  QCOMPARE(TempEngine::errorType(c.read().json()), std::string("UnknownOperationException"));
}

void TestHttpServer::badHost() {
  TempEngine t;
  auto server = startServer(t);
  const std::string port = std::to_string(server->port());
  for (const std::string& host : std::vector<std::string>{"evil.example:" + port, "127.0.0.1:1", "127.0.0.1", "localhost.evil.example:" + port}) {
    RawClient c(server->port());
    QVERIFY(c.send("POST / HTTP/1.1\r\nHost: " + host + "\r\nX-Amz-Target: DynamoDB_20120810.ListTables\r\n" +
                   dummyAuthHeaders() + "Content-Length: 2\r\n\r\n{}"));
    Response r = c.read();
    QCOMPARE(r.status, 400);
    QVERIFY(r.body.find("DNS rebinding") != std::string::npos);
  }
  for (const std::string& host : std::vector<std::string>{"localhost:" + port, "[::1]:" + port, "127.0.0.1:" + port}) {
    RawClient c(server->port());
    QVERIFY(c.send("POST / HTTP/1.1\r\nHost: " + host + "\r\nX-Amz-Target: DynamoDB_20120810.ListTables\r\n" +
                   dummyAuthHeaders() + "Content-Length: 2\r\n\r\n{}"));
    QCOMPARE(c.read().status, 200);
  }
}

void TestHttpServer::bodyTooLarge() {
  TempEngine t;
  HttpServerOptions options;
  options.maxBodyBytes = 1000;
  auto server = startServer(t, options);
  RawClient c(server->port());
  // Only the head is sent: the answer must not wait for a body it will never read.
  QVERIFY(c.send("POST / HTTP/1.1\r\nHost: " + c.hostHeader() +
                 "\r\nX-Amz-Target: DynamoDB_20120810.PutItem\r\nContent-Length: 1001\r\n\r\n"));
  Response r = c.read();
  QCOMPARE(r.status, 413);
  QCOMPARE(TempEngine::errorType(r.json()), std::string("ValidationException"));
  QCOMPARE(r.header("connection"), std::string("close"));
  QVERIFY(c.readsEof());
  // At the limit it is fine (the engine judges the content).
  RawClient ok(server->port());
  QVERIFY(ok.send(ok.request("ListTables", "{" + std::string(998, ' ') + "}")));
  QCOMPARE(ok.read().status, 200);
}

void TestHttpServer::headerTooLarge() {
  TempEngine t;
  HttpServerOptions options;
  options.maxHeaderBytes = 4096;
  auto server = startServer(t, options);
  RawClient c(server->port());
  QVERIFY(c.send(c.request("ListTables", "{}", "X-Padding: " + std::string(5000, 'p') + "\r\n")));
  QCOMPARE(c.read().status, 431);
  QVERIFY(c.readsEof());
  RawClient endless(server->port());  // a head that never ends
  QVERIFY(endless.send("POST / HTTP/1.1\r\nHost: x\r\nX-Padding: " + std::string(8000, 'p')));
  QCOMPARE(endless.read().status, 431);
}

void TestHttpServer::expectContinue() {
  TempEngine t;
  auto server = startServer(t);
  RawClient c(server->port());
  QCOMPARE(c.call("CreateTable", createTableRequest()).status, 200);
  const std::string body = Json{{"TableName", "Tbl"}, {"Item", {{"pk", S("big")}, {"v", S(std::string(100000, 'v'))}}}}.dump();
  QVERIFY(c.send("POST / HTTP/1.1\r\nHost: " + c.hostHeader() +
                 "\r\nX-Amz-Target: DynamoDB_20120810.PutItem\r\nExpect: 100-continue\r\n" + dummyAuthHeaders() +
                 "Content-Length: " +
                 std::to_string(body.size()) + "\r\n\r\n"));
  Response interim = c.read();
  QCOMPARE(interim.status, 100);
  QVERIFY(c.send(body));
  Response r = c.read();
  QCOMPARE(r.status, 200);
  Response got = c.call("GetItem", {{"TableName", "Tbl"}, {"Key", {{"pk", S("big")}}}});
  QCOMPARE(got.json()["Item"]["v"]["S"].get<std::string>().size(), std::size_t{100000});
}

void TestHttpServer::concurrentClients() {
  TempEngine t;
  auto server = startServer(t);
  {
    RawClient c(server->port());
    QCOMPARE(c.call("CreateTable", createTableRequest()).status, 200);
  }
  constexpr int kClients = 32, kPuts = 20;
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kClients; ++i) {
    threads.emplace_back([&, i] {
      RawClient c(server->port());
      for (int k = 0; k < kPuts; ++k) {
        Response r = c.call("PutItem", {{"TableName", "Tbl"}, {"Item", {{"pk", S(std::to_string(i) + "-" + std::to_string(k))}}}});
        if (r.status == 200 && r.header("x-amz-crc32") == std::to_string(referenceCrc32(r.body))) ++ok;
      }
    });
  }
  for (auto& th : threads) th.join();
  QCOMPARE(ok.load(), kClients * kPuts);
  RawClient c(server->port());
  Response scan = c.call("Scan", {{"TableName", "Tbl"}, {"Select", "COUNT"}});
  QCOMPARE(scan.status, 200);
  QCOMPARE(scan.json()["Count"], Json(kClients * kPuts));
}

void TestHttpServer::connectionLimit() {
  TempEngine t;
  HttpServerOptions options;
  options.maxConnections = 2;
  auto server = startServer(t, options);
  auto a = std::make_unique<RawClient>(server->port());
  RawClient b(server->port());
  QCOMPARE(a->call("ListTables", Json::object()).status, 200);
  QCOMPARE(b.call("ListTables", Json::object()).status, 200);
  RawClient over(server->port());  // accepted by the kernel, closed by the server
  over.send(over.request("ListTables", "{}"));
  QCOMPARE(over.read().status, 0);
  // A slot frees when a client leaves.
  QVERIFY(a->send(a->request("ListTables", "{}", "Connection: close\r\n")));
  QCOMPARE(a->read().status, 200);
  QVERIFY(a->readsEof());
  a.reset();
  bool served = false;
  for (int attempt = 0; attempt < 100 && !served; ++attempt) {
    RawClient again(server->port());
    served = again.call("ListTables", Json::object()).status == 200;
    if (!served) QTest::qWait(20);  // the server closes a's socket on its own thread
  }
  QVERIFY(served);
}

void TestHttpServer::slowHeaderIsClosed() {
  TempEngine t;
  HttpServerOptions options;
  options.headerTimeoutMs = 200;
  auto server = startServer(t, options);
  RawClient c(server->port());
  QVERIFY(c.send("POST / HTTP/1.1\r\nHost: "));  // and nothing more
  const auto start = std::chrono::steady_clock::now();
  QVERIFY(c.readsEof());
  QVERIFY(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
}

void TestHttpServer::stopWithIdleConnections() {
  TempEngine t;
  auto server = startServer(t);
  std::vector<std::unique_ptr<RawClient>> clients;
  for (int i = 0; i < 8; ++i) {
    clients.push_back(std::make_unique<RawClient>(server->port()));
    QCOMPARE(clients.back()->call("ListTables", Json::object()).status, 200);
  }
  RawClient halfway(server->port());
  QVERIFY(halfway.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"));
  const auto start = std::chrono::steady_clock::now();
  server->stop();
  QVERIFY(std::chrono::steady_clock::now() - start < std::chrono::seconds(2));
  for (auto& c : clients) QVERIFY(c->readsEof());
  QVERIFY(halfway.readsEof());
  server->stop();  // idempotent
  RawClient refused(server->port());
  QVERIFY(!refused.connected());
}

QTEST_GUILESS_MAIN(TestHttpServer)
#include "test_http_server.moc"
