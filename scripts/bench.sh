#!/usr/bin/env bash
# Benchmark (not a test, not run in CI):
#
#   bash scripts/bench.sh            # every scenarios/bench/*.toml: small, medium, million
#   bash scripts/bench.sh small      # only the named ones
#
# Builds gigsim (Release, <repo>/build) and runs each bench scenario with 1 and with 2 threads
# under /usr/bin/time -v. Prints per run: freelancer-steps per second (initial freelancers x
# simulated weeks, burn-in included, / wall seconds; read from the resolved scenario stored in
# the result file), wall seconds, peak RSS (MiB), the share of the run spent writing HDF5
# (from --profile), and the 1 -> 2 thread speed-up. Result files go to results/bench/.
# Targets (million): <= 60 s on 2 cores, <= 1 GiB peak RSS, >= 1.8x speed-up from 1 to 2 threads.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build="${repo}/build"
out="${repo}/results/bench"

bash "${repo}/scripts/install-deps.sh" >/dev/null
cmake -S "${repo}" -B "${build}" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "${build}" --target gigsim -j"$(nproc)" >/dev/null
gigsim="${build}/bin/gigsim"

# Debian's interpreter has h5py; a pyenv python3 first on PATH may not.
python=""
for candidate in /usr/bin/python3 "$(command -v python3 || true)"; do
  if [ -x "${candidate}" ] && "${candidate}" -c "import h5py" 2>/dev/null; then
    python=${candidate}
    break
  fi
done
[ -n "${python}" ] || { echo "bench: no python3 with h5py; run scripts/install-deps.sh" >&2; exit 1; }

if [ "$#" -gt 0 ]; then
  names=("$@")
else
  mapfile -t names < <(cd "${repo}/scenarios/bench" && ls -- *.toml | sed 's/\.toml$//' |
    awk '{ order = ($0 == "small") ? 1 : ($0 == "medium") ? 2 : ($0 == "million") ? 3 : 4; print order, $0 }' |
    sort -n | cut -d' ' -f2)
fi
for name in "${names[@]}"; do
  [ -f "${repo}/scenarios/bench/${name}.toml" ] || {
    echo "bench: no scenario scenarios/bench/${name}.toml" >&2
    exit 2
  }
done

mkdir -p "${out}"
# Initial freelancers and simulated weeks (burn-in included) of a result file, from its
# resolved scenario (root attribute).
size_of() {
  "${python}" - "$1" <<'PY'
import sys, tomllib, h5py
with h5py.File(sys.argv[1], "r") as f:
    scenario = f.attrs["scenario"]
    scenario = scenario.decode() if isinstance(scenario, bytes) else str(scenario)
    steps = int(f.attrs["steps_done"])
resolved = tomllib.loads(scenario)
print(resolved["market"]["initial_freelancers"], steps + resolved["run"]["burn_in_weeks"])
PY
}

# Wall seconds and peak RSS (MiB) from the report of /usr/bin/time -v.
wall_seconds() {
  awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0;
    for (i = 1; i <= n; i++) s = s * 60 + t[i]; printf "%.2f", s }' "$1"
}
peak_rss_mib() { awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$1"; }

printf '%-9s %8s %12s %6s %7s %9s %14s %9s %7s %8s\n' scenario threads freelancers weeks status \
  wall_s fl-steps/s peak_MiB hdf5_% speed-up
for name in "${names[@]}"; do
  wall_one=""
  for threads in 1 2; do
    result="${out}/${name}-t${threads}.h5"
    report="${out}/${name}-t${threads}.time"
    status=ok
    /usr/bin/time -v -o "${report}" "${gigsim}" run "${repo}/scenarios/bench/${name}.toml" \
      -o "${result}" --threads "${threads}" --force --quiet --profile \
      >"${out}/${name}-t${threads}.log" 2>&1 ||
      status="exit$?"
    wall=$(wall_seconds "${report}")
    rss=$(peak_rss_mib "${report}")
    hdf5_share=$(awk '/hdf5 writes/ { print $NF }' "${out}/${name}-t${threads}.log")
    if [ -f "${result}" ]; then
      read -r freelancers weeks < <(size_of "${result}")
    else
      freelancers=0 weeks=0
    fi
    rate=$(awk -v f="${freelancers}" -v w="${weeks}" -v s="${wall}" \
      'BEGIN { if (s > 0) printf "%.3g", f * w / s; else print "n/a" }')
    speedup=""
    if [ "${threads}" = 1 ]; then
      wall_one=${wall}
    else
      speedup=$(awk -v a="${wall_one}" -v b="${wall}" 'BEGIN { if (b > 0) printf "%.2fx", a / b }')
    fi
    printf '%-9s %8s %12s %6s %7s %9s %14s %9s %7s %8s\n' "${name}" "${threads}" "${freelancers}" \
      "${weeks}" "${status}" "${wall}" "${rate}" "${rss}" "${hdf5_share:-n/a}" "${speedup}"
  done
done
echo "targets (million): wall <= 60 s with 2 threads, peak RSS <= 1024 MiB, speed-up >= 1.8x"
echo "logs, /usr/bin/time reports and result files: ${out}"
