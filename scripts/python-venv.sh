#!/usr/bin/env bash
# Creates (once) the virtual environment that the reference comparisons and benchmarks run in,
# from tests/python/requirements.txt, and prints its python's path. The environment is named
# after the requirements file's hash, so a changed pin makes a new one; an unchanged file
# reuses it without touching the network. Needs no root.
# Environment: CHORUS_VENV_ROOT (default ~/.cache/chorus), CHORUS_VENV_PYTHON (default python3).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
req="$root/tests/python/requirements.txt"
base="${CHORUS_VENV_ROOT:-$HOME/.cache/chorus}"
python="${CHORUS_VENV_PYTHON:-python3}"
venv="$base/venv-$(sha256sum "$req" | cut -c1-12)"

die() { echo "python-venv: error: $*" >&2; exit 1; }

if [ ! -f "$venv/.complete" ]; then
  command -v "$python" >/dev/null 2>&1 || die "'$python' not found"
  rm -rf "$venv"
  mkdir -p "$base"
  "$python" -m venv "$venv" >&2 ||
    die "'$python -m venv' failed (Debian: apt-get install python3-venv)"
  echo "python-venv: installing tests/python/requirements.txt into $venv" >&2
  "$venv/bin/python" -m pip install --disable-pip-version-check -q -r "$req" >&2 ||
    die "pip could not install tests/python/requirements.txt (is the package index reachable?)"
  touch "$venv/.complete"
fi
echo "$venv/bin/python"
