#!/usr/bin/python3
"""Runs one command against a fresh dynadesk-server, the way a user's code would meet it.

    with_server.py SERVER_BINARY -- COMMAND [ARGS...]

Starts SERVER_BINARY on 127.0.0.1 with a free port (--port 0) and a new empty
data folder, waits for its "listening on http://..." line, then runs COMMAND
with these in its environment:

    DYNADESK_ENDPOINT        the URL it serves, e.g. http://127.0.0.1:41234
    AWS_ACCESS_KEY_ID        fakeMyKeyId       (any well-formed key is accepted)
    AWS_SECRET_ACCESS_KEY    fakeSecretAccessKey
    AWS_DEFAULT_REGION       us-east-1
    AWS_REGION               us-east-1
    DYNADESK_SERVER_BINARY   SERVER_BINARY, for tests that run servers of their own
    plus settings that keep the clients away from the user's own ~/.aws files.

The server is stopped with SIGTERM afterwards; the exit code is COMMAND's, or 1
when the server did not start or did not stop cleanly (exit 0 within 20 s).
Extra server flags may be passed before "--" after the binary.
"""
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading


def main(argv):
    if "--" not in argv:
        print("usage: with_server.py SERVER [SERVER_FLAGS...] -- COMMAND [ARGS...]", file=sys.stderr)
        return 2
    split = argv.index("--")
    server_cmd, command = argv[1:split], argv[split + 1:]
    data_dir = tempfile.mkdtemp(prefix="dynadesk-conformance-")
    home = tempfile.mkdtemp(prefix="dynadesk-conformance-home-")
    server = subprocess.Popen(
        server_cmd + ["--host", "127.0.0.1", "--port", "0", "--data-dir", data_dir],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        url = None
        first_lines = []
        timer = threading.Timer(20, server.kill)  # a server that never says it is ready
        timer.start()
        for line in server.stdout:
            first_lines.append(line)
            match = re.search(r"listening on (http://\S+)", line)
            if match:
                url = match.group(1)
                break
        timer.cancel()
        if url is None:
            print("dynadesk-server did not start:\n" + "".join(first_lines), file=sys.stderr)
            return 1
        # Keep draining the server's output so it never blocks on a full pipe.
        threading.Thread(target=lambda: [sys.stderr.write("[server] " + l) for l in server.stdout],
                         daemon=True).start()

        env = dict(os.environ)
        env.update({
            "DYNADESK_ENDPOINT": url,
            "DYNADESK_SERVER_BINARY": os.path.abspath(server_cmd[0]),
            "AWS_ACCESS_KEY_ID": "fakeMyKeyId",
            "AWS_SECRET_ACCESS_KEY": "fakeSecretAccessKey",
            "AWS_DEFAULT_REGION": "us-east-1",
            "AWS_REGION": "us-east-1",
            "AWS_CONFIG_FILE": os.path.join(home, "config"),
            "AWS_SHARED_CREDENTIALS_FILE": os.path.join(home, "credentials"),
            "AWS_EC2_METADATA_DISABLED": "true",
            "AWS_PAGER": "",
            "HOME": home,
        })
        env.pop("AWS_PROFILE", None)
        env.pop("AWS_SESSION_TOKEN", None)
        result = subprocess.run(command, env=env)
        code = result.returncode
    finally:
        if server.poll() is None:
            server.send_signal(signal.SIGTERM)
        try:
            server_code = server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server_code = "killed after 20 s"
        shutil.rmtree(data_dir, ignore_errors=True)
        shutil.rmtree(home, ignore_errors=True)
    if server_code != 0:
        print(f"dynadesk-server did not stop cleanly: {server_code}", file=sys.stderr)
        return code or 1
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv))
