"""boto3 against a dynadesk-server that verifies SigV4 signatures.

Run by with_server.py, which starts the server with
--verify-signatures $DYNADESK_CREDENTIALS_FILE and sets DYNADESK_ENDPOINT.
The keys come from that same file, read here the way the AWS tools read it.
"""
import configparser
import datetime
import json
import os
import unittest.mock
import urllib.error
import urllib.request

import boto3
import botocore
import botocore.auth
import botocore.awsrequest
import botocore.config
import botocore.credentials
import pytest
from botocore.exceptions import ClientError

ENDPOINT = os.environ["DYNADESK_ENDPOINT"]
_profiles = configparser.ConfigParser()
_profiles.read(os.environ["DYNADESK_CREDENTIALS_FILE"])
KEY1 = (_profiles["default"]["aws_access_key_id"], _profiles["default"]["aws_secret_access_key"])
KEY2 = (_profiles["ci"]["aws_access_key_id"], _profiles["ci"]["aws_secret_access_key"])

# One attempt: an error must come back as it is, not be retried away.
NO_RETRIES = botocore.config.Config(retries={"total_max_attempts": 1, "mode": "standard"})


def client(key_id, secret, region="us-east-1", **config):
    return boto3.client("dynamodb", endpoint_url=ENDPOINT, region_name=region,
                        aws_access_key_id=key_id, aws_secret_access_key=secret,
                        config=NO_RETRIES.merge(botocore.config.Config(**config)))


def error_of(excinfo):
    error = excinfo.value.response["Error"]
    return error["Code"], error["Message"], excinfo.value.response["ResponseMetadata"]["HTTPStatusCode"]


def test_right_keys_work():
    ddb = client(*KEY1)
    ddb.create_table(TableName="Signed",
                     AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                     KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                     BillingMode="PAY_PER_REQUEST")
    ddb.put_item(TableName="Signed", Item={"pk": {"S": "a"}, "text": {"S": "héllo  wörld"}})
    # The second key, from another profile, signing for another region.
    other = client(*KEY2, region="eu-central-1")
    item = other.get_item(TableName="Signed", Key={"pk": {"S": "a"}})["Item"]
    assert item["text"] == {"S": "héllo  wörld"}
    assert "Signed" in other.list_tables()["TableNames"]


def test_wrong_secret_is_invalid_signature():
    with pytest.raises(ClientError) as excinfo:
        client(KEY1[0], "not-the-secret").list_tables()
    code, message, status = error_of(excinfo)
    assert (code, status) == ("InvalidSignatureException", 400)
    assert message.startswith("The request signature we calculated does not match the signature you provided.")
    assert "The Canonical String for this request should have been" in message


def test_unknown_key_is_unrecognized():
    with pytest.raises(ClientError) as excinfo:
        client("AKIAUNKNOWNKEY", KEY1[1]).list_tables()
    assert error_of(excinfo) == ("UnrecognizedClientException",
                                 "The security token included in the request is invalid.", 400)


def test_unsigned_request_is_missing_token():
    with pytest.raises(ClientError) as excinfo:
        client(*KEY1, signature_version=botocore.UNSIGNED).list_tables()
    assert error_of(excinfo) == ("MissingAuthenticationTokenException",
                                 "Request is missing Authentication Token", 400)


def signed_request(body, when=None):
    """A ListTables request signed by botocore's own SigV4 signer, optionally at another time."""
    request = botocore.awsrequest.AWSRequest(
        method="POST", url=ENDPOINT + "/", data=body,
        headers={"Content-Type": "application/x-amz-json-1.0",
                 "X-Amz-Target": "DynamoDB_20120810.ListTables"})
    signer = botocore.auth.SigV4Auth(botocore.credentials.Credentials(*KEY1), "dynamodb", "us-east-1")
    if when is None:
        signer.add_auth(request)
    else:
        with unittest.mock.patch("botocore.auth.datetime") as clock:
            clock.datetime.utcnow.return_value = when
            clock.datetime.now.return_value = when
            signer.add_auth(request)
    return request


def send(request, body):
    raw = urllib.request.Request(request.url, data=body, method="POST", headers=dict(request.headers.items()))
    try:
        with urllib.request.urlopen(raw, timeout=30) as answer:
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as failure:
        return failure.code, json.loads(failure.read())


def test_signed_by_hand_works():
    request = signed_request(b"{}")
    assert send(request, b"{}")[0] == 200


def test_old_signature_is_expired():
    long_ago = datetime.datetime.utcnow() - datetime.timedelta(minutes=20)
    status, answer = send(signed_request(b"{}", when=long_ago), b"{}")
    assert status == 400
    assert answer["__type"] == "com.amazon.coral.service#InvalidSignatureException"
    assert answer["message"].startswith("Signature expired: " + long_ago.strftime("%Y%m%dT%H%M%SZ") +
                                        " is now earlier than ")
    assert answer["message"].endswith(" - 15 min.)")


def test_body_changed_after_signing_is_refused():
    request = signed_request(b'{"Limit": 1}')
    status, answer = send(request, b'{"Limit": 9}')
    assert status == 400
    assert answer["__type"] == "com.amazon.coral.service#InvalidSignatureException"
