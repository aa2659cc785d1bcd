"""Static checks of the deployment files in deploy/ against the built binary."""
import os
import re
import subprocess

import pytest


def pytest_addoption(parser):
    parser.addoption("--chorus-binary", default=os.environ.get("CHORUS_BINARY", "build/chorus"))


@pytest.fixture(scope="session")
def chorus_binary(request):
    path = os.path.abspath(request.config.getoption("--chorus-binary"))
    assert os.access(path, os.X_OK), f"chorus binary not found at {path}"
    return path


def _flags(text):
    return set(re.findall(r"(?<![\w-])--[a-z][a-z0-9-]*", text))


@pytest.fixture(scope="session")
def known_flags(chorus_binary):
    """Every flag `chorus --help` and `chorus serve --help` list."""
    top = subprocess.run([chorus_binary, "--help"], capture_output=True, text=True, check=True)
    serve = subprocess.run([chorus_binary, "serve", "--help"], capture_output=True, text=True,
                           check=True)
    return _flags(top.stdout) | _flags(serve.stdout)


@pytest.fixture(scope="session")
def effective_config(chorus_binary, tmp_path_factory):
    """`chorus config show` with no file: the defaults, as TOML text."""
    empty = tmp_path_factory.mktemp("config") / "empty.toml"
    empty.write_text("")
    result = subprocess.run([chorus_binary, "--config", str(empty), "config", "show"],
                            capture_output=True, text=True, check=True,
                            env={k: v for k, v in os.environ.items() if not k.startswith("CHORUS_")})
    return result.stdout


@pytest.fixture(scope="session")
def known_env(effective_config):
    """The CHORUS_* environment variable of every configuration key."""
    return set(re.findall(r"\(env (CHORUS_[A-Z0-9_]+)\)", effective_config))


@pytest.fixture(scope="session")
def default_setting(effective_config):
    """The default value of a key of `chorus config show`, by its dotted name."""
    def lookup(key):
        table, _, name = key.rpartition(".")
        section = "" if not table else table
        current = ""
        for line in effective_config.splitlines():
            header = re.match(r"^\[([^\]]+)\]$", line)
            if header:
                current = header.group(1)
            elif current == section and re.match(rf"^{re.escape(name)} = ", line):
                return line.split(" = ", 1)[1].split("#")[0].strip()
        raise KeyError(key)
    return lookup
