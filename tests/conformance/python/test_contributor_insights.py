"""Contributor Insights through boto3: the DynamoDB client turns it on and off
and describes and lists it; the CloudWatch client reads the rules' reports
(GetInsightRuleReport over the query protocol), where the hot key leads.
"""
import datetime

import boto3
import botocore.exceptions
import pytest


@pytest.fixture
def cloudwatch(aws):
    return boto3.client("cloudwatch", region_name="us-east-1", **aws)


def create_music(client, name):
    client.create_table(TableName=name,
                        KeySchema=[{"AttributeName": "Artist", "KeyType": "HASH"},
                                   {"AttributeName": "Song", "KeyType": "RANGE"}],
                        AttributeDefinitions=[{"AttributeName": "Artist", "AttributeType": "S"},
                                              {"AttributeName": "Song", "AttributeType": "S"}],
                        BillingMode="PAY_PER_REQUEST")
    client.get_waiter("table_exists").wait(TableName=name)


def report(cloudwatch, rule, **extra):
    now = datetime.datetime.now(datetime.timezone.utc)
    return cloudwatch.get_insight_rule_report(RuleName=rule, StartTime=now - datetime.timedelta(hours=1),
                                              EndTime=now + datetime.timedelta(minutes=2), Period=60, **extra)


def test_enable_describe_list_and_report(client, cloudwatch, unique_name):
    name = unique_name("Insights")
    create_music(client, name)
    assert client.describe_contributor_insights(TableName=name)["ContributorInsightsStatus"] == "DISABLED"

    answer = client.update_contributor_insights(TableName=name, ContributorInsightsAction="ENABLE")
    assert answer["TableName"] == name
    assert answer["ContributorInsightsStatus"] == "ENABLING"
    described = client.describe_contributor_insights(TableName=name)
    assert described["ContributorInsightsStatus"] == "ENABLED"
    rules = described["ContributorInsightsRuleList"]
    assert [r.split("-")[1] for r in rules] == ["PKC", "PKT", "SKC", "SKT"]
    assert all(r.startswith("DynamoDBContributorInsights-") and f"-{name}-" in r for r in rules)
    assert isinstance(described["LastUpdateDateTime"], datetime.datetime)

    summaries = client.list_contributor_insights(TableName=name)["ContributorInsightsSummaries"]
    assert [(s["TableName"], s["ContributorInsightsStatus"]) for s in summaries] == [(name, "ENABLED")]

    for i in range(10):
        client.put_item(TableName=name, Item={"Artist": {"S": "Hot"}, "Song": {"S": f"s{i}"}})
    client.put_item(TableName=name, Item={"Artist": {"S": "Cold"}, "Song": {"S": "s"}})

    pkc = report(cloudwatch, rules[0], MaxContributorCount=5, Metrics=["Sum", "UniqueContributors"])
    assert pkc["KeyLabels"] == ["Artist"]
    assert pkc["AggregationStatistic"] == "Sum"
    assert pkc["AggregateValue"] == 11.0
    assert pkc["ApproximateUniqueCount"] == 2
    assert [c["Keys"] for c in pkc["Contributors"]] == [["Hot"], ["Cold"]]
    assert pkc["Contributors"][0]["ApproximateAggregateValue"] == 10.0
    assert isinstance(pkc["Contributors"][0]["Datapoints"][0]["Timestamp"], datetime.datetime)
    assert sum(p["Sum"] for p in pkc["MetricDatapoints"]) == 11.0

    skc = report(cloudwatch, rules[2], MaxContributorCount=1)
    assert skc["KeyLabels"] == ["Artist", "Song"]
    assert len(skc["Contributors"]) == 1

    client.update_contributor_insights(TableName=name, ContributorInsightsAction="DISABLE")
    assert client.describe_contributor_insights(TableName=name)["ContributorInsightsStatus"] == "DISABLED"
    with pytest.raises(botocore.exceptions.ClientError) as e:
        report(cloudwatch, rules[0])
    assert e.value.response["Error"]["Code"] == "ResourceNotFoundException"


def test_errors(client, cloudwatch, unique_name):
    with pytest.raises(botocore.exceptions.ClientError) as e:
        client.describe_contributor_insights(TableName=unique_name("Missing"))
    assert e.value.response["Error"]["Code"] == "ResourceNotFoundException"
    with pytest.raises(botocore.exceptions.ClientError) as e:
        report(cloudwatch, "DynamoDBContributorInsights-PKC-nothing-1")
    assert e.value.response["Error"]["Code"] == "ResourceNotFoundException"
