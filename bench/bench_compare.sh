#!/usr/bin/env bash
# bench_compare.sh - the shipped doctrine experiment (issue 12's benchmark):
# `humsec compare scenarios/experiments/doctrines.yml` (4 arms x 30 replicates,
# ten years, people at a tenth) timed from a fresh start, with its runs a second
# and how busy the threads were. The goal: under 5 minutes on 2 cores.
#
# usage: bench/bench_compare.sh BUILD_DIR [THREADS] [EXPERIMENT]
#   BUILD_DIR   the build folder holding `humsec`
#   THREADS     threads in all (default 2)
#   EXPERIMENT  default scenarios/experiments/doctrines.yml
# Wall seconds are the whole command, from reading the file to the committed
# folder (tables, sensitivity and database included); the seconds of each run
# on its thread come from timing.csv. HUMSEC_BENCH_OUT=DIR keeps the output
# folder there (default: a temporary folder, removed). Run it on an idle
# machine; other load lengthens every figure.
set -u
if [ $# -lt 1 ] || [ ! -x "$1/humsec" ]; then
    echo "usage: $0 BUILD_DIR [THREADS] [EXPERIMENT]" >&2
    exit 2
fi
build=$1
threads=${2:-2}
here=$(cd "$(dirname "$0")" && pwd)
experiment=${3:-$here/../scenarios/experiments/doctrines.yml}
if [ -n "${HUMSEC_BENCH_OUT:-}" ]; then
    out=$HUMSEC_BENCH_OUT
    mkdir -p "$out" || exit 1
else
    out=$(mktemp -d /tmp/humsec-bench-compare.XXXXXX)
fi
start=$(date +%s.%N)
"$build/humsec" compare "$experiment" -o "$out/x" --threads "$threads" --fresh --quiet || exit 1
end=$(date +%s.%N)
python3 - "$out/x" "$start" "$end" "$threads" <<'PY'
import csv, json, sys
d, t0, t1, threads = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
wall = t1 - t0
runs = list(csv.DictReader(open(f"{d}/runs.csv")))
timing = [float(r["wall_seconds"]) for r in csv.DictReader(open(f"{d}/timing.csv"))]
s = json.load(open(f"{d}/summary.json"))
days = int(runs[0]["days"])
print(f"experiment {s['experiment']}: {len(runs)} runs of {days} days, scale {s['scale']}, "
      f"{threads} threads")
print(f"  wall {wall:.1f} s ({wall / 60:.2f} min; goal under 5 min on 2 cores)")
print(f"  {len(runs) / wall:.3f} runs a second; a run takes {sum(timing) / len(timing):.2f} s "
      f"on average on its thread (min {min(timing):.2f}, max {max(timing):.2f})")
print(f"  runs' seconds summed / wall = {sum(timing) / wall:.2f} (the threads kept busy)")
PY
[ -n "${HUMSEC_BENCH_OUT:-}" ] && echo "  output: $out/x" || rm -rf "$out"
