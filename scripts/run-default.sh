#!/usr/bin/env bash
# Builds gigsim (Release, in <repo>/build) and runs the default (baseline) scenario:
#
#   bash scripts/run-default.sh [EXTRA gigsim run OPTIONS...]
#
# writes results/baseline.h5 under the repository root and prints gigsim's summary. Works from
# any directory; installs missing Debian packages first (scripts/install-deps.sh). The result is
# reproducible (same scenario and seed give the same file), so a re-run replaces it: the script
# passes --force. Extra options go to `gigsim run`, e.g. `--seed 2` or `--threads 1`; with your
# own `-o FILE` the result goes there instead (and --force is only passed if you pass it).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build="${repo}/build"

bash "${repo}/scripts/install-deps.sh"
cmake -S "${repo}" -B "${build}" -DCMAKE_BUILD_TYPE=Release
cmake --build "${build}" --target gigsim -j"$(nproc)"

run_args=(run)
custom_output=false
for arg in "$@"; do
  case "${arg}" in
    -o | -o* | --output | --output=*) custom_output=true ;;
  esac
done
if ! ${custom_output}; then
  mkdir -p "${repo}/results"
  run_args+=(-o "${repo}/results/baseline.h5")
  case " $* " in
    *" --force "*) ;;
    *) run_args+=(--force) ;;
  esac
fi

exec "${build}/bin/gigsim" "${run_args[@]}" "$@"
