"""A chorus server started from a script (benchmarks, reference checks): `chorus serve` on a
free loopback port, its log drained in the background so it never blocks on a full pipe."""
import os
import subprocess
import threading


def start_chorus(binary, models, env_extra=None):
    """Starts `chorus serve --models-dir models` with the result cache off and env_extra in its
    environment; returns (process, port) once it listens."""
    env = dict(os.environ, CHORUS_CACHE_ENABLED="false", **(env_extra or {}))
    proc = subprocess.Popen([binary, "serve", "--host", "127.0.0.1", "--port", "0", "--models-dir", models],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
    for line in proc.stderr:
        if "listening on http://" in line:
            port = int(line.rsplit(":", 1)[1])
            break
    else:
        proc.wait()
        raise RuntimeError(f"chorus did not start (exit code {proc.returncode})")
    threading.Thread(target=lambda: [None for _ in proc.stderr], daemon=True).start()
    return proc, port
