"""A throwaway PostgreSQL server on a loopback port, for tests.

    from support.postgres_server import PostgresServer
    pg = PostgresServer()
    url = pg.start()             # postgresql://chorus@127.0.0.1:PORT/postgres
    db = pg.create_database()    # a fresh, empty database: postgresql://.../test_xxxx
    pg.query(db, "SELECT count(*) FROM voices")   # -> "0" (psql, unaligned, no headers)
    pg.pause(); pg.resume()      # down (data kept) and up again
    pg.restart()                 # same port, same data: clients must reconnect
    pg.stop()                    # stops the server and deletes its files

Debian's `postgresql` package provides the binaries (/usr/lib/postgresql/<version>/bin, or set
CHORUS_POSTGRES_BIN). Missing binaries raise RuntimeError: tests fail, never skip. PostgreSQL
refuses to run as root, so under uid 0 every server command runs as the `postgres` user (else
`nobody`) through runuser, in a temporary directory that user owns.

As a script (ctest fixtures), the server outlives the command; its state is kept in STATE_DIR:
    python3 postgres_server.py start STATE_DIR   # prints the URL, also written to STATE_DIR/url
    python3 postgres_server.py stop STATE_DIR
    python3 postgres_server.py restart|pause|resume STATE_DIR   # the server started there
"""
import glob
import json
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import uuid

SUPERUSER = "chorus"


def find_bin_dir():
    configured = os.environ.get("CHORUS_POSTGRES_BIN")
    candidates = [configured] if configured else sorted(
        glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]), reverse=True)
    for directory in candidates:
        if directory and os.path.exists(os.path.join(directory, "postgres")):
            return directory
    raise RuntimeError("PostgreSQL server binaries not found (looked in "
                       + (configured or "/usr/lib/postgresql/*/bin")
                       + "): install Debian's postgresql package (scripts/install-deps.sh)")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PostgresServer:
    def __init__(self):
        self.bin_dir = find_bin_dir()
        self.user = None
        if os.geteuid() == 0:
            for name in ("postgres", "nobody"):
                try:
                    self.user = pwd.getpwnam(name)
                    break
                except KeyError:
                    pass
            if self.user is None:
                raise RuntimeError("running as root and neither a 'postgres' nor a 'nobody' user exists")
        self.base = None
        self.port = None
        self.url = None

    @property
    def data_dir(self):
        return os.path.join(self.base, "data")

    def _run(self, *args, check=True):
        command = [os.path.join(self.bin_dir, args[0]), *args[1:]]
        if self.user is not None:
            command = ["runuser", "-u", self.user.pw_name, "--", *command]
        result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                text=True, cwd=self.base)
        if check and result.returncode != 0:
            log = ""
            try:
                with open(os.path.join(self.base, "server.log")) as f:
                    log = f.read()[-3000:]
            except OSError:
                pass
            raise RuntimeError(f"{' '.join(args[:2])} failed ({result.returncode}):\n"
                               f"{result.stdout}\n{log}")
        return result

    def start(self, port=None):
        """Creates a cluster in a temporary directory and starts it on 127.0.0.1:port (a free
        port when None). Returns the superuser URL of the `postgres` database."""
        self.base = tempfile.mkdtemp(prefix="chorus-pg-")
        os.chmod(self.base, 0o700)
        if self.user is not None:
            os.chown(self.base, self.user.pw_uid, self.user.pw_gid)
        self._run("initdb", "-D", self.data_dir, "-U", SUPERUSER, "--auth=trust", "-E", "UTF8",
                  "--no-sync", "--no-instructions")
        for attempt in range(3):
            self.port = port or free_port()
            with open(os.path.join(self.data_dir, "postgresql.auto.conf"), "a") as conf:
                # Tests need no durability; sockets stay inside the temporary directory.
                conf.write(f"port = {self.port}\nlisten_addresses = '127.0.0.1'\n"
                           f"unix_socket_directories = '{self.base}'\nfsync = off\n"
                           "synchronous_commit = off\nfull_page_writes = off\n")
            if self._pg_ctl("start", check=port is not None or attempt == 2).returncode == 0:
                break
        self.url = f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/postgres"
        return self.url

    def _pg_ctl(self, action, check=True):
        return self._run("pg_ctl", "-D", self.data_dir, "-l", os.path.join(self.base, "server.log"),
                         "-w", "-t", "60", "-m", "fast", action, check=check)

    def restart(self):
        """Stops and starts the server (same port and data): open connections break."""
        self._pg_ctl("restart")

    def pause(self):
        """Stops the server, keeping its data, until resume()."""
        self._pg_ctl("stop")

    def resume(self):
        self._pg_ctl("start")

    def stop(self):
        """Stops the server and deletes its files. Safe to call twice."""
        if self.base is None:
            return
        if os.path.exists(os.path.join(self.data_dir, "postmaster.pid")):
            self._pg_ctl("stop", check=False)
        shutil.rmtree(self.base, ignore_errors=True)
        self.base = None

    def database_url(self, name):
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{name}"

    def create_database(self, name=None):
        """A new empty database; returns its URL."""
        name = name or "test_" + uuid.uuid4().hex[:12]
        self._run("psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", SUPERUSER, "-d",
                  "postgres", "-v", "ON_ERROR_STOP=1", "-q", "-c", f'CREATE DATABASE "{name}"')
        return self.database_url(name)

    def query(self, database_url, sql):
        """Runs `sql` with psql on the database of `database_url`; returns its output, unaligned
        and without headers (one line per row, columns separated by '|')."""
        name = database_url.rsplit("/", 1)[1].split("?")[0]
        result = self._run("psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", SUPERUSER, "-d",
                           name, "-v", "ON_ERROR_STOP=1", "-q", "-A", "-t", "-c", sql)
        return result.stdout.strip()

    def state(self):
        return {"base": self.base, "port": self.port, "url": self.url, "bin_dir": self.bin_dir}

    @classmethod
    def from_state(cls, state):
        server = cls()
        server.base, server.port, server.url = state["base"], state["port"], state["url"]
        server.bin_dir = state["bin_dir"]
        return server


def _main(argv):
    if len(argv) != 3 or argv[1] not in ("start", "stop", "restart", "pause", "resume"):
        print(__doc__, file=sys.stderr)
        return 2
    state_dir = argv[2]
    state_file = os.path.join(state_dir, "postgres.json")
    if argv[1] in ("restart", "pause", "resume"):
        with open(state_file) as f:
            getattr(PostgresServer.from_state(json.load(f)), argv[1])()
        return 0
    # A server left behind by an interrupted run is stopped either way.
    if os.path.exists(state_file):
        with open(state_file) as f:
            PostgresServer.from_state(json.load(f)).stop()
        os.remove(state_file)
    for leftover in ("url",):
        path = os.path.join(state_dir, leftover)
        if os.path.exists(path):
            os.remove(path)
    if argv[1] == "stop":
        return 0
    os.makedirs(state_dir, exist_ok=True)
    server = PostgresServer()
    try:
        url = server.start()
    except Exception:
        server.stop()
        raise
    with open(state_file, "w") as f:
        json.dump(server.state(), f)
    with open(os.path.join(state_dir, "url"), "w") as f:
        f.write(url)
    print(url)
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv))
