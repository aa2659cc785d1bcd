"""End-to-end fixtures: start the real chorus binary on a loopback port and talk HTTP to it."""
import json
import os
import re
import subprocess
import threading
import time
import urllib.error
import urllib.request

import pytest

SANITIZER_REPORT = re.compile(r"ERROR: (Address|Leak|Thread|UndefinedBehavior)Sanitizer|"
                              r"WARNING: ThreadSanitizer|runtime error: ")


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "concurrency: exercises the server's threads (parallel streams, disconnects, "
        "admission, fallback, shutdown); `make tsan` runs these under ThreadSanitizer")


def pytest_addoption(parser):
    parser.addoption("--chorus-binary", default=os.environ.get("CHORUS_BINARY", "build/chorus"))
    parser.addoption("--test-models", default=os.environ.get(
        "CHORUS_TEST_MODELS", os.path.expanduser("~/.cache/chorus/test-models")),
        help="the models directory scripts/fetch-test-models.sh filled")
    parser.addoption("--without-kokoro", action="store_true",
                     help="the binary was built with -DCHORUS_KOKORO=OFF: Kokoro tests are skipped")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """A failing test shows the end of every running server's log (and the exit status of one
    that died): an aborted stream or a refused connection is otherwise unexplained."""
    outcome = yield
    report = outcome.get_result()
    if report.failed:
        for srv in list(ChorusServer.running):
            status = srv.proc.poll()
            state = "running" if status is None else f"exited with status {status}"
            report.sections.append((f"chorus on port {srv.port} ({state}): last log lines",
                                    "".join(srv.log[-80:])))


@pytest.fixture(scope="session")
def chorus_binary(request):
    path = os.path.abspath(request.config.getoption("--chorus-binary"))
    assert os.access(path, os.X_OK), f"chorus binary not found at {path}"
    return path


def env_with(**values):
    """This process's environment plus `values` (for CHORUS_* settings of a started server)."""
    env = dict(os.environ)
    env.update({k: str(v) for k, v in values.items()})
    return env


class ChorusServer:
    """A running `chorus serve` process; its log is kept for assertions."""

    running = []  # started and not yet stopped, for the failure report

    def __init__(self, binary, extra_args=(), env=None, port=0):
        args = [binary, "--log-level", "debug", "serve", "--host", "127.0.0.1", "--port", str(port),
                *extra_args]
        self.proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                     text=True, env=env)
        self.log = []
        self.port = None
        ready = threading.Event()

        def pump():
            for line in self.proc.stderr:
                self.log.append(line)
                if self.port is None and "listening on http://" in line:
                    self.port = int(line.rsplit(":", 1)[1].strip())
                    ready.set()
            ready.set()

        self._reader = threading.Thread(target=pump, daemon=True)
        self._reader.start()
        ChorusServer.running.append(self)
        if not ready.wait(60) or self.port is None:
            self.stop()
            raise RuntimeError("chorus did not start:\n" + "".join(self.log))
        self.url = f"http://127.0.0.1:{self.port}"

    def wait_for_log(self, predicate, timeout=10):
        """True once a log line satisfies `predicate`. A line written while a request is served
        reaches this process through a pipe, a moment after the response may have."""
        deadline = time.monotonic() + timeout
        while True:
            if any(predicate(line) for line in list(self.log)):
                return True
            if time.monotonic() > deadline:
                return False
            time.sleep(0.05)

    def stop(self):
        if self in ChorusServer.running:
            ChorusServer.running.remove(self)
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._reader.join(5)
        self.assert_no_sanitizer_report()

    def assert_no_sanitizer_report(self):
        """Under `make asan`/`make tsan` a sanitizer report in the server's log (a leak found at
        exit, a race) fails the test that owned the server, even when the client saw no error."""
        for i, line in enumerate(self.log):
            if SANITIZER_REPORT.search(line):
                raise AssertionError("sanitizer report from chorus:\n" + "".join(self.log[i:i + 60]))

    def request(self, method, path, body=None, headers=None, timeout=120):
        """Returns (status, headers, body bytes) without raising on HTTP errors."""
        data = body
        hdrs = dict(headers or {})
        if isinstance(body, (dict, list)):
            data = json.dumps(body).encode()
            hdrs.setdefault("Content-Type", "application/json")
        elif isinstance(body, str):
            data = body.encode()
        req = urllib.request.Request(self.url + path, data=data, method=method, headers=hdrs)
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                return resp.status, resp.headers, resp.read()
        except urllib.error.HTTPError as err:
            return err.code, err.headers, err.read()

    def oversized_request(self, path, content_type, length, prefix=b""):
        """Announces a `length`-byte body but sends only `prefix`: a server that refuses the body
        from Content-Length alone answers at once, and a client still sending would only see the
        connection close. Returns (status, body)."""
        import socket
        with socket.create_connection(("127.0.0.1", self.port), timeout=30) as sock:
            sock.sendall(f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                         f"Content-Type: {content_type}\r\nContent-Length: {length}\r\n\r\n"
                         .encode() + prefix)
            response = b""
            while True:
                piece = sock.recv(65536)
                if not piece:
                    break
                response += piece
                head, _, body = response.partition(b"\r\n\r\n")
                if b"Content-Length:" in head:
                    size = int(head.split(b"Content-Length:")[1].split(b"\r\n")[0])
                    if len(body) >= size:
                        break
        head, _, body = response.partition(b"\r\n\r\n")
        return int(head.split(b" ")[1]), body

    def speech(self, **fields):
        return self.request("POST", "/v1/audio/speech", fields)


