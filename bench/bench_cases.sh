#!/usr/bin/env bash
# bench_cases.sh - every Flee case in ../shared/validation/flee run once as
# `humsec validate CASE` runs it (FabFlee's validation settings, their own
# hasten 1), one seed, and timed: a table of case, days, agent-days, mean agents
# a day, wall seconds and Flee's time where it was measured, then the total.
#
# usage: bench/bench_cases.sh BUILD_DIR [THREADS] [LIMIT_SECONDS]
#   BUILD_DIR      the build folder holding `humsec` (e.g. build)
#   THREADS        threads per run (default 1)
#   LIMIT_SECONDS  a case still running after this is stopped and reported as not
#                  finished (default 600; ukraine2022 at hasten 1 needs more)
# Environment: HUMSEC_FLEE_CASES (default: ../shared/validation/flee beside the
# source tree), HUMSEC_BENCH_OUT (default: a fresh folder under /tmp).
#
# Wall seconds are the whole command (reading the case, the run, the ARD and the
# output folder), measured with bash's `time`. Run it on an idle machine, e.g.
# under `nice -n 10` when sharing one; other load lengthens every figure.
set -u

if [ $# -lt 1 ] || [ ! -x "$1/humsec" ]; then
    echo "usage: $0 BUILD_DIR [THREADS] [LIMIT_SECONDS] (BUILD_DIR/humsec must exist)" >&2
    exit 2
fi
build=$1
threads=${2:-1}
limit=${3:-600}
here=$(cd "$(dirname "$0")" && pwd)
cases=${HUMSEC_FLEE_CASES:-$here/../../shared/validation/flee}
if [ ! -d "$cases" ]; then
    echo "$0: no folder of cases at $cases (set HUMSEC_FLEE_CASES)" >&2
    exit 2
fi
out=${HUMSEC_BENCH_OUT:-$(mktemp -d /tmp/humsec-bench-cases.XXXXXX)}
mkdir -p "$out"

# Flee's wall seconds for one seed on one core, where measured. Source: measured
# on this project's machine (2 cores), as stated in the text of issues 14 and 17.
# Only mali2012 was measured at hasten 1; the other two are at hasten 10.
flee_time() {
    case $1 in
    mali2012) echo "97 (hasten 1)" ;;
    ssudan2013) echo "53.5 (hasten 10)" ;;
    syria2013) echo "386 (hasten 10)" ;;
    *) echo "not measured" ;;
    esac
}

# A number from summary.json ("key": value), or "-".
json_number() {
    v=$(sed -n "s/^ *\"$2\": *\\([-0-9.eE+]*\\),*\$/\\1/p" "$1" 2>/dev/null | head -n 1)
    echo "${v:--}"
}

printf '%-20s %6s %14s %12s %10s  %s\n' case days agent-days "agents/day" seconds "Flee seconds"
total=0
unfinished=0
for dir in "$cases"/*/; do
    name=$(basename "$dir")
    [ -d "$dir/input_csv" ] || continue
    o="$out/$name"
    TIMEFORMAT=%R
    secs=$({ time timeout "$limit" "$build/humsec" validate "$dir" --seeds 1 --seed 1 \
        --threads "$threads" -o "$o" >"$out/$name.log" 2>&1; } 2>&1)
    if [ ! -f "$o/summary.json" ]; then
        printf '%-20s %6s %14s %12s %10s  %s\n' "$name" - - - \
            "did not finish in $limit s" "$(flee_time "$name")"
        unfinished=$((unfinished + 1))
        total=$(awk -v a="$total" -v b="$secs" 'BEGIN { printf "%.1f", a + b }')
        continue
    fi
    days=$(json_number "$o/summary.json" days)
    ad=$(json_number "$o/summary.json" agent_days)
    per=$(awk -v a="$ad" -v d="$days" 'BEGIN { if (d > 0) printf "%.0f", a / d; else print "-" }')
    printf '%-20s %6s %14.0f %12s %10.1f  %s\n' "$name" "$days" "$ad" "$per" "$secs" \
        "$(flee_time "$name")"
    total=$(awk -v a="$total" -v b="$secs" 'BEGIN { printf "%.1f", a + b }')
done
if [ "$unfinished" -gt 0 ]; then
    echo "total $total s ($unfinished case(s) stopped at $limit s; $threads thread(s); outputs in $out)"
else
    echo "total $total s ($threads thread(s); outputs in $out)"
fi
