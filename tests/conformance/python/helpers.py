"""Small helpers the test files share (fixtures live in conftest.py)."""
from decimal import Decimal


def error_of(excinfo):
    """(code, message) of a botocore ClientError caught by pytest.raises."""
    err = excinfo.value.response["Error"]
    return err["Code"], err["Message"]


def printed(capsys):
    """What the code under test printed since the last call, as a list of lines."""
    return capsys.readouterr().out.splitlines()


def printed_value(line, prefix):
    """The Python value a seed printed after `prefix`, e.g. print("Items:", items).

    boto3 returns numbers as Decimal, so the printed text is evaluated with
    Decimal in scope; the result is compared with what DynamoDB returns, not with
    the text (DynamoDB does not promise the order of attributes in an item)."""
    assert line.startswith(prefix), line
    return eval(line[len(prefix):], {"__builtins__": {}, "Decimal": Decimal})
