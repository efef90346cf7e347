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


def start_server(data_dir, *extra_args):
    """A dynadesk-server of the test's own on `data_dir` and a free port, for
    tests that kill and restart it or need other options (`extra_args`; the
    binary comes from with_server.py). Returns (process, endpoint URL); its
    output is drained in the background."""
    import os
    import re
    import subprocess
    import threading

    binary = os.environ.get("DYNADESK_SERVER_BINARY")
    assert binary, "run through with_server.py, which names the server binary"
    server = subprocess.Popen([binary, "--host", "127.0.0.1", "--port", "0", "--data-dir", data_dir, *extra_args],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    for line in server.stdout:
        match = re.search(r"listening on (http://\S+)", line)
        if match:
            threading.Thread(target=lambda: [None for _ in server.stdout], daemon=True).start()
            return server, match.group(1)
    raise AssertionError("server did not start")


def no_retry_kwargs(url):
    """boto3 keyword arguments for `url` without retries (total_max_attempts
    counts the first try; botocore's max_attempts would allow one retry): once a
    test kills the server, its writers stop at once."""
    from botocore.config import Config
    return dict(region_name="us-east-1", endpoint_url=url, aws_access_key_id="k", aws_secret_access_key="s",
                config=Config(retries={"total_max_attempts": 1, "mode": "standard"}))
