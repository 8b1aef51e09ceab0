#!/usr/bin/env bash
# check-exports.sh LIB INCLUDE_DIR - fails unless every symbol the shared
# library exports is a name declared in the public headers (include/humsec/),
# and lists the ones that are not. Run by ctest as api_exports.
set -euo pipefail
lib=$1 inc=$2
# Names the public headers mention (functions, variables, types).
declared=$(cat "$inc"/*.h | grep -oE '\bhs_[A-Za-z0-9_]+\b' | sort -u)
# Defined dynamic symbols, without the linker's own (_init, _end, ...) and
# the names GCC gives OpenMP's named critical sections (global by design).
exported=$(nm -D --defined-only "$lib" | awk '{print $3}' | grep -vE '^(_init|_fini|_edata|_end|__bss_start|\.gomp_critical_user_.*)$' | sort -u)
n=$(printf '%s\n' "$exported" | grep -c . || true)
[ "$n" -gt 0 ] || { echo "api_exports: $lib exports nothing"; exit 1; }
stray=$(comm -23 <(printf '%s\n' "$exported") <(printf '%s\n' "$declared"))
if [ -n "$stray" ]; then
  echo "api_exports: $lib exports names no header in $inc declares:"
  printf '  %s\n' $stray
  exit 1
fi
echo "api_exports: all $n exported names are declared in $inc"
echo "1 passed, 0 failed"
