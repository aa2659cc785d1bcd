#!/usr/bin/env bash
# Installs everything chorus needs to build, test and run on Debian 12, non-interactively.
# Idempotent: packages already present are skipped without touching apt's lists.
set -euo pipefail

PACKAGES=(
  build-essential cmake pkg-config git ca-certificates curl
  libcpp-httplib-dev nlohmann-json3-dev libspdlog-dev libfmt-dev libcli11-dev
  libespeak-ng-dev espeak-ng-data espeak-ng
  libavcodec-dev libavformat-dev libavutil-dev libswresample-dev ffmpeg
  libhiredis-dev redis-server
  libsqlite3-dev libpq-dev postgresql libgtest-dev libgmock-dev libbenchmark-dev libavfilter-dev librubberband-dev
  ccache python3-pytest alsa-utils libexttextcat-dev
  prometheus-cpp-dev libtomlplusplus-dev libssl-dev libboost-dev
  python3-onnx python3-numpy libonnx-dev libprotobuf-dev
  libmecab-dev mecab-ipadic-utf8 python3-venv python3-pip
  clang libclang-rt-14-dev
  chromium
  nginx python3-yaml
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "install-deps: Debian packages present"
fi

# ONNX Runtime (for the Kokoro engine) is not packaged for Debian 12: provisioned separately.
# A failure here is a failure: the default build needs it (-DCHORUS_KOKORO=OFF builds without).
"$(dirname "$0")/install-onnxruntime.sh"
