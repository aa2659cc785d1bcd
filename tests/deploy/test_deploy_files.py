"""The deployment files in deploy/, checked without a container engine or a cluster: nginx -t,
systemd-analyze verify, YAML structure, and the flags, settings and libraries each file names
against the built binary (so the files cannot drift from chorus)."""
import os
import re
import shutil
import subprocess
import sys

import pytest
import yaml

SOURCE_DIR = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DEPLOY = os.path.join(SOURCE_DIR, "deploy")
sys.path.insert(0, os.path.join(SOURCE_DIR, "tests", "e2e"))
from support import nginx_server  # noqa: E402

UPLOAD_FORM_OVERHEAD = 1 << 20  # src/server/body_limits.cpp: kFormOverhead


def read(*parts):
    with open(os.path.join(DEPLOY, *parts)) as f:
        return f.read()


def flags_of(args):
    return {a.split("=", 1)[0] for a in args if a.startswith("--")}


def assert_known_flags(args, known_flags, where):
    unknown = flags_of(args) - known_flags
    assert not unknown, f"{where} passes flags chorus does not have: {sorted(unknown)}"


def assert_known_env(names, known_env, where):
    unknown = {n for n in names if n.startswith("CHORUS_")} - known_env
    assert not unknown, f"{where} sets variables chorus does not read: {sorted(unknown)}"


def nginx_size(value):
    units = {"k": 1 << 10, "m": 1 << 20, "g": 1 << 30}
    value = value.lower()
    return int(value[:-1]) * units[value[-1]] if value[-1] in units else int(value)


def nginx_seconds(value):
    units = {"ms": 0.001, "s": 1, "m": 60, "h": 3600}
    m = re.fullmatch(r"(\d+)(ms|s|m|h)?", value)
    return int(m.group(1)) * units[m.group(2) or "s"]


# --- nginx --------------------------------------------------------------------------------------

def test_nginx_accepts_the_shipped_config(tmp_path):
    nginx_server.require_nginx()
    conf, _ = nginx_server.write_configs(str(tmp_path), nginx_server.free_port(),
                                         ["127.0.0.1:18881", "127.0.0.1:18882", "127.0.0.1:18883"])
    code, output = nginx_server.check_config(str(tmp_path), conf)
    assert code == 0, output
    # The check itself fails on a broken file.
    with open(tmp_path / "chorus.conf", "a") as f:
        f.write("proxy_bufering off;\n")
    code, output = nginx_server.check_config(str(tmp_path), conf)
    assert code != 0 and "proxy_bufering" in output


def test_nginx_streams_and_retries_only_before_the_first_byte(default_setting):
    conf = read("nginx", "chorus.conf")
    directives = re.findall(r"^\s*([a-z_]+)\s+([^;{]*);", conf, re.M)
    first = {}
    for name, value in directives:
        first.setdefault(name, value.strip())
    assert first["proxy_buffering"] == "off"
    assert first["proxy_http_version"] == "1.1"
    assert 'proxy_set_header Connection ""' in conf
    assert re.search(r"^\s*keepalive\s+\d+;", conf, re.M)
    # nginx reuses a kept-alive upstream connection only while chorus would keep it open.
    idle = int(default_setting("limits.idle_timeout_s"))
    assert nginx_seconds(first["keepalive_timeout"]) < idle
    retry = first["proxy_next_upstream"].split()
    assert {"error", "timeout", "non_idempotent"} <= set(retry)
    assert not {"http_500", "http_502", "http_504", "http_429"} & set(retry), retry
    assert nginx_seconds(first["proxy_read_timeout"]) >= 300
    assert "proxy_set_header X-Request-Id" in conf and "proxy_set_header Host $host" in conf
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for" in conf


