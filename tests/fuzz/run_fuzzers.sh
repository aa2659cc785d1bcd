#!/usr/bin/env bash
# Runs each libFuzzer target and fails on the first crash, hang or sanitizer report. A target
# stops after FUZZ_RUNS executions (when set) or FUZZ_SECONDS seconds, whichever comes first.
# The committed seeds and regression inputs start each run, with the target's dictionary
# (tests/fuzz/dict/<target>.dict) when it has one; what the run discovers is kept in
# $BUILD/fuzz-corpus/<target> and, with FUZZ_MINIMIZE=1, minimized afterwards (libFuzzer's
# -merge=1: the smallest set of inputs with the same coverage). One line per target reports
# executions, executions per second and wall time.
# A failing input is left in $BUILD/fuzz-artifacts: copy it into tests/fuzz/regressions/<target>/
# together with the fix and a unit test, so every test run replays it (fuzz_replay_<target>).
#
#   tests/fuzz/run_fuzzers.sh BUILD_DIR [target...]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="${1:?usage: run_fuzzers.sh BUILD_DIR [target...]}"
shift
all_targets=(speech_request voice_form audio_decode text npz wyoming_event http_head piper_voice
             config lexicon cache_entry watermark_detect)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all_targets[@]}")
seconds="${FUZZ_SECONDS:-600}"
runs="${FUZZ_RUNS:-}"

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

# The largest input each target is given: enough for its format, small enough to stay fast.
max_len_of() {
  case "$1" in
    audio_decode) echo 8192 ;;   # a fraction of a second of audio in any container
    voice_form) echo 8192 ;;     # the form's fields and a small file part
    *) echo 4096 ;;
  esac
}

status=0
for t in "${targets[@]}"; do
  binary="$build/fuzz/chorus_fuzz_$t"
  [ -x "$binary" ] || { echo "run_fuzzers: $binary is not built" >&2; exit 2; }
  work="$build/fuzz-corpus/$t"
  artifacts="$build/fuzz-artifacts"
  mkdir -p "$work" "$artifacts" "$here/regressions/$t"
  options=(-max_total_time="$seconds" -max_len="$(max_len_of "$t")" -timeout=20
           -rss_limit_mb=2560 -print_final_stats=1 -artifact_prefix="$artifacts/$t-")
  [ -n "$runs" ] && options+=(-runs="$runs")
  [ -f "$here/dict/$t.dict" ] && options+=(-dict="$here/dict/$t.dict")
  echo "== fuzz $t (${runs:+$runs runs or }${seconds}s)"
  log="$build/fuzz-$t.log"
  start=$(date +%s)
  # CPU seconds as well as wall time: on a loaded machine executions per CPU second are the
  # figure that compares (and what a free core would do per second).
  TIMEFORMAT='%U %S'
  if { time "$binary" "${options[@]}" "$work" "$here/corpus/$t" "$here/regressions/$t" >"$log" 2>&1; } \
       2>"$build/fuzz-$t.cpu"; then
    elapsed=$(( $(date +%s) - start ))
    executed=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    per_second=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
    cpu=$(awk '{printf "%.0f", $1 + $2}' "$build/fuzz-$t.cpu")
    coverage=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1 | cut -d' ' -f2)
    printf '%s: %s executions, %s/s wall, %d s wall, %s CPU s (%s per CPU s), %s coverage points\n' \
      "$t" "$executed" "$per_second" "$elapsed" "$cpu" \
      "$(( executed / (cpu > 0 ? cpu : 1) ))" "${coverage:-?}"
    if [ "${FUZZ_MINIMIZE:-0}" = 1 ]; then
      minimized="$build/fuzz-corpus/$t.min"
      rm -rf "$minimized" && mkdir -p "$minimized"
      "$binary" -merge=1 -max_len="$(max_len_of "$t")" -timeout=20 -rss_limit_mb=2560 \
        "$minimized" "$work" >"$build/fuzz-$t-merge.log" 2>&1
      rm -rf "$work" && mv "$minimized" "$work"
      echo "$t: corpus minimized to $(find "$work" -type f | wc -l) inputs"
    fi
  else
    status=1
    echo "run_fuzzers: $t FAILED; the input is in $artifacts/, the report:" >&2
    grep -v -E "^#[0-9]+|INFO:" "$log" | tail -n 60 >&2
  fi
done
exit $status
