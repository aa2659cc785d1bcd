#!/usr/bin/env bash
# Line coverage of each parser by its fuzz corpus: the replay binaries (replay_main.cpp) built
# with clang source-based coverage in BUILD_DIR run every committed seed and regression input,
# plus the corpus `make fuzz` kept in build-asan/fuzz-corpus/<target> when there is one; then
# llvm-cov reports, per target, the lines of the parser sources it fuzzes (a table on stdout,
# line by line HTML in BUILD_DIR/fuzz-coverage/<target>/index.html).
#
#   tests/fuzz/coverage.sh BUILD_DIR [target...]      (BUILD_DIR configured with CHORUS_COVERAGE=ON)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
build="${1:?usage: coverage.sh BUILD_DIR [target...]}"
shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(speech_request voice_form audio_decode text npz wyoming_event
                                     http_head piper_voice config lexicon cache_entry watermark_detect)
profdata="$(command -v llvm-profdata || command -v llvm-profdata-14)"
cov="$(command -v llvm-cov || command -v llvm-cov-14)"

# The sources each target exists to cover (what the table reports), relative to src/.
sources_of() {
  case "$1" in
    speech_request) echo server/speech_request_parser.cpp server/lexicon_request.cpp router/speech_request_validation.cpp ;;
    voice_form) echo server/voice_form.cpp ;;
    audio_decode) echo voices/audio_decoder.cpp ;;
    text) echo text/*.cpp ;;
    npz) echo engines/kokoro/kokoro_npz.cpp engines/kokoro/kokoro_voices.cpp ;;
    wyoming_event) echo wyoming/wyoming_event.cpp wyoming/sentence_buffer.cpp ;;
    http_head) echo server/head_waiter.cpp server/request_guard.cpp server/body_limits.cpp server/connection_stream.cpp server/route_table.cpp ;;
    piper_voice) echo engines/piper/piper_voice_config.cpp ;;
    config) echo config/config_loader.cpp config/config_keys.cpp config/lexicon_keys.cpp config/warmup_key.cpp ;;
    lexicon) echo config/lexicon_keys.cpp text/lexicon.cpp ;;
    cache_entry) echo cache/cached_speech.cpp ;;
    watermark_detect) echo server/watermark_check.cpp audio/watermark/watermark_detector.cpp audio/watermark/watermark_payload.cpp ;;
  esac
}

mkdir -p "$build/fuzz-coverage"
printf '| target | inputs | lines covered | line coverage |\n|---|---|---|---|\n'
for t in "${targets[@]}"; do
  binary="$build/fuzz/chorus_fuzz_${t}_replay"
  [ -x "$binary" ] || { echo "coverage: $binary is not built" >&2; exit 2; }
  inputs=("$here/corpus/$t" "$here/regressions/$t")
  kept="$root/build-asan/fuzz-corpus/$t"
  [ -d "$kept" ] && [ -n "$(ls -A "$kept")" ] && inputs+=("$kept")
  count=$(find "${inputs[@]}" -type f ! -name '.*' | wc -l)
  rm -f "$build/fuzz-coverage/$t".*
  LLVM_PROFILE_FILE="$build/fuzz-coverage/$t.profraw" "$binary" "${inputs[@]}" >/dev/null
  "$profdata" merge -sparse -o "$build/fuzz-coverage/$t.profdata" "$build/fuzz-coverage/$t.profraw"
  # Paths in the coverage mapping are as the compiler saw them (relative, through ccache's base
  # directory): the parser's files are picked from the whole report by their path under src/.
  wanted=$(cd "$root/src" && sources_of "$t")
  "$cov" show "$binary" -instr-profile="$build/fuzz-coverage/$t.profdata" -format=html \
    -output-dir="$build/fuzz-coverage/$t" >/dev/null
  # Report columns: file, regions, missed, cover, functions, missed, executed, lines, missed, ...
  read -r lines missed < <("$cov" report "$binary" -instr-profile="$build/fuzz-coverage/$t.profdata" |
    awk -v wanted="$wanted" 'BEGIN { n = split(wanted, w, " "); for (i = 1; i <= n; i++) want["src/" w[i]] = 1 }
      { for (f in want) if (length($1) >= length(f) && substr($1, length($1) - length(f) + 1) == f) { l += $8; m += $9 } }
      END { print l + 0, m + 0 }')
  percent=$(awk -v l="$lines" -v m="$missed" 'BEGIN { printf "%.1f%%", l ? 100 * (l - m) / l : 0 }')
  printf '| %s | %s | %s / %s | %s |\n' "$t" "$count" "$((lines - missed))" "$lines" "$percent"
done
