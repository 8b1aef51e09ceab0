# humsec: the two commands a user needs are `make run` and `make test`.
#   make run    install what is missing, build, run the embedded default scenario
#   make test   install, build, run every test (format check, release build, ASan+UBSan, fuzz,
#               and the MPI build's tests under mpirun)
#   make bench  build and run the benchmarks in bench/
#   make fuzz   build the fuzz harnesses of tests/fuzz with clang and run each FUZZ_SECONDS
JOBS   ?= $(shell nproc 2>/dev/null || echo 2)
BUILD  ?= build
OUT    ?= out/default

FUZZ_SECONDS ?= 60
FUZZ_TEST_SECONDS ?= 4

.PHONY: all deps build run test test-format test-release test-sanitize test-fuzz test-mpi test-mpi-run fuzz bench format clean

# ../shared beside the project holds real Flee cases and indicator data. Where it
# exists every test must run: HUMSEC_REQUIRE_SHARED=1 makes a test that cannot
# find its data fail instead of skipping (tests/testutil.c), and the check after
# ctest fails if any test skipped all the same. Without it (a new user's machine)
# the tests that need it (ctest label "shared") skip, and the check lists each
# with the reason it printed.
HAVE_SHARED := $(if $(wildcard ../shared/.),1,0)
ifeq ($(HAVE_SHARED),1)
export HUMSEC_REQUIRE_SHARED = 1
endif

# ctest in the build folder $(1), with $(2) before it (environment) and $(3) after
# it (arguments); then the skips: a program that exits 77 (ctest's "Skipped") or
# a cmocka test that calls skip() - each listed with its SKIP message.
define ctest_checked
	cd $(1) && $(2) ctest --output-on-failure -j $(JOBS) -O ctest.log $(3)
	@cd $(1) && awk -v shared=$(HAVE_SHARED) ' \
	  FNR == 1 { file++ } \
	  file == 1 && /\*\*\*Skipped/ { whole++ } \
	  file == 2 && /^[0-9]+\/[0-9]+ Test: / { t = $$3 } \
	  file == 2 && /^SKIP/ { print "  " t ": " $$0 } \
	  file == 2 && /^\[  SKIPPED \] [0-9]+ test/ { part++ } \
	  END { \
	    if (whole + part == 0) exit 0; \
	    printf "%d test program(s) skipped and %d skipped some of their tests (why: above)\n", \
	      whole, part; \
	    if (shared) { print "FAIL: ../shared exists, so no test may skip"; exit 1 } \
	    print "../shared is absent (a new user'"'"'s machine): these skips are expected" \
	  }' ctest.log Testing/Temporary/LastTest.log
endef

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

test: test-format test-release test-sanitize test-fuzz test-mpi

test-format: deps
	@clang-format --dry-run --Werror $(FORMATTED) && echo "clang-format: $(words $(FORMATTED)) files in style"

test-release: deps
	cmake -S . -B build-test -DCMAKE_BUILD_TYPE=Release -DHUMSEC_WERROR=ON >/dev/null
	cmake --build build-test -j $(JOBS)
	$(call ctest_checked,build-test)

# Sanitizer build: every test but the many-seed validation runs (label "heavy").
test-sanitize: deps
	cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DHUMSEC_WERROR=ON -DHUMSEC_SANITIZE=ON -DHUMSEC_BENCH=OFF >/dev/null
	cmake --build build-asan -j $(JOBS)
	$(call ctest_checked,build-asan,ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1,-LE heavy)

# Fuzz harnesses (tests/fuzz, clang's libFuzzer with ASan and UBSan), built in
# build-fuzz: make test runs each for FUZZ_TEST_SECONDS from a fresh corpus and
# a fixed seed (a short run that repeats itself); make fuzz runs each for
# FUZZ_SECONDS, its corpus growing in build-fuzz/corpus/ from run to run.
test-fuzz: deps
	FUZZ_JOBS=$(JOBS) tests/fuzz/run.sh build-fuzz $(FUZZ_TEST_SECONDS) quick

# MPI (issue 16, docs/scaling.md): the MPI build (build-mpi, -DHUMSEC_MPI=ON) and
# its tests (label "mpi": compare, validate, flight runs and worlds under mpirun on
# 1, 2 and 4 ranks), in a release build and in a sanitizer build (build-mpi-asan),
# whenever mpirun is present - the install script installs Open MPI, so make test
# asks again after it (a sub-make) rather than when the Makefile was read.
test-mpi: deps
	@$(MAKE) --no-print-directory test-mpi-run

test-mpi-run:
ifneq ($(shell command -v mpirun 2>/dev/null),)
	cmake -S . -B build-mpi -DCMAKE_BUILD_TYPE=Release -DHUMSEC_WERROR=ON -DHUMSEC_MPI=ON -DHUMSEC_BENCH=OFF >/dev/null
	cmake --build build-mpi -j $(JOBS) --target humsec mpi_test_mpi_ranks
	$(call ctest_checked,build-mpi,,-L mpi)
	@# The same tests with ASan and UBSan, for the code only several ranks run (the
	@# chunks of people, the sums over ranks). Leaks are not checked here: Open MPI's
	@# own allocations are still held at exit; test-sanitize checks humsec's.
	cmake -S . -B build-mpi-asan -DCMAKE_BUILD_TYPE=Debug -DHUMSEC_WERROR=ON -DHUMSEC_MPI=ON -DHUMSEC_SANITIZE=ON -DHUMSEC_BENCH=OFF >/dev/null
	cmake --build build-mpi-asan -j $(JOBS) --target humsec mpi_test_mpi_ranks
	$(call ctest_checked,build-mpi-asan,ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=print_stacktrace=1,-L mpi)
else
	@echo "mpirun is absent: the MPI tests do not run (scripts/install-deps.sh installs Open MPI)"
endif

fuzz: deps
	FUZZ_JOBS=$(JOBS) tests/fuzz/run.sh build-fuzz $(FUZZ_SECONDS)

bench: build
	@for b in $(BUILD)/bench/bench_*; do echo "== $$b"; $$b || exit 1; done

format:
	clang-format -i $(FORMATTED)

clean:
	rm -rf build build-test build-asan build-fuzz build-mpi build-mpi-asan
