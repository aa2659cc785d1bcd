"""nginx on loopback with the shipped deploy/nginx/chorus.conf.

The shipped file is used as it is, except for what only a deployment knows: the listen port, the
replicas' addresses and the access log path. render_config() replaces exactly those and fails if
the file no longer has them where expected, so the tests keep the shipped file honest.
"""
import os
import re
import socket
import subprocess
import time

NGINX = "/usr/sbin/nginx"
SOURCE_DIR = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
SHIPPED_CONFIG = os.path.join(SOURCE_DIR, "deploy", "nginx", "chorus.conf")

_UPSTREAM_SERVER = re.compile(r"^([ \t]*server[ \t]+)(\S+)([ \t][^\n]*;|;)[ \t]*$", re.M)


def require_nginx():
    """nginx is part of the test dependencies (scripts/install-deps.sh): missing, the test fails."""
    assert os.access(NGINX, os.X_OK), (
        f"{NGINX} not found: nginx is needed by the cluster tests; run scripts/install-deps.sh "
        "(apt-get install nginx)")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def render_config(listen_port, upstreams, access_log, shipped=SHIPPED_CONFIG):
    """The shipped configuration with its listen port, upstream addresses ("host:port" strings,
    as many as the shipped file lists) and access log path replaced."""
    with open(shipped) as f:
        text = f.read()
    text, listens = re.subn(r"^(\s*)listen 80;", rf"\1listen 127.0.0.1:{listen_port};", text,
                            flags=re.M)
    assert listens == 1, f"{shipped}: expected one 'listen 80;' line, found {listens}"
    block = re.search(r"^upstream chorus \{.*?^\}", text, re.M | re.S)
    assert block, f"{shipped}: no 'upstream chorus {{ ... }}' block"
    servers = _UPSTREAM_SERVER.findall(block.group(0))
    assert len(servers) == len(upstreams), (
        f"{shipped} lists {len(servers)} replicas; the test runs {len(upstreams)}")
    addresses = iter(upstreams)
    new_block = _UPSTREAM_SERVER.sub(lambda m: m.group(1) + next(addresses) + m.group(3),
                                     block.group(0))
    text = text[:block.start()] + new_block + text[block.end():]
    text, logs = re.subn(r"access_log /var/log/nginx/chorus\.access\.log ",
                         f"access_log {access_log} ", text)
    assert logs == 1, f"{shipped}: expected one access_log /var/log/nginx/chorus.access.log line"
    return text


def main_config(prefix, site_config_path):
    """The nginx.conf around the site file: everything nginx would write goes under `prefix`.
    Run as root, the master would hand the workers to 'nobody', which cannot enter a test's
    private temporary directory: root keeps them as root."""
    user = "user root;\n" if os.geteuid() == 0 else ""
    return (f"{user}worker_processes 1;\n"
            f"pid {prefix}/nginx.pid;\n"
            f"error_log {prefix}/error.log info;\n"
            "events { worker_connections 1024; }\n"
            "http {\n"
            f"  access_log off;\n"
            f"  client_body_temp_path {prefix}/client_body;\n"
            f"  proxy_temp_path {prefix}/proxy;\n"
            f"  fastcgi_temp_path {prefix}/fastcgi;\n"
            f"  uwsgi_temp_path {prefix}/uwsgi;\n"
            f"  scgi_temp_path {prefix}/scgi;\n"
            f"  include {site_config_path};\n"
            "}\n")


def write_configs(prefix, listen_port, upstreams):
    """Writes prefix/chorus.conf (the shipped file, rendered) and prefix/nginx.conf; returns the
    paths of nginx.conf and of the access log."""
    os.makedirs(prefix, exist_ok=True)
    access_log = os.path.join(prefix, "chorus.access.log")
    site = os.path.join(prefix, "chorus.conf")
    with open(site, "w") as f:
        f.write(render_config(listen_port, upstreams, access_log))
    conf = os.path.join(prefix, "nginx.conf")
    with open(conf, "w") as f:
        f.write(main_config(prefix, site))
    return conf, access_log


def check_config(prefix, conf):
    """`nginx -t` on the configuration: (returncode, output)."""
    result = subprocess.run([NGINX, "-t", "-p", prefix, "-c", conf, "-e", f"{prefix}/error.log"],
                            capture_output=True, text=True)
    return result.returncode, result.stdout + result.stderr


class NginxServer:
    """nginx in the foreground with the shipped configuration, proxying to `upstreams`."""

    def __init__(self, prefix, upstreams):
        require_nginx()
        self.prefix = prefix
        self.port = free_port()
        self.conf, self.access_log = write_configs(prefix, self.port, upstreams)
        code, output = check_config(prefix, self.conf)
        assert code == 0, f"nginx -t failed on the shipped configuration:\n{output}"
        self.proc = subprocess.Popen([NGINX, "-p", prefix, "-c", self.conf, "-e",
                                      f"{prefix}/error.log", "-g", "daemon off;"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("nginx exited: " + self.proc.stderr.read() + self.error_log())
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.05)
        else:
            self.stop()
            raise RuntimeError("nginx did not listen:\n" + self.error_log())
        self.url = f"http://127.0.0.1:{self.port}"

    def error_log(self):
        try:
            with open(os.path.join(self.prefix, "error.log")) as f:
                return f.read()
        except FileNotFoundError:
            return ""

    def access_entries(self):
        """The access log as dicts: status, rid, upstream (the replicas tried, in order),
        upstream_status, bytes, request."""
        entries = []
        try:
            with open(self.access_log) as f:
                lines = f.readlines()
        except FileNotFoundError:
            return entries
        for line in lines:
            m = re.search(r'"(?P<request>[^"]*)" (?P<status>\d+) (?P<bytes>\d+) rid=(?P<rid>\S+) '
                          r'upstream=(?P<upstream>.*?) upstream_status=(?P<ustatus>.*?) rt=', line)
            if not m:
                continue
            entries.append({"request": m["request"], "status": int(m["status"]),
                            "bytes": int(m["bytes"]), "rid": m["rid"],
                            "upstream": [u.strip() for u in m["upstream"].split(",")],
                            "upstream_status": m["ustatus"]})
        return entries

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
