"""Three chorus replicas behind nginx, configured with the shipped deploy/nginx/chorus.conf (only
its listen port, upstream addresses and log path replaced): requests spread over the replicas,
audio streams through unbuffered, a slow long stream arrives whole, and a replica killed under
load costs only the streams it was serving."""
import http.client
import json
import re
import threading
import time
import uuid

import pytest

from audio_check import decode, duration
from conftest import ChorusServer
from support.cluster import Cluster, public_host_name
from support.nginx_server import require_nginx

LONG_TEXT = " ".join(f"Sentence number {i} of a long text that keeps the engine busy for a while."
                     for i in range(50))


@pytest.fixture(scope="module")
def cluster(chorus_binary, tmp_path_factory):
    require_nginx()
    c = Cluster(ChorusServer, chorus_binary, str(tmp_path_factory.mktemp("cluster")))
    yield c
    c.stop()


class Response:
    def __init__(self):
        self.status = None
        self.headers = {}
        self.body = b""
        self.first_byte = None  # seconds after the request was sent
        self.total = None
        self.error = None


def speak(port, body, headers=None, conn=None, rate=None, timeout=120):
    """POST /v1/audio/speech, reading the body at most `rate` bytes per second when given (a
    slow client). Errors are recorded, not raised (with the part of the body read before)."""
    own = conn is None
    conn = conn or http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    result = Response()
    start = time.monotonic()
    pieces = []
    try:
        conn.request("POST", "/v1/audio/speech", json.dumps(body),
                     {"Content-Type": "application/json", **(headers or {})})
        resp = conn.getresponse()
        result.status = resp.status
        result.headers = {k.lower(): v for k, v in resp.getheaders()}
        received = 0
        while True:
            piece = resp.read1(65536)
            if not piece:
                break
            if result.first_byte is None:
                result.first_byte = time.monotonic() - start
            pieces.append(piece)
            received += len(piece)
            if rate:
                time.sleep(max(0.0, start + result.first_byte + received / rate - time.monotonic()))
    except (OSError, http.client.HTTPException) as err:
        result.error = repr(err)
    finally:
        result.body = b"".join(pieces)  # on an error, what arrived before it
        result.total = time.monotonic() - start
        if own:
            conn.close()
    return result


def speech_body(text, fmt="mp3", **extra):
    return {"model": "espeak", "voice": "espeak:en", "input": text, "response_format": fmt, **extra}


def active_requests(replica):
    """Requests the replica's engines are synthesizing now (its /metrics)."""
    conn = http.client.HTTPConnection("127.0.0.1", replica.port, timeout=5)
    try:
        conn.request("GET", "/metrics")
        text = conn.getresponse().read().decode()
    finally:
        conn.close()
    return sum(float(line.rsplit(" ", 1)[1]) for line in text.splitlines()
               if line.startswith("chorus_engine_active_requests{"))


