#!/usr/bin/env bash
# Install the Debian packages humsec builds with, when any is missing.
# Run as root (apt-get); otherwise prints the command to run and fails.
set -euo pipefail

packages=(
  build-essential cmake pkg-config git
  clang-format      # the code style, checked by make test
  clang libclang-rt-dev libomp-dev  # the fuzz harnesses: libFuzzer, ASan/UBSan runtimes, OpenMP
  libfyaml-dev      # YAML: scenarios, Flee simsettings, index definitions
  libcsv-dev        # CSV parsing
  librandom123-dev  # counter-based random streams (Philox)
  libjansson-dev    # JSON output (summary.json)
  libgsl-dev        # statistics, linear algebra
  libcmocka-dev     # unit tests under ctest
  libjs-vega        # charts: humsec report inlines its modules into the page (docs/report.md)
  chromium fonts-dejavu-core  # the report's browser test: headless Chromium opens each page
  libsqlite3-dev    # the results database of `humsec compare`
  valgrind          # the memcheck-clean default run (valgrind_default_run), run when present
  libopenmpi-dev openmpi-bin  # MPI (cmake -DHUMSEC_MPI=ON): make test's build-mpi under mpirun
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "humsec: installing missing packages: ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
    echo "humsec: not root and no sudo; please run as root:" >&2
    echo "  apt-get update && apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
else
  SUDO=
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