def test_nginx_body_limits_match_chorus(default_setting):
    conf = read("nginx", "chorus.conf")
    server = conf[conf.index("server {"):]
    general = re.search(r"^    client_max_body_size (\S+);", server, re.M).group(1)
    assert nginx_size(general) == int(default_setting("limits.max_body_bytes"))
    upload = re.search(r"location ~ \^/v1/audio/\(voices\|clone\|watermark/detect\)\$ \{(.*?)\}",
                       server, re.S)
    assert upload, "no location for the upload routes"
    # Creating a voice is not repeated on another replica.
    assert re.search(r"proxy_next_upstream off;", upload.group(1))
    size = re.search(r"client_max_body_size (\S+);", upload.group(1)).group(1)
    assert nginx_size(size) == int(default_setting("limits.max_upload_bytes")) + UPLOAD_FORM_OVERHEAD


# --- systemd ------------------------------------------------------------------------------------

def unit_settings(text):
    settings = {}
    joined = re.sub(r"\\\n\s*", " ", text)
    for line in joined.splitlines():
        if "=" in line and not line.startswith(("#", "[")):
            key, value = line.split("=", 1)
            settings.setdefault(key.strip(), []).append(value.strip())
    return settings


def test_systemd_unit_verifies(chorus_binary, tmp_path):
    text = read("systemd", "chorus.service")
    assert "ExecStart=/usr/local/bin/chorus " in text
    verify = shutil.which("systemd-analyze")
    assert verify, "systemd-analyze not found (Debian's systemd package)"
    unit = tmp_path / "chorus.service"
    unit.write_text(text.replace("ExecStart=/usr/local/bin/chorus ", f"ExecStart={chorus_binary} "))
    result = subprocess.run([verify, "verify", str(unit)], capture_output=True, text=True)
    output = (result.stdout + result.stderr).strip()
    assert result.returncode == 0 and output == "", output
    # A misspelt setting is reported (the check can fail).
    unit.write_text(unit.read_text().replace("ProtectHome=", "ProtectHom="))
    result = subprocess.run([verify, "verify", str(unit)], capture_output=True, text=True)
    assert "ProtectHom" in result.stdout + result.stderr


def test_systemd_unit_is_hardened(known_flags, default_setting):
    s = unit_settings(read("systemd", "chorus.service"))
    assert s.get("DynamicUser") == ["yes"] or s.get("User", ["root"])[0] not in ("root", "0")
    for key, value in {"ProtectSystem": "strict", "NoNewPrivileges": "yes", "PrivateTmp": "yes",
                       "ProtectHome": "yes", "PrivateDevices": "yes"}.items():
        assert s.get(key) == [value], key
    state = s["StateDirectory"][0]
    writable = s["ReadWritePaths"][0].split()
    assert f"/var/lib/{state}" in writable
    assert set(writable) <= {f"/var/lib/{state}", f"/var/cache/{s['CacheDirectory'][0]}"}
    assert s["CapabilityBoundingSet"] == [""]
    exec_start = s["ExecStart"][0].split()
    assert_known_flags(exec_start, known_flags, "chorus.service")
    assert exec_start[exec_start.index("--data-dir") + 1] == "${STATE_DIRECTORY}"
    assert s["Type"] == ["exec"]
    grace = int(default_setting("limits.shutdown_grace_s"))
    assert nginx_seconds(s["TimeoutStopSec"][0]) > grace


# --- Docker -------------------------------------------------------------------------------------

def dockerfile_stages(text):
    joined = re.sub(r"\\\n", " ", text)
    stages = []
    for line in joined.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        word, _, rest = line.partition(" ")
        if word == "FROM":
            stages.append({"FROM": rest, "lines": []})
        stages[-1]["lines"].append((word, rest))
    return stages


