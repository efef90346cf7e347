"""Running Debian's AWS CLI v2 against the server under test, as the CLI suites do.

with_server.py sets DYNADESK_ENDPOINT and fake credentials; run_aws() adds
--endpoint-url and --output json to the command a user would type and returns
its exit code, stdout and stderr.
"""
import json
import os
import subprocess

import pytest

AWS = "/usr/bin/aws"  # Debian's awscli package; a pyenv shim may shadow `aws` on PATH
ENDPOINT = os.environ.get("DYNADESK_ENDPOINT")

if ENDPOINT is None:
    pytest.fail("DYNADESK_ENDPOINT is not set: run this suite through ctest (tests/conformance/with_server.py)",
                pytrace=False)

# The CLI's exit codes (aws help return-codes).
EXIT_OK = 0
EXIT_SERVICE_ERROR = 254
EXIT_PARAM_ERROR = 252


class Run:
    def __init__(self, proc):
        self.code = proc.returncode
        self.out = proc.stdout
        self.err = proc.stderr

    def json(self):
        assert self.out.strip(), f"expected JSON on stdout, got nothing (stderr: {self.err!r})"
        return json.loads(self.out)

    def __repr__(self):
        return f"exit {self.code}\nstdout: {self.out}\nstderr: {self.err}"


def run_aws(service, *args, expect=EXIT_OK, timeout=120):
    """Runs `aws SERVICE ARGS... --endpoint-url $DYNADESK_ENDPOINT --output json`;
    with `expect` (not None), the exit code must be that."""
    cmd = [AWS, service, *args, "--endpoint-url", ENDPOINT, "--output", "json"]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout,
                          env=dict(os.environ, AWS_PAGER="", AWS_CLI_AUTO_PROMPT="off"))
    run = Run(proc)
    if expect is not None:
        assert run.code == expect, f"{service} {' '.join(args[:1])}: {run!r}"
    return run