@pytest.fixture(scope="session")
def kokoro_expected(request):
    """False only for a build made with -DCHORUS_KOKORO=OFF; then the Kokoro tests skip."""
    return not request.config.getoption("--without-kokoro")


@pytest.fixture(scope="session")
def real_models(request, kokoro_expected):
    """The real model files (scripts/fetch-test-models.sh). Missing files fail the test."""
    if not kokoro_expected:
        pytest.skip("built with -DCHORUS_KOKORO=OFF")
    root = os.path.abspath(request.config.getoption("--test-models"))
    for name in ("kokoro/kokoro-v1.0.int8.onnx", "kokoro/voices-v1.0.bin"):
        assert os.path.isfile(os.path.join(root, name)), (
            f"{root}/{name} is missing: run scripts/fetch-test-models.sh {root} (make test does)")
    return root


@pytest.fixture(scope="session")
def server(chorus_binary):
    srv = ChorusServer(chorus_binary)
    yield srv
    srv.stop()


@pytest.fixture(scope="session")
def postgres():
    """A PostgreSQL server on a loopback port for the whole session (support/postgres_server.py);
    tests take a fresh database each with postgres.create_database(). Fails without PostgreSQL."""
    from support.postgres_server import PostgresServer
    server = PostgresServer()
    try:
        server.start()
        yield server
    finally:
        server.stop()


def voice_store_flags(request, data_dir):
    """chorus serve flags for a fresh voice store of the backend `request.param` names ("sqlite"
    or "postgres"), for fixtures parametrized over both."""
    if request.param == "sqlite":
        return ["--data-dir", str(data_dir)]
    url = request.getfixturevalue("postgres").create_database()
    return ["--data-dir", str(data_dir), "--voice-store", url]


@pytest.fixture(params=["sqlite", "postgres"])
def voice_store_args(request, tmp_path):
    """chorus serve flags for a fresh voice store of each backend: the voice tests run on both."""
    return voice_store_flags(request, tmp_path)


@pytest.fixture
def start_server(chorus_binary):
    """Starts extra servers with their own flags; all are stopped after the test."""
    started = []

    def start(*args, env=None):
        srv = ChorusServer(chorus_binary, args, env=env)
        started.append(srv)
        return srv

    yield start
    for srv in started:
        srv.stop()
