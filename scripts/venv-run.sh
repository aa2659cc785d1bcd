#!/usr/bin/env bash
# Runs a Python script in the test virtual environment (scripts/python-venv.sh creates it once).
# Usage: scripts/venv-run.sh SCRIPT.py [ARGS...]
set -euo pipefail
python="$("$(dirname "$0")/python-venv.sh")"
exec "$python" "$@"