def test_dockerfile_is_debian_multistage_and_unprivileged(known_flags):
    import json
    stages = dockerfile_stages(read("docker", "Dockerfile"))
    assert len(stages) >= 2, "expected a build stage and a runtime stage"
    for stage in stages:
        assert re.match(r"debian:(12|bookworm)(-slim)?( AS \w+)?$", stage["FROM"]), stage["FROM"]
    build, runtime = stages[0], stages[-1]
    assert any(w == "RUN" and "scripts/install-deps.sh" in r for w, r in build["lines"])
    assert any(w == "RUN" and "cmake --build" in r for w, r in build["lines"])
    users = [r for w, r in runtime["lines"] if w == "USER"]
    assert users and users[-1].split(":")[0] not in ("root", "0"), users
    health = [r for w, r in runtime["lines"] if w == "HEALTHCHECK"]
    assert health and re.search(r"http://127\.0\.0\.1:8880/(health|ready)", health[0])
    assert not any(w == "RUN" and ("install-deps" in r or "-dev" in r) for w, r in runtime["lines"])
    cmd = json.loads(next(r for w, r in runtime["lines"] if w == "CMD"))
    assert cmd[0] == "serve"
    assert_known_flags(cmd, known_flags, "Dockerfile CMD")


def test_docker_runtime_stage_has_the_binarys_libraries(chorus_binary):
    """Every library the binary links directly comes from a package the runtime stage installs
    (or the base image's C/C++ runtime, or ONNX Runtime copied from the build stage)."""
    runtime = dockerfile_stages(read("docker", "Dockerfile"))[-1]
    installed = set()
    for word, rest in runtime["lines"]:
        if word == "RUN" and "apt-get install" in rest:
            installed |= {t for t in rest.split() if re.fullmatch(r"[a-z0-9][a-z0-9.+-]+", t)}
    needed = re.findall(r"\(NEEDED\)\s+Shared library: \[(.+?)\]",
                        subprocess.run(["readelf", "-d", chorus_binary], capture_output=True,
                                       text=True, check=True).stdout)
    base = {"libc6", "libstdc++6", "libgcc-s1"}
    missing = {}
    for lib in needed:
        if lib.startswith("libonnxruntime"):
            continue
        owner = subprocess.run(["dpkg", "-S", f"*/{lib}"], capture_output=True, text=True)
        packages = {line.split(":")[0] for line in owner.stdout.splitlines()}
        assert packages, f"no Debian package holds {lib}"
        if not packages & (installed | base):
            missing[lib] = sorted(packages)
    assert not missing, f"the runtime stage lacks the packages of {missing}"


# --- compose ------------------------------------------------------------------------------------

def test_compose_file(known_flags, known_env):
    compose = yaml.safe_load(read("compose.yaml"))
    services = compose["services"]
    replicas = {name: s for name, s in services.items()
                if s.get("build", {}).get("dockerfile") == "deploy/docker/Dockerfile"}
    assert len(replicas) >= 2, "expected several chorus replicas built from deploy/docker"
    for name, s in replicas.items():
        assert s["command"][0] == "serve"
        assert_known_flags(s["command"], known_flags, f"compose service {name}")
        assert_known_env(s.get("environment", {}), known_env, f"compose service {name}")
        assert s["environment"]["CHORUS_VOICES_STORE"].startswith("postgresql://")
        assert s["environment"]["CHORUS_CACHE_REDIS_URL"].startswith("redis://")
        assert {"postgres", "redis"} <= set(s["depends_on"])
    assert services["postgres"]["image"].startswith("postgres:")
    assert services["redis"]["image"].startswith("redis:")
    nginx = services["nginx"]
    assert "./nginx/chorus.conf:/etc/nginx/conf.d/default.conf:ro" in nginx["volumes"]
    # The shipped nginx file names exactly these replicas.
    upstreams = re.findall(r"^\s*server (\S+):8880 ", read("nginx", "chorus.conf"), re.M)
    assert sorted(upstreams) == sorted(replicas)
    assert set(nginx["depends_on"]) == set(replicas)
    gpu = services["xtts"]["deploy"]["resources"]["reservations"]["devices"][0]
    assert "gpu" in gpu["capabilities"] and gpu["driver"] == "nvidia"
    xtts_urls = [a for s in replicas.values() for a in s["command"] if a.startswith("http://xtts")]
    assert xtts_urls, "the replicas do not use the XTTS service"


