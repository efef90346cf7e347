// The socket-free pieces of the HTTP endpoint: request parsing at and past its
// limits, CRC-32 against zlib's check value, request ids, the Host check.
#include <QtTest>

#include "server/crc32.h"
#include "server/host_check.h"
#include "server/http_parser.h"
#include "server/request_id.h"

using namespace dynadesk::server;

Q_DECLARE_METATYPE(std::string)

class TestHttpParser : public QObject {
  Q_OBJECT
 private slots:
  void crc32KnownValues();
  void requestIdShape();
  void hostCheck();
  void parsesPipelinedRequests();
  void parsesByteByByte();
  void rejects_data();
  void rejects();
  void continueWanted();
};

void TestHttpParser::crc32KnownValues() {
  QCOMPARE(crc32(""), 0u);
  QCOMPARE(crc32("123456789"), 0xCBF43926u);  // the standard check value of CRC-32/ISO-HDLC (zlib)
  QCOMPARE(crc32("{}"), 2745614147u);         // what DynamoDB sends for an empty object
  // The eight-bytes-at-a-time loop agrees with the plain bitwise definition at
  // every length and alignment.
  auto reference = [](std::string_view bytes) {
    std::uint32_t c = 0xFFFFFFFFu;
    for (unsigned char b : bytes) {
      c ^= b;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    }
    return c ^ 0xFFFFFFFFu;
  };
  std::string data;
  for (int i = 0; i < 300; ++i) data.push_back(static_cast<char>((i * 131 + 7) & 0xFF));
  for (std::size_t start = 0; start < 9; ++start) {
    for (std::size_t len = 0; start + len <= data.size(); len += 13) {
      const std::string_view slice(data.data() + start, len);
      QCOMPARE(crc32(slice), reference(slice));
    }
  }
}