def wait_for(predicate, seconds=5.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()


def test_requests_spread_over_the_replicas(cluster):
    before = [cluster.speech_count(r) for r in cluster.replicas]
    conn = http.client.HTTPConnection("127.0.0.1", cluster.port, timeout=60)
    ids = []
    for i in range(30):
        rid = uuid.uuid4().hex
        ids.append(rid)
        r = speak(cluster.port, speech_body(f"Request number {i} through the load balancer.", "wav"),
                  {"X-Request-Id": rid}, conn=conn)
        assert r.error is None and r.status == 200, (r.error, r.status, r.body[:300])
        assert r.headers["x-request-id"] == rid
        assert duration(decode(r.body, "wav")) > 0.5
    conn.close()
    assert wait_for(lambda: sum(cluster.speech_count(r) for r in cluster.replicas) - sum(before) == 30)
    served = [cluster.speech_count(r) - b for r, b in zip(cluster.replicas, before)]
    assert min(served) >= 5, f"requests per replica: {served}"
    # nginx's log names the replica of each request, by the client's request id.
    logged = {e["rid"]: e["upstream"] for e in cluster.nginx.access_entries()}
    assert {logged[rid][-1] for rid in ids} == {cluster.address_of(r) for r in cluster.replicas}
    # ... and that replica logged the same id with the request.
    by_address = {cluster.address_of(r): r for r in cluster.replicas}
    for rid in ids:
        replica_log = "".join(by_address[logged[rid][-1]].log)
        assert f" id={rid}\n" in replica_log, rid
    # Without an id of its own, the client gets the one nginx made.
    r = speak(cluster.port, speech_body("No request id.", "wav"))
    assert r.status == 200 and len(r.headers["x-request-id"]) == 32


def test_public_host_name_reaches_the_replicas(cluster):
    """nginx passes the client's Host on; chorus without API keys accepts only the names in
    server.allowed_hosts (the replicas have the shipped server_name there)."""
    name = public_host_name()
    r = speak(cluster.port, speech_body("Through the public name.", "wav"), {"Host": name})
    assert r.status == 200, r.body[:300]
    r = speak(cluster.port, speech_body("Through another name.", "wav"), {"Host": "elsewhere.example"})
    assert r.status == 403 and json.loads(r.body)["error"]["code"] == "host_not_allowed"


def test_audio_streams_through_unbuffered(cluster):
    # The first audio of a long text arrives long before the last.
    r = speak(cluster.port, speech_body(LONG_TEXT, "mp3"))
    assert r.status == 200 and r.error is None
    assert r.first_byte < 0.25 * r.total, (r.first_byte, r.total)
    # A client that stops reading holds the replica's stream open: nginx does not read the whole
    # response ahead into its buffers and temporary files. 40 MB of PCM: more than the loopback
    # sockets between client, nginx and replica hold; buffered, a replica writes them in 1.5 s.
    # (A replica logs a request, with its id, once the last byte is written.)
    rid = uuid.uuid4().hex
    conn = http.client.HTTPConnection("127.0.0.1", cluster.port, timeout=60)
    conn.request("POST", "/v1/audio/speech", json.dumps(speech_body(LONG_TEXT, "pcm", speed=0.25)),
                 {"Content-Type": "application/json", "X-Request-Id": rid})
    resp = conn.getresponse()
    assert resp.status == 200
    received = len(resp.read1(65536))
    time.sleep(3)

    def logged():
        return any(f" id={rid}" in line for rep in cluster.replicas for line in rep.log)

    unfinished = not logged()
    received += len(resp.read())
    conn.close()
    assert unfinished, "a replica finished a stream its client had not read: nginx buffered it"
    assert wait_for(logged)  # the check above looks at the right lines
    assert received > 35_000_000  # about 14 minutes of 24 kHz 16-bit audio, all of it arrived


def test_slow_long_stream_arrives_whole(cluster):
    """A client reading a long stream slowly (about 10 s) gets all of it through nginx."""
    direct = speak(cluster.replicas[0].port, speech_body(LONG_TEXT, "mp3"))
    assert direct.status == 200
    slow = speak(cluster.port, speech_body(LONG_TEXT, "mp3"), rate=len(direct.body) / 10)
    assert slow.error is None and slow.status == 200
    assert slow.total > 5
    assert abs(duration(decode(slow.body, "mp3")) - duration(decode(direct.body, "mp3"))) < 0.1


def test_killing_a_replica_costs_only_its_streams(chorus_binary, tmp_path):
    require_nginx()
    cluster = Cluster(ChorusServer, chorus_binary, str(tmp_path))
    try:
        # 20 MB streams read in 4 s: more than the loopback sockets between replica, nginx and
        # client hold, so a replica is still writing a stream for most of its time (it waits for
        # the client) and a kill cuts it.
        body = speech_body(LONG_TEXT, "pcm", speed=0.5)
        reference = speak(cluster.replicas[1].port, body)
        assert reference.status == 200
        expected = len(reference.body)
        victim = cluster.replicas[0]
        results = []  # (request id, start, end, Response)
        lock = threading.Lock()
        stop_at = time.monotonic() + 10

        def client():
            while time.monotonic() < stop_at:
                rid = uuid.uuid4().hex
                start = time.monotonic()
                r = speak(cluster.port, body, {"X-Request-Id": rid}, rate=expected / 4, timeout=60)
                with lock:
                    results.append((rid, start, time.monotonic(), r))

        threads = [threading.Thread(target=client) for _ in range(6)]
        for t in threads:
            t.start()
        # Killed while it is producing a stream (its engine gauge says so): that stream is lost.
        time.sleep(2)
        assert wait_for(lambda: active_requests(victim) >= 1, 10), "no stream on the replica"
        victim.proc.kill()
        kill_time = time.monotonic()
        for t in threads:
            t.join(90)
        victim.proc.wait()
        victim._reader.join(5)

        upstream_of = {e["rid"]: e["upstream"] for e in cluster.nginx.access_entries()}
        victim_address = cluster.address_of(victim)
        # A replica logs a request once its last byte is written: a stream it logged before the
        # kill is in the sockets and arrives whole; one it had not is cut.
        finished_by_victim = {m.group(1) for line in victim.log
                              for m in [re.search(r" id=(\w+)$", line.rstrip())] if m}
        # (espeak's PCM length varies by a few hundredths of a second between runs; a stream
        # cut by the kill ends with an error: nginx does not finish a chunked body it lost)
        def whole(r):
            return r.error is None and r.status == 200 and abs(len(r.body) - expected) < 0.02 * expected

        failed = {rid for rid, s, e, r in results if not whole(r)}
        on_victim = {rid for rid, s, e, r in results
                     if s < kill_time < e and upstream_of.get(rid, [""])[0] == victim_address}
        cut = on_victim - finished_by_victim
        after = [(rid, r) for rid, s, e, r in results if s > kill_time]
        summary = (f"{len(results)} requests, {len(failed)} failed, {len(on_victim)} in flight "
                   f"on the killed replica ({len(cut)} of them unfinished there), {len(after)} "
                   f"started after the kill; ") + "; ".join(
            f"{rid} {r.error} {r.status} {len(r.body)}/{expected} bytes via {upstream_of.get(rid)}"
            f" {s - kill_time:+.2f}..{e - kill_time:+.2f} s"
            for rid, s, e, r in results if rid in failed or rid in on_victim)
        assert cut, "no stream was being written by the killed replica: " + summary
        # Exactly the streams the replica had not finished are lost.
        assert failed == cut, summary
        # New requests go to the other replicas (a connection refused is retried there).
        assert len(after) >= 3, summary
        assert all(whole(r) for _, r in after), summary
        assert all(upstream_of[rid][-1] != victim_address for rid, _ in after), summary
    finally:
        cluster.stop()


def test_sigterm_drains_a_replica_without_losing_requests(chorus_binary, tmp_path):
    """A rolling restart: the replica given SIGTERM finishes its stream while nginx sends new
    requests to the others (a 503 from the draining replica is retried there)."""
    require_nginx()
    cluster = Cluster(ChorusServer, chorus_binary, str(tmp_path))
    try:
        # 40 MB read in 4 s: the replica produces it for most of that time (it waits for the
        # client), so it is still streaming when it gets SIGTERM.
        body = speech_body(LONG_TEXT, "pcm", speed=0.25)
        expected = len(speak(cluster.replicas[0].port, body).body)
        stream = {}
        reader = threading.Thread(target=lambda: stream.update(r=speak(
            cluster.port, body, rate=expected / 4)))
        reader.start()
        busy = []
        assert wait_for(lambda: busy.extend(r for r in cluster.replicas if active_requests(r))
                        or busy, 10)
        draining = busy[0]
        draining.proc.terminate()
        # It drains (it logs this only with a stream in flight) instead of stopping at once.
        assert wait_for(lambda: any(re.search(r"draining: waiting up to \d+ s for [1-9]\d* stream",
                                              line) for line in draining.log), 5)
        # During the drain every new request is answered, by the other replicas.
        results = []
        senders = [threading.Thread(target=lambda i=i: results.append(speak(
            cluster.port, speech_body(f"During the drain, request {i}.", "wav"))))
            for i in range(12)]
        for t in senders:
            t.start()
        for t in senders:
            t.join(60)
        assert len(results) == 12
        assert all(r.status == 200 and r.error is None for r in results), \
            [(r.status, r.error) for r in results]
        reader.join(60)
        r = stream["r"]
        assert r.error is None and r.status == 200 and abs(len(r.body) - expected) < 0.02 * expected
        assert draining.proc.wait(20) == 0
    finally:
        cluster.stop()


def test_replica_logs_only_a_safe_request_id(cluster):
    """The id comes from the network: a replica logs at most 64 of its safe characters."""
    replica = cluster.replicas[0]
    forged = 'abc" id=forged {x}' + "y" * 100
    r = speak(replica.port, speech_body("An id with quotes.", "wav"), {"X-Request-Id": forged})
    assert r.status == 200
    expected = ("abcidforgedx" + "y" * 100)[:64]
    assert wait_for(lambda: any(line.rstrip("\n").endswith(" id=" + expected)
                                for line in replica.log)), "".join(replica.log[-5:])