# --- Kubernetes ---------------------------------------------------------------------------------

def k8s_objects():
    objects = {}
    k8s = os.path.join(DEPLOY, "k8s")
    for name in sorted(os.listdir(k8s)):
        if name.endswith(".yaml") and name != "kustomization.yaml":
            for doc in yaml.safe_load_all(read("k8s", name)):
                assert doc.get("apiVersion") and doc.get("kind"), f"{name}: apiVersion and kind"
                assert doc.get("metadata", {}).get("name"), f"{name}: metadata.name"
                objects[doc["kind"]] = doc
    return objects


def test_k8s_manifests_are_complete():
    objects = k8s_objects()
    assert {"Deployment", "Service", "PodDisruptionBudget", "HorizontalPodAutoscaler", "Secret",
            "ConfigMap"} <= set(objects)
    files = sorted(f for f in os.listdir(os.path.join(DEPLOY, "k8s"))
                   if f.endswith(".yaml") and f != "kustomization.yaml")
    assert sorted(yaml.safe_load(read("k8s", "kustomization.yaml"))["resources"]) == files
    deployment = objects["Deployment"]
    labels = deployment["spec"]["template"]["metadata"]["labels"]
    selected = deployment["spec"]["selector"]["matchLabels"]
    assert selected.items() <= labels.items()
    assert objects["Service"]["spec"]["selector"].items() <= labels.items()
    assert objects["PodDisruptionBudget"]["spec"]["selector"]["matchLabels"].items() <= labels.items()
    hpa = objects["HorizontalPodAutoscaler"]
    assert hpa["apiVersion"] == "autoscaling/v2"
    assert hpa["spec"]["scaleTargetRef"] == {"apiVersion": "apps/v1", "kind": "Deployment",
                                             "name": deployment["metadata"]["name"]}
    assert hpa["spec"]["metrics"][0]["resource"]["name"] == "cpu"
    assert hpa["spec"]["minReplicas"] >= 2


def test_k8s_deployment_probes_and_args(known_flags, known_env, chorus_binary, tmp_path,
                                        default_setting):
    objects = k8s_objects()
    pod = objects["Deployment"]["spec"]["template"]["spec"]
    container = pod["containers"][0]
    assert container["readinessProbe"]["httpGet"]["path"] == "/ready"
    assert container["livenessProbe"]["httpGet"]["path"] in ("/health", "/ready")
    args = container["args"]
    assert_known_flags(args, known_flags, "k8s Deployment args")
    port = int(args[args.index("--port") + 1])
    assert container["ports"][0]["containerPort"] == port
    assert container["securityContext"]["allowPrivilegeEscalation"] is False
    assert pod["securityContext"]["runAsNonRoot"] is True
    # The pod may drain for chorus's whole grace time after its preStop pause.
    pause = int(container["lifecycle"]["preStop"]["exec"]["command"][-1])
    grace = int(default_setting("limits.shutdown_grace_s"))
    assert pod["terminationGracePeriodSeconds"] > pause + grace
    secret = objects["Secret"]
    assert [e["secretRef"]["name"] for e in container["envFrom"]] == [secret["metadata"]["name"]]
    assert "CHORUS_AUTH_KEYS" in secret["stringData"]
    assert_known_env(secret["stringData"], known_env, "k8s Secret")
    # The ConfigMap's chorus.toml is one chorus accepts.
    config_map = objects["ConfigMap"]
    mounted = {v["name"]: v for v in pod["volumes"]}
    config_mount = next(m for m in container["volumeMounts"]
                        if mounted[m["name"]].get("configMap", {}).get("name")
                        == config_map["metadata"]["name"])
    config_path = args[args.index("--config") + 1]
    assert os.path.dirname(config_path) == config_mount["mountPath"]
    toml = tmp_path / "chorus.toml"
    toml.write_text(config_map["data"][os.path.basename(config_path)])
    result = subprocess.run([chorus_binary, "--config", str(toml), "config", "show"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
