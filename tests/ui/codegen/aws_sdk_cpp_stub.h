// Declarations of the slice of the AWS SDK for C++ that the generated C++
// uses, with the signatures of the SDK's own headers (aws-sdk-cpp 1.11:
// aws/dynamodb/model/AttributeValue.h, QueryRequest.h, ScanRequest.h,
// DynamoDBClient.h, aws/core/...). The SDK is not packaged for Debian, so
// test_code_generator compiles the generated programs against this with
// -fsyntax-only: it proves the text is well-formed C++ that calls the API
// with the right types, not that it links. Declarations only, no behaviour.
#pragma once

#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace Aws {
using String = std::string;
template <class K, class V>
using Map = std::map<K, V>;
template <class T>
using Vector = std::vector<T>;
struct SDKOptions {};
void InitAPI(const SDKOptions& options);
void ShutdownAPI(const SDKOptions& options);

namespace Utils {
class ByteBuffer {
 public:
  ByteBuffer();
};
class HashingUtils {
 public:
  static ByteBuffer Base64Decode(const Aws::String& text);
};
namespace Json {
class JsonView {
 public:
  Aws::String WriteCompact(bool treatAsObject = true) const;
};
class JsonValue {
 public:
  JsonValue();
  JsonValue& WithObject(const Aws::String& key, const JsonValue& value);
  JsonValue& WithObject(const Aws::String& key, JsonValue&& value);
  JsonView View() const;
};
}  // namespace Json
}  // namespace Utils

namespace Auth {
class AWSCredentials {
 public:
  AWSCredentials(const Aws::String& accessKeyId, const Aws::String& secretKey);
};
}  // namespace Auth

namespace Client {
struct ClientConfiguration {
  Aws::String region;
  Aws::String endpointOverride;
};
class AWSError {
 public:
  const Aws::String& GetExceptionName() const;
  const Aws::String& GetMessage() const;
};
}  // namespace Client

namespace DynamoDB {
namespace Model {

class AttributeValue {
 public:
  AttributeValue();
  AttributeValue& SetS(const Aws::String& s);
  AttributeValue& SetS(const char* s);
  AttributeValue& SetN(const Aws::String& n);
  AttributeValue& SetN(const char* n);
  AttributeValue& SetB(const Aws::Utils::ByteBuffer& b);
  AttributeValue& SetSS(const Aws::Vector<Aws::String>& ss);
  AttributeValue& SetNS(const Aws::Vector<Aws::String>& ns);
  AttributeValue& SetBS(const Aws::Vector<Aws::Utils::ByteBuffer>& bs);
  AttributeValue& SetM(const Aws::Map<Aws::String, const std::shared_ptr<AttributeValue>>& map);
  AttributeValue& AddMEntry(const Aws::String& key, const std::shared_ptr<AttributeValue>& value);
  AttributeValue& AddMEntry(const char* key, const std::shared_ptr<AttributeValue>& value);
  AttributeValue& SetL(const Aws::Vector<std::shared_ptr<AttributeValue>>& list);
  AttributeValue& AddLItem(const std::shared_ptr<AttributeValue>& item);
  AttributeValue& SetBool(bool value);
  AttributeValue& SetNull(bool value);
  Aws::Utils::Json::JsonValue Jsonize() const;
};

enum class Select { NOT_SET, ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES, SPECIFIC_ATTRIBUTES, COUNT };
enum class ReturnConsumedCapacity { NOT_SET, INDEXES, TOTAL, NONE };

class ConsumedCapacity {
 public:
  Aws::Utils::Json::JsonValue Jsonize() const;
};

using Key = Aws::Map<Aws::String, AttributeValue>;

// The members QueryRequest and ScanRequest share, spelled as the SDK's
// generated setters (templated Add* taking forwarding references).
template <class Self>
class ReadRequest {
 public:
  template <class T>
  Self& WithTableName(T&& value);
  template <class T>
  void SetTableName(T&& value);
  template <class T>
  void SetIndexName(T&& value);
  void SetSelect(Select value);
  void SetLimit(int value);
  void SetConsistentRead(bool value);
  template <class T>
  void SetFilterExpression(T&& value);
  template <class T>
  void SetProjectionExpression(T&& value);
  template <class T>
  void SetExpressionAttributeNames(T&& value);
  template <class K, class V>
  Self& AddExpressionAttributeNames(K&& key, V&& value);
  template <class T>
  void SetExpressionAttributeValues(T&& value);
  template <class K, class V>
  Self& AddExpressionAttributeValues(K&& key, V&& value);
  template <class T>
  void SetExclusiveStartKey(T&& value);
  template <class K, class V>
  Self& AddExclusiveStartKey(K&& key, V&& value);
  void SetReturnConsumedCapacity(ReturnConsumedCapacity value);
};

class QueryRequest : public ReadRequest<QueryRequest> {
 public:
  template <class T>
  void SetKeyConditionExpression(T&& value);
  void SetScanIndexForward(bool value);
};

class ScanRequest : public ReadRequest<ScanRequest> {
 public:
  void SetSegment(int value);
  void SetTotalSegments(int value);
};

class ReadResult {
 public:
  const Aws::Vector<Key>& GetItems() const;
  int GetCount() const;
  int GetScannedCount() const;
  const Key& GetLastEvaluatedKey() const;
  const ConsumedCapacity& GetConsumedCapacity() const;
};
class QueryResult : public ReadResult {};
class ScanResult : public ReadResult {};

}  // namespace Model

template <class R>
class Outcome {
 public:
  bool IsSuccess() const;
  const R& GetResult() const;
  const Aws::Client::AWSError& GetError() const;
};

class DynamoDBClient {
 public:
  explicit DynamoDBClient(const Aws::Client::ClientConfiguration& configuration);
  DynamoDBClient(const Aws::Auth::AWSCredentials& credentials, const Aws::Client::ClientConfiguration& configuration);
  Outcome<Model::QueryResult> Query(const Model::QueryRequest& request) const;
  Outcome<Model::ScanResult> Scan(const Model::ScanRequest& request) const;
};

}  // namespace DynamoDB
}  // namespace Aws
