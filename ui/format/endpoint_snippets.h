// Ready-to-paste code that points a user's own program at the endpoint: the
// only changes DynamoDB code needs are the endpoint, a region and any
// credentials (Dynadesk accepts every well-formed key unless told otherwise).
#pragma once

#include <QString>

namespace dynadesk::ui {

QString boto3Snippet(const QString& endpointUrl);
QString awsCliSnippet(const QString& endpointUrl);
QString javascriptSnippet(const QString& endpointUrl);

}  // namespace dynadesk::ui
