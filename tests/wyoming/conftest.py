"""Fixtures for the Wyoming tests: the real chorus binary with its Wyoming listener on, spoken to
with the `wyoming` package (the library Home Assistant uses). These tests run with the Python of
the venv made by scripts/test-venv.sh; the e2e helpers are shared from tests/e2e/."""
import importlib.util
import os
import re
import sys

import pytest

E2E = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "e2e")
sys.path.insert(0, E2E)

_spec = importlib.util.spec_from_file_location("e2e_conftest", os.path.join(E2E, "conftest.py"))
e2e = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(e2e)

WYOMING_LISTENING = re.compile(r"Wyoming \(Home Assistant\) listening on tcp://[^:]+:(\d+)")


def pytest_configure(config):
    e2e.pytest_configure(config)


def pytest_addoption(parser):
    e2e.pytest_addoption(parser)


chorus_binary = e2e.chorus_binary


class WyomingChorus(e2e.ChorusServer):
    """`chorus serve` with `--wyoming-port 0`; `wyoming_port` is the port it bound."""

    def __init__(self, binary, extra_args=(), env=None):
        super().__init__(binary, ["--wyoming-port", "0", *extra_args], env=env)
        ports = [WYOMING_LISTENING.search(line) for line in self.log]
        ports = [int(m.group(1)) for m in ports if m]
        if not ports:
            self.stop()
            raise RuntimeError("no Wyoming listener:\n" + "".join(self.log))
        self.wyoming_port = ports[0]


@pytest.fixture(scope="session")
def wyoming_server(chorus_binary, tmp_path_factory):
    srv = WyomingChorus(chorus_binary,
                        ["--data-dir", str(tmp_path_factory.mktemp("wyoming-data"))])
    yield srv
    srv.stop()


@pytest.fixture
def start_wyoming(chorus_binary):
    """Extra servers with their own settings (environment); stopped after the test."""
    started = []

    def start(*args, env=None):
        srv = WyomingChorus(chorus_binary, args, env=env)
        started.append(srv)
        return srv
    yield start
    for srv in started:
        srv.stop()
