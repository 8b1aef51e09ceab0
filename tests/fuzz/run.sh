#!/usr/bin/env bash
# Build the fuzz harnesses of tests/fuzz with clang (libFuzzer, ASan, UBSan
# with float-cast-overflow) and run each for a while on its seed corpus.
#
#   tests/fuzz/run.sh BUILD_DIR SECONDS [quick]
#
# BUILD_DIR  the fuzz build folder (configured here with CC=clang)
# SECONDS    how long each harness runs
# quick      the short run of `make test`: a fresh working corpus and a fixed
#            seed each time, so that a run repeats the last one; without it
#            (`make fuzz`) the corpus grows in BUILD_DIR/corpus/ across runs.
#
# FUZZ_ONLY="yaml table" runs only those harnesses.
#
# Anything a harness finds (a crash, a sanitizer report, a leak, an input
# slower than 10 s, more than 2 GB) fails the run; the input that did it is
# kept in BUILD_DIR/artifacts/ and the report in BUILD_DIR/logs/.
# Where clang or libFuzzer is missing the run is skipped with a message -
# unless ../shared is there (HUMSEC_REQUIRE_SHARED=1, set by the Makefile):
# then a fuzz run that cannot happen is a failure, as a skipped test is.
set -uo pipefail

build=${1:?usage: run.sh BUILD_DIR SECONDS [quick]}
seconds=${2:?usage: run.sh BUILD_DIR SECONDS [quick]}
mode=${3:-long}
src=$(cd "$(dirname "$0")/../.." && pwd)
here=$src/tests/fuzz
CC=${FUZZ_CC:-clang}

unavailable() {
  if [ "${HUMSEC_REQUIRE_SHARED:-0}" = 1 ]; then
    echo "fuzz: FAIL: $1 (install it with scripts/install-deps.sh)" >&2
    exit 1
  fi
  echo "fuzz: skipped: $1 (scripts/install-deps.sh installs clang and libFuzzer)"
  exit 0
}

command -v "$CC" >/dev/null 2>&1 || unavailable "no $CC"
mkdir -p "$build" || exit 1
probe=$build/probe
printf 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n)\n{ (void)d; (void)n; return 0; }\n' >"$probe.c"
"$CC" -fsanitize=fuzzer,address,undefined,float-cast-overflow "$probe.c" -o "$probe" \
  >"$probe.log" 2>&1 || unavailable "$CC cannot build a libFuzzer program ($(head -c 200 "$probe.log"))"

jobs=${FUZZ_JOBS:-$(nproc 2>/dev/null || echo 2)}
CC=$CC cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHUMSEC_FUZZ=ON \
  -DHUMSEC_TESTS=OFF -DHUMSEC_BENCH=OFF -DHUMSEC_WERROR=ON >"$build/configure.log" 2>&1 ||
  { cat "$build/configure.log" >&2; exit 1; }
cmake --build "$build" -j "$jobs" --target fuzz_harnesses >"$build/build.log" 2>&1 ||
  { tail -40 "$build/build.log" >&2; exit 1; }

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$here/lsan.supp:print_suppressions=0}
export OMP_WAIT_POLICY=passive OMP_NUM_THREADS=1
mkdir -p "$build/artifacts" "$build/logs"
failed=0
for seeds in "$here"/corpus/*/; do
  name=$(basename "$seeds")
  if [ -n "${FUZZ_ONLY:-}" ] && [[ " $FUZZ_ONLY " != *" $name "* ]]; then continue; fi
  bin=$build/tests/fuzz/fuzz_$name
  [ -x "$bin" ] || { echo "fuzz_$name: FAIL: not built" >&2; failed=1; continue; }
  work=$build/corpus/$name
  extra=()
  if [ "$mode" = quick ]; then
    rm -rf "$work"
    extra=(-seed=1)
  fi
  mkdir -p "$work"
  log=$build/logs/$name.log
  "$bin" "$work" "$seeds" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$build/artifacts/$name-" -print_final_stats=1 "${extra[@]}" >"$log" 2>&1
  rc=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  if [ $rc -ne 0 ]; then
    failed=1
    echo "fuzz_$name: FAIL (exit $rc) after ${runs:-?} inputs; the report:" >&2
    grep -E 'ERROR|SUMMARY|runtime error|Test unit written|timeout|out-of-memory' "$log" | head -20 >&2
    echo "  whole log: $log" >&2
  else
    echo "fuzz_$name: ${runs:-?} inputs in ${seconds} s, nothing found"
  fi
done
exit $failed
