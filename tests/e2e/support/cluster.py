"""Several chorus replicas behind nginx with the shipped deploy/nginx/chorus.conf, on loopback.

replica_args() builds a replica's command line; a shared voice store (--voice-store) and a
shared result cache (--cache-redis) are passed when given, so a test can run the same cluster on
PostgreSQL and Redis (tests/e2e/support/postgres_server.py, redis_server.py).
"""
import os
import re
import urllib.error
import urllib.request

from support.nginx_server import SHIPPED_CONFIG, NginxServer

REPLICAS = 3


def replica_args(data_dir, voice_store=None, cache_redis=None, extra=()):
    """`chorus serve` arguments of one replica (after --host/--port)."""
    args = ["--data-dir", data_dir]
    if voice_store:
        args += ["--voice-store", voice_store]
    if cache_redis:
        args += ["--cache-redis", cache_redis]
    return [*args, *extra]


def public_host_name():
    """The server_name of the shipped configuration: the replicas accept it in Host."""
    with open(SHIPPED_CONFIG) as f:
        return re.search(r"^\s*server_name (\S+);", f.read(), re.M).group(1)


class Cluster:
    """`replicas` chorus processes and nginx in front; stop() ends them all."""

    def __init__(self, server_class, binary, workdir, voice_store=None, cache_redis=None,
                 replicas=REPLICAS, extra_args=(), env=None):
        self.replicas = []
        self.nginx = None
        environment = dict(os.environ if env is None else env)
        environment["CHORUS_SERVER_ALLOWED_HOSTS"] = public_host_name()
        try:
            for i in range(replicas):
                data_dir = os.path.join(workdir, f"replica-{i}")
                os.makedirs(data_dir, exist_ok=True)
                self.replicas.append(server_class(
                    binary, replica_args(data_dir, voice_store, cache_redis, extra_args),
                    env=environment))
            self.nginx = NginxServer(os.path.join(workdir, "nginx"),
                                     [f"127.0.0.1:{r.port}" for r in self.replicas])
        except BaseException:
            self.stop()
            raise
        self.url = self.nginx.url
        self.port = self.nginx.port

    def request(self, method, path, body=None, headers=None, timeout=120):
        """A request through nginx: (status, headers, body bytes), without raising on HTTP
        errors."""
        data = body.encode() if isinstance(body, str) else body
        req = urllib.request.Request(self.url + path, data=data, method=method,
                                     headers=dict(headers or {}))
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                return resp.status, resp.headers, resp.read()
        except urllib.error.HTTPError as err:
            return err.code, err.headers, err.read()

    def address_of(self, replica):
        return f"127.0.0.1:{replica.port}"

    def speech_count(self, replica):
        """Speech requests the replica answered, from its own access log."""
        return sum(1 for line in replica.log
                   if re.search(r" POST /v1/audio/speech -> \d+ in ", line))

    def stop(self):
        if self.nginx:
            self.nginx.stop()
        for replica in self.replicas:
            replica.stop()
