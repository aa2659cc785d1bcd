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
ORT_PREFIX := $(shell bash scripts/onnxruntime-prefix.sh 2>/dev/null)
ifneq ($(ORT_PREFIX),)
CMAKE_FLAGS += -DCMAKE_PREFIX_PATH=$(ORT_PREFIX)
endif

.PHONY: deps build run test unit e2e browser browser-deps bench asan tsan clean

deps:
	@bash scripts/install-deps.sh

$(BUILD_DIR)/CMakeCache.txt:
	cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_FLAGS)

build: deps
	cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_FLAGS)
	cmake --build $(BUILD_DIR) -j $(JOBS)

run: build
	$(BUILD_DIR)/chorus serve --host $(HOST) --port $(PORT)

test: build browser-deps
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

unit: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS) -L unit

e2e: build
	cd $(BUILD_DIR) && ctest --output-on-failure -L e2e

# The browser tests' npm packages (playwright-core drives Debian's chromium; no browser download).
BROWSER_DEPS := tests/browser/node_modules/.package-lock.json
$(BROWSER_DEPS): tests/browser/package-lock.json
	cd tests/browser && npm ci --no-audit --no-fund
browser-deps: $(BROWSER_DEPS)

browser: build browser-deps
	cd $(BUILD_DIR) && ctest --output-on-failure -L browser

bench: build
	$(BUILD_DIR)/chorus_bench --chorus-binary $(BUILD_DIR)/chorus

asan: deps
	cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DCHORUS_SANITIZE=address,undefined -DCHORUS_BUILD_BENCH=OFF $(CMAKE_FLAGS)
	cmake --build build-asan -j $(JOBS)
	cd build-asan && ctest --output-on-failure -j $(JOBS)

tsan: deps
	cmake -S . -B build-tsan -DCMAKE_BUILD_TYPE=Debug -DCHORUS_SANITIZE=thread -DCHORUS_BUILD_BENCH=OFF $(CMAKE_FLAGS)
	cmake --build build-tsan -j $(JOBS)
	cd build-tsan && ctest --output-on-failure -j $(JOBS)

clean:
	rm -rf $(BUILD_DIR) build-asan build-tsan
