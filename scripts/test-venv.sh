#!/usr/bin/env bash
# The virtual environment holding the PyPI packages of tests/requirements.txt (pinned, with
# hashes). It is created once per version of that file, in
# ${CHORUS_VENV_ROOT:-~/.cache/chorus}/venv-<hash>, from Debian's python3 with its system site
# packages visible (pytest, numpy come from Debian), so several test suites share one file.
#
#   scripts/test-venv.sh                 prints the venv's python, creating the venv if needed
#   scripts/test-venv.sh run ARGS...     runs that python with ARGS (e.g. -m pytest tests/wyoming)
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
requirements="$root/tests/requirements.txt"
hash="$(sha256sum "$requirements" | cut -c1-16)"
venv="${CHORUS_VENV_ROOT:-$HOME/.cache/chorus}/venv-$hash"

if [ ! -f "$venv/.complete" ]; then
  # Built beside its final place and moved in, so a half-made venv is never used, and two
  # test runs creating it at once do not trip over each other.
  mkdir -p "$(dirname "$venv")"
  staging="$(mktemp -d "$venv.XXXXXX")"
  trap 'rm -rf "$staging"' EXIT
  echo "test-venv: creating $venv" >&2
  /usr/bin/python3 -m venv --system-site-packages "$staging"
  "$staging/bin/python" -m pip install --quiet --disable-pip-version-check --no-input \
    --require-hashes --no-deps --only-binary=:all: -r "$requirements" >&2
  touch "$staging/.complete"
  # The venv's scripts name their own path: recreate it in place once it is known to work.
  if ! mv -T "$staging" "$venv" 2>/dev/null; then
    rm -rf "$staging"  # another run won the race; its venv is complete
  else
    /usr/bin/python3 -m venv --system-site-packages "$venv" >&2
  fi
  trap - EXIT
fi

if [ "${1:-}" = run ]; then
  shift
  exec "$venv/bin/python" "$@"
fi
echo "$venv/bin/python"