void TestHttpParser::requestIdShape() {
  const std::string a = newRequestId(), b = newRequestId();
  QCOMPARE(a.size(), std::size_t{52});
  QVERIFY(a != b);
  for (char c : a) QVERIFY((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'));
}

void TestHttpParser::hostCheck() {
  HostCheck loop("127.0.0.1", 8000);
  QVERIFY(loop.allows("127.0.0.1:8000"));
  QVERIFY(loop.allows("LOCALHOST:8000"));
  QVERIFY(loop.allows("[::1]:8000"));
  QVERIFY(!loop.allows("127.0.0.1:8001"));
  QVERIFY(!loop.allows("127.0.0.1"));
  QVERIFY(!loop.allows("evil.example:8000"));
  QVERIFY(!loop.allows("127.0.0.1:8000x"));
  QVERIFY(!loop.allows(""));
  HostCheck other("192.168.1.5", 80);
  QVERIFY(other.allows("192.168.1.5"));
  QVERIFY(other.allows("192.168.1.5:80"));
  QVERIFY(!other.allows("localhost:80"));
  HostCheck v6("::1", 9000);
  QVERIFY(v6.allows("[::1]:9000"));
  QVERIFY(v6.allows("localhost:9000"));
  QVERIFY(HostCheck("0.0.0.0", 1).allows("anything:2"));
}

void TestHttpParser::parsesPipelinedRequests() {
  RequestParser p(HttpLimits{});
  std::string in =
      "\r\nPOST / HTTP/1.1\r\nHost: a\r\nX-Amz-Target:  DynamoDB_20120810.ListTables \r\nContent-Length: 2\r\n\r\n{}"
      "GET /x HTTP/1.0\r\n\r\n";
  QCOMPARE(p.parse(in), RequestParser::Step::Complete);
  HttpRequest r = p.takeRequest();
  QCOMPARE(r.method, std::string("POST"));
  QCOMPARE(r.body, std::string("{}"));
  QCOMPARE(std::string(*r.header("x-amz-target")), std::string("DynamoDB_20120810.ListTables"));
  QVERIFY(r.keepAlive);
  QCOMPARE(p.parse(in), RequestParser::Step::Complete);
  r = p.takeRequest();
  QCOMPARE(r.target, std::string("/x"));
  QCOMPARE(r.minorVersion, 0);
  QVERIFY(!r.keepAlive);
  QVERIFY(in.empty());
  QCOMPARE(p.parse(in), RequestParser::Step::NeedMore);
}

void TestHttpParser::parsesByteByByte() {
  const std::string wire = "POST / HTTP/1.1\r\nHost: h\r\nConnection: Close\r\nContent-Length: 5\r\n\r\nhello";
  RequestParser p(HttpLimits{});
  std::string in;
  for (std::size_t i = 0; i < wire.size(); ++i) {
    in += wire[i];
    const auto step = p.parse(in);
    QCOMPARE(step, i + 1 == wire.size() ? RequestParser::Step::Complete : RequestParser::Step::NeedMore);
  }
  HttpRequest r = p.takeRequest();
  QCOMPARE(r.body, std::string("hello"));
  QVERIFY(!r.keepAlive);
}

void TestHttpParser::rejects_data() {
  QTest::addColumn<std::string>("wire");
  QTest::addColumn<int>("status");
  const std::string big(200, 'a');
  QTest::newRow("no host") << std::string("POST / HTTP/1.1\r\n\r\n") << 400;
  QTest::newRow("two hosts") << std::string("POST / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n") << 400;
  QTest::newRow("http 2") << std::string("POST / HTTP/2.0\r\nHost: a\r\n\r\n") << 505;
  QTest::newRow("garbage") << std::string("hello\r\n\r\n") << 400;
  QTest::newRow("extra space") << std::string("POST  / HTTP/1.1\r\nHost: a\r\n\r\n") << 400;
  QTest::newRow("folded") << std::string("POST / HTTP/1.1\r\nHost: a\r\n b\r\n\r\n") << 400;
  QTest::newRow("space before colon") << std::string("POST / HTTP/1.1\r\nHost : a\r\n\r\n") << 400;
  QTest::newRow("bare lf") << std::string("POST / HTTP/1.1\nHost: a\r\n\r\n") << 400;
  QTest::newRow("nul in value") << std::string("POST / HTTP/1.1\r\nHost: a\0b\r\n\r\n", 30) << 400;
  QTest::newRow("bad length") << std::string("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n") << 400;
  QTest::newRow("length list") << std::string("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1, 1\r\n\r\n") << 400;
  QTest::newRow("conflicting lengths")
      << std::string("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n") << 400;
  QTest::newRow("huge length") << std::string("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999999999999\r\n\r\n") << 400;
  QTest::newRow("chunked") << std::string("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n") << 411;
  QTest::newRow("body too big") << std::string("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1001\r\n\r\n") << 413;
  QTest::newRow("head too big, complete") << "POST / HTTP/1.1\r\nHost: a\r\nX: " + big + "\r\n\r\n" << 431;
  QTest::newRow("head too big, endless") << "POST / HTTP/1.1\r\nHost: a\r\nX: " + big << 431;
}

void TestHttpParser::rejects() {
  QFETCH(std::string, wire);
  QFETCH(int, status);
  RequestParser p(HttpLimits{128, 1000});
  std::string in = wire;
  QCOMPARE(p.parse(in), RequestParser::Step::Failed);
  QCOMPARE(p.error().status, status);
  QVERIFY(!p.error().message.empty());
  QCOMPARE(p.parse(in), RequestParser::Step::Failed);  // stays failed
}

void TestHttpParser::continueWanted() {
  RequestParser p(HttpLimits{});
  std::string in = "POST / HTTP/1.1\r\nHost: a\r\nExpect: 100-Continue\r\nContent-Length: 3\r\n\r\n";
  QCOMPARE(p.parse(in), RequestParser::Step::NeedMore);
  QVERIFY(p.wantsContinue());
  p.markContinueSent();
  QVERIFY(!p.wantsContinue());
  in += "abc";
  QCOMPARE(p.parse(in), RequestParser::Step::Complete);
  QVERIFY(p.takeRequest().expectContinue);
  QVERIFY(!p.wantsContinue());
}

QTEST_GUILESS_MAIN(TestHttpParser)
#include "test_http_parser.moc"
