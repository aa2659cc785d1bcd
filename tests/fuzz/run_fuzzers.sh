#!/usr/bin/env bash
# Runs each libFuzzer target for FUZZ_SECONDS (default 600) and fails on the first crash, hang
# or sanitizer report. The committed seeds and regression inputs start each run; what the run
# discovers stays in the build directory. A failing input is left in $BUILD/fuzz-artifacts:
# copy it into tests/fuzz/regressions/<target>/ together with the fix, so every test run
# replays it (fuzz_replay_<target> in ctest).
#
#   tests/fuzz/run_fuzzers.sh BUILD_DIR [target...]     (targets: speech_request voice_form text npz wyoming_event)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="${1:?usage: run_fuzzers.sh BUILD_DIR [target...]}"
shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(speech_request voice_form text npz wyoming_event)
seconds="${FUZZ_SECONDS:-600}"

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

status=0
for t in "${targets[@]}"; do
  binary="$build/fuzz/chorus_fuzz_$t"
  [ -x "$binary" ] || { echo "run_fuzzers: $binary is not built" >&2; exit 2; }
  max_len=4096
  [ "$t" = voice_form ] && max_len=65536  # a few seconds of audio inside the form
  work="$build/fuzz-corpus/$t"
  artifacts="$build/fuzz-artifacts"
  mkdir -p "$work" "$artifacts" "$here/regressions/$t"
  echo "== fuzz $t for ${seconds}s"
  log="$build/fuzz-$t.log"
  if "$binary" -max_total_time="$seconds" -max_len="$max_len" -timeout=20 -rss_limit_mb=2560 \
       -print_final_stats=1 -artifact_prefix="$artifacts/$t-" \
       "$work" "$here/corpus/$t" "$here/regressions/$t" >"$log" 2>&1; then
    grep -E "^stat::number_of_executed_units|^Done" "$log" | tr '\n' ' '
    echo
  else
    status=1
    echo "run_fuzzers: $t FAILED; the input is in $artifacts/, the report:" >&2
    grep -v -E "^#[0-9]+|INFO:" "$log" | tail -n 60 >&2
  fi
done
exit $status
