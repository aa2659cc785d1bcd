"""A throwaway redis-server on a loopback port, for tests.

    from support.redis_server import RedisServer
    redis = RedisServer()              # or RedisServer(password="secret")
    url = redis.start()                # redis://127.0.0.1:PORT/0 (redis://:secret@... with a password)
    redis.stop()                       # the data goes with it (no persistence)
    url = redis.restart()              # same port, empty again: clients must reconnect
    redis.close()                      # stops it and deletes its directory

    with RedisServer() as redis:       # start() on entry, close() on exit
        ...

The server runs `redis-server --port N --bind 127.0.0.1 --save '' --appendonly no --dir TMP`
(also on a Unix socket, `unix_url`), and start() returns once it answers PING. Debian's
`redis-server` package provides the binary (scripts/install-deps.sh installs it; or set
CHORUS_REDIS_SERVER to a path). A missing binary raises RuntimeError: tests fail, never skip.
Servers still running when the Python process exits are stopped (atexit), and each dies with the
process that started it (PR_SET_PDEATHSIG), so a failed or killed test leaves none behind.
"""
import atexit
import ctypes
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time

_running = set()


def find_redis_server():
    configured = os.environ.get("CHORUS_REDIS_SERVER")
    path = configured or shutil.which("redis-server") or (
        "/usr/bin/redis-server" if os.access("/usr/bin/redis-server", os.X_OK) else None)
    if not path or not os.access(path, os.X_OK):
        raise RuntimeError("redis-server not found (PATH, /usr/bin or CHORUS_REDIS_SERVER): "
                           "install Debian's redis-server package (scripts/install-deps.sh does)")
    return path


def free_port():
    """A loopback TCP port nothing listens on at the moment of the call."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _die_with_parent():
    # Runs in the child between fork and exec: SIGKILL it when the test process dies.
    PR_SET_PDEATHSIG = 1
    ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


class RedisServer:
    def __init__(self, port=None, password=None):
        self.binary = find_redis_server()
        self.port = port or free_port()
        self.password = password
        self.dir = tempfile.mkdtemp(prefix="chorus-redis-")
        self.proc = None

    @property
    def url(self):
        auth = f":{self.password}@" if self.password else ""
        return f"redis://{auth}127.0.0.1:{self.port}/0"

    @property
    def unix_url(self):
        return f"unix:{self.dir}/redis.sock" + (f"?password={self.password}" if self.password else "")

    @property
    def log_path(self):
        return os.path.join(self.dir, "redis.log")

    def start(self, timeout=10):
        """Starts the server (if not running) and waits for PING. Returns the URL."""
        if self.proc and self.proc.poll() is None:
            return self.url
        args = [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
                "--appendonly", "no", "--dir", self.dir, "--unixsocket",
                os.path.join(self.dir, "redis.sock"), "--unixsocketperm", "700",
                "--daemonize", "no", "--logfile", self.log_path]
        if self.password:
            args += ["--requirepass", self.password]
        self.proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL, preexec_fn=_die_with_parent)
        _running.add(self)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"redis-server exited at start ({self.proc.returncode}):\n"
                                   + self._log_tail())
            if self.ping():
                return self.url
            time.sleep(0.02)
        self.stop()
        raise RuntimeError(f"redis-server did not answer PING within {timeout} s:\n"
                           + self._log_tail())

    def ping(self):
        """True when the server answers (PING, after AUTH when it has a password)."""
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1) as sock:
                if self.password:
                    sock.sendall(self.command_bytes("AUTH", self.password))
                    if not sock.recv(64).startswith(b"+OK"):
                        return False
                sock.sendall(b"PING\r\n")
                return sock.recv(64).startswith(b"+PONG")
        except OSError:
            return False

    def command(self, *args):
        """Sends one command and returns the raw reply bytes (enough for tests: SET, GET, ...)."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=5) as sock:
            if self.password:
                sock.sendall(self.command_bytes("AUTH", self.password))
                sock.recv(64)
            sock.sendall(self.command_bytes(*args))
            return sock.recv(1 << 20)

    @staticmethod
    def command_bytes(*args):
        parts = [f"*{len(args)}\r\n".encode()]
        for arg in args:
            data = arg if isinstance(arg, bytes) else str(arg).encode()
            parts.append(f"${len(data)}\r\n".encode() + data + b"\r\n")
        return b"".join(parts)

    def stop(self):
        """Stops the server (SIGTERM, SIGKILL after 5 s). Safe to call when it is not running."""
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGCONT)  # a paused server cannot act on SIGTERM
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        _running.discard(self)

    def restart(self):
        """Stops and starts again on the same port (empty: there is no persistence)."""
        self.stop()
        return self.start()

    def close(self):
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.close()

    def _log_tail(self):
        try:
            with open(self.log_path, errors="replace") as log:
                return "".join(log.readlines()[-20:])
        except OSError:
            return "(no log)"


@atexit.register
def _stop_all():
    for server in list(_running):
        server.stop()
