"""The shared result cache on Redis: two `chorus serve` replicas on one real redis-server
(support/redis_server.py). Audio synthesized on one is a hit on the other, byte for byte; a
Redis that dies leaves both serving (misses), and they use it again once it is back."""
import json
import subprocess
import threading
import time

import pytest

from conftest import ChorusServer, env_with
from support.redis_server import RedisServer
from test_service import metric

PASSWORD = "e2e-Redis-pass"
SAME_HEADERS = ("Content-Type", "X-Chorus-Engine", "X-Chorus-Voice", "X-Chorus-Language",
                "X-Chorus-Format")


@pytest.fixture
def redis():
    server = RedisServer(password=PASSWORD)
    server.start()
    yield server
    server.close()


@pytest.fixture
def replicas(chorus_binary, redis):
    """Replica A takes the URL as a flag, B from the environment (cache.redis_url)."""
    started = []
    try:
        started.append(ChorusServer(chorus_binary, ["--cache-redis", redis.url]))
        started.append(ChorusServer(chorus_binary, env=env_with(CHORUS_CACHE_REDIS_URL=redis.url)))
        yield started
    finally:
        for srv in started:
            srv.stop()


def speak(srv, text, fmt="mp3"):
    return srv.speech(input=text, voice="alloy", model="espeak", response_format=fmt)


def metrics(srv):
    return srv.request("GET", "/metrics")[2].decode()


def redis_health(srv):
    status, _, body = srv.request("GET", "/health")
    assert status == 200, body
    return json.loads(body)["cache"]["redis"]


def test_a_phrase_synthesized_on_one_replica_is_a_hit_on_the_other(replicas, redis):
    a, b = replicas
    for srv in replicas:
        text = metrics(srv)
        for result in ("hit", "miss", "corrupt", "error"):
            assert metric(text, "chorus_cache_redis_lookups_total", result=result) == 0
        for result in ("stored", "too_large", "error"):
            assert metric(text, "chorus_cache_redis_stores_total", result=result) == 0
        assert metric(text, "chorus_cache_redis_up") == 1
        assert redis_health(srv)["state"] == "up"

    for fmt in ("mp3", "wav", "pcm"):
        text = f"Shared between replicas in {fmt}."
        status, first_headers, first = speak(a, text, fmt)
        assert status == 200, first[:300]
        assert first_headers["X-Chorus-Cache"] == "miss"
        status, headers, second = speak(b, text, fmt)
        assert status == 200, second[:300]
        assert headers["X-Chorus-Cache"] == "hit", fmt
        assert second == first, fmt
        for name in SAME_HEADERS:
            assert headers[name] == first_headers[name], name
    text_a, text_b = metrics(a), metrics(b)
    assert metric(text_a, "chorus_cache_redis_stores_total", result="stored") == 3
    assert metric(text_a, "chorus_cache_redis_lookups_total", result="miss") == 3
    assert metric(text_b, "chorus_cache_redis_lookups_total", result="hit") == 3
    assert metric(text_b, "chorus_cache_redis_stores_total", result="stored") == 0
    # The hit was promoted into B's memory: asked again, B does not go to Redis.
    assert speak(b, "Shared between replicas in mp3.")[1]["X-Chorus-Cache"] == "hit"
    assert metric(metrics(b), "chorus_cache_redis_lookups_total", result="hit") == 3
    # The entries are under the versioned prefix, with an expiry.
    keys = redis.command("KEYS", "chorus:v1:*")
    assert keys.startswith(b"*3\r\n"), keys

    # The password is in no log line, /health or `chorus config show`.
    for srv in replicas:
        assert PASSWORD not in "".join(srv.log)
        assert PASSWORD not in srv.request("GET", "/health")[2].decode()
        assert redis_health(srv)["url"].startswith("redis://:***@127.0.0.1:")
    shown = subprocess.run([a.proc.args[0], "config", "show"], capture_output=True, text=True,
                           env=env_with(CHORUS_CACHE_REDIS_URL=redis.url), timeout=60)
    assert shown.returncode == 0, shown.stderr
    assert "redis_url = " in shown.stdout and PASSWORD not in shown.stdout + shown.stderr


def test_killing_redis_leaves_both_replicas_serving_and_they_reconnect(replicas, redis):
    a, b = replicas
    status, _, _ = speak(a, "Cached before the outage.")
    assert status == 200
    # Requests keep arriving on both replicas while Redis is killed under them.
    statuses = []
    done = threading.Event()

    def traffic(srv, name):
        i = 0
        while not done.is_set():
            statuses.append(speak(srv, f"Traffic from {name} during the kill, {i % 5}.")[0])
            i += 1

    workers = [threading.Thread(target=traffic, args=(srv, name))
               for srv, name in ((a, "a"), (b, "b"))]
    for worker in workers:
        worker.start()
    time.sleep(0.5)
    redis.proc.kill()  # SIGKILL: connections drop without a goodbye
    redis.stop()
    time.sleep(0.5)
    done.set()
    for worker in workers:
        worker.join(60)
    assert len(statuses) > 4 and set(statuses) == {200}, statuses
    started = time.monotonic()
    for i, srv in enumerate(replicas * 3):
        status, headers, body = speak(srv, f"Spoken while Redis is down, number {i}.")
        assert status == 200, body[:300]
        assert headers["X-Chorus-Cache"] == "miss"
        assert len(body) > 1000
    # Six short syntheses: Redis adds at most one failed attempt per back-off to them.
    assert time.monotonic() - started < 30
    # A phrase B has never seen is a miss on B now (its only copy was in Redis).
    status, headers, _ = speak(b, "Cached before the outage.")
    assert status == 200 and headers["X-Chorus-Cache"] == "miss"
    for srv in replicas:
        health = redis_health(srv)
        assert health["state"] == "down", health
        assert "last_error" in health
        text = metrics(srv)
        assert metric(text, "chorus_cache_redis_up") == 0
        assert metric(text, "chorus_cache_redis_lookups_total", result="error") >= 1
        assert PASSWORD not in "".join(srv.log)

    # Back up (empty): after the back-off both use it again without a restart of their own.
    redis.start()
    deadline = time.monotonic() + 30
    n = 0
    while True:
        n += 1
        text = f"After Redis came back, attempt {n}."
        assert speak(a, text)[0] == 200
        status, headers, _ = speak(b, text)
        assert status == 200
        if headers["X-Chorus-Cache"] == "hit":
            break
        assert time.monotonic() < deadline, "the replicas did not use Redis again within 30 s"
        time.sleep(0.5)
    for srv in replicas:
        assert redis_health(srv)["state"] == "up"
