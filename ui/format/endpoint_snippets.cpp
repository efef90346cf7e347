#include "format/endpoint_snippets.h"

namespace dynadesk::ui {

QString boto3Snippet(const QString& url) {
  return QStringLiteral(
             "import boto3\n"
             "\n"
             "dynamodb = boto3.resource(\n"
             "    \"dynamodb\",\n"
             "    endpoint_url=\"%1\",\n"
             "    region_name=\"us-east-1\",\n"
             "    aws_access_key_id=\"dynadesk\",\n"
             "    aws_secret_access_key=\"dynadesk\",\n"
             ")\n"
             "print(list(dynamodb.tables.all()))\n")
      .arg(url);
}

QString awsCliSnippet(const QString& url) {
  return QStringLiteral(
             "AWS_ACCESS_KEY_ID=dynadesk AWS_SECRET_ACCESS_KEY=dynadesk \\\n"
             "  aws dynamodb list-tables --endpoint-url %1 --region us-east-1\n")
      .arg(url);
}

QString javascriptSnippet(const QString& url) {
  return QStringLiteral(
             "import { DynamoDBClient, ListTablesCommand } from \"@aws-sdk/client-dynamodb\";\n"
             "\n"
             "const client = new DynamoDBClient({\n"
             "  endpoint: \"%1\",\n"
             "  region: \"us-east-1\",\n"
             "  credentials: { accessKeyId: \"dynadesk\", secretAccessKey: \"dynadesk\" },\n"
             "});\n"
             "console.log(await client.send(new ListTablesCommand({})));\n")
      .arg(url);
}

}  // namespace dynadesk::ui
