# humsec: the two commands a user needs are `make run` and `make test`.
#   make run    install what is missing, build, run the embedded default scenario
#   make test   install, build, run every test (format check, release build, then ASan+UBSan)
#   make bench  build and run the benchmarks in bench/
JOBS   ?= $(shell nproc 2>/dev/null || echo 2)
BUILD  ?= build
OUT    ?= out/default

.PHONY: all deps build run test test-format test-release test-sanitize bench format clean

# Sources kept in clang-format's style; builtin.c is generated from data/indices
# (a test compares it byte for byte with what the definitions give).
FORMATTED = $(filter-out src/measure/builtin.c,$(shell git ls-files '*.c' '*.h' 2>/dev/null))

all: build

deps:
	@scripts/install-deps.sh

build: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

run: build
	./$(BUILD)/humsec run -o $(OUT)

test: test-format test-release test-sanitize

test-format: deps
	@clang-format --dry-run --Werror $(FORMATTED) && echo "clang-format: $(words $(FORMATTED)) files in style"

test-release: deps
	cmake -S . -B build-test -DCMAKE_BUILD_TYPE=Release -DHUMSEC_WERROR=ON >/dev/null
	cmake --build build-test -j $(JOBS)
	cd build-test && ctest --output-on-failure -j $(JOBS)

# Sanitizer build: every test but the many-seed validation runs (label "heavy").
test-sanitize: deps
	cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DHUMSEC_WERROR=ON -DHUMSEC_SANITIZE=ON -DHUMSEC_BENCH=OFF >/dev/null
	cmake --build build-asan -j $(JOBS)
	cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  ctest --output-on-failure -j $(JOBS) -LE heavy

bench: build
	@for b in $(BUILD)/bench/bench_*; do echo "== $$b"; $$b || exit 1; done

format:
	clang-format -i $(FORMATTED)

clean:
	rm -rf build build-test build-asan
