#!/usr/bin/env bash
# Benchmark (not a test, not run in CI):
#
#   bash scripts/bench.sh            # every scenarios/bench/*.toml: small, medium, million, ...
#   bash scripts/bench.sh small      # only the named ones
#   bash scripts/bench.sh --scaling [N...]  # wall time and memory at 20k, 200k, 1M, 5M freelancers
#   bash scripts/bench.sh --repeat 3 dense   # each run three times, the fastest kept
#
# Builds gigsim (Release, <repo>/build) and runs each bench scenario with 1 and with 2 threads
# under /usr/bin/time -v. Prints per run: freelancer-steps per second (initial freelancers x
# simulated weeks, burn-in included, / wall seconds; read from the resolved scenario stored in
# the result file), wall seconds, peak RSS (MiB), the share of the run spent writing HDF5
# (from --profile), and the 1 -> 2 thread speed-up. Result files go to results/bench/.
# Each scenario's figures are appended, dated and with the CPU and git commit, as a row of the
# first table of docs/benchmarks.md.
#
# --scaling runs the baseline with 20k, 200k, 1M and 5M initial freelancers (a tenth as many
# clients), the usual burn-in and 52 recorded weeks, on 2 threads, and appends wall seconds,
# peak RSS and bytes of peak RSS per freelancer to the scaling table of docs/benchmarks.md.
# --repeat N (before the names) runs each scenario and thread count N times and keeps the
# fastest run (its report, log and profile): on a shared machine wall times vary by tens of
# percent, and the least of several is the best estimate of what the code costs. The row's
# status says "best of N".
# OMP_WAIT_POLICY or GOMP_SPINCOUNT set in the environment reach the runs and are named in the
# rows' CPU column, e.g. GOMP_SPINCOUNT=200000 bash scripts/bench.sh million.
# Targets (million): <= 60 s on 2 cores, <= 1 GiB peak RSS, >= 1.8x speed-up from 1 to 2 threads.
set -euo pipefail

repeat=1
if [ "${1:-}" = "--repeat" ]; then
  [[ "${2:-}" =~ ^[1-9][0-9]*$ ]] || {
    echo "bench: --repeat takes a number of runs (1 or more), got '${2:-}'" >&2
    exit 2
  }
  repeat=$2
  shift 2
fi

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

scaling=0
if [ "${1:-}" = "--scaling" ]; then
  scaling=1
  shift
  sizes=("$@")  # freelancers per run; 20k, 200k, 1M and 5M unless given
  [ "${#sizes[@]}" -gt 0 ] || sizes=(20000 200000 1000000 5000000)
  for size in "${sizes[@]}"; do
    [[ "${size}" =~ ^[1-9][0-9]*$ ]] || {
      echo "bench: --scaling takes numbers of freelancers, got '${size}'" >&2
      exit 2
    }
  done
  set --
fi
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
doc="${repo}/docs/benchmarks.md"
today=$(date -u +%Y-%m-%d)
cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
# The waiting setting from the environment, if any (see the header).
waiting=""
[ -z "${OMP_WAIT_POLICY:-}" ] || waiting+="; OMP_WAIT_POLICY=${OMP_WAIT_POLICY}"
[ -z "${GOMP_SPINCOUNT:-}" ] || waiting+="; GOMP_SPINCOUNT=${GOMP_SPINCOUNT}"
cpu="${cpu:-unknown CPU} ($(nproc) cores${waiting})"
commit=$(git -C "${repo}" rev-parse --short HEAD 2>/dev/null || echo unknown)
# "+changes" marks uncommitted changes to what is measured; the rows and plot this script writes
# itself do not count, so a second bench after a first is labelled with the commit alone.
if [ -n "$(git -C "${repo}" status --porcelain --untracked-files=no -- . \
  ':!docs/benchmarks.md' ':!docs/benchmarks_scaling.png' 2>/dev/null)" ]; then
  commit="${commit}+changes"
fi

# Appends a Markdown table row to the table under the heading $1 of docs/benchmarks.md.
append_row() {
  "${python}" - "${doc}" "$1" "$2" <<'PY'
import sys
path, heading, row = sys.argv[1:]
lines = open(path, encoding="utf-8").read().split("\n")
at = lines.index(heading) + 1
while at < len(lines) and not lines[at].startswith("|"):
    at += 1
while at < len(lines) and lines[at].startswith("|"):
    at += 1
lines.insert(at, row)
open(path, "w", encoding="utf-8").write("\n".join(lines))
PY
}
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

if [ "${scaling}" = 1 ]; then
  printf '%12s %9s %9s %16s\n' freelancers wall_s peak_MiB bytes/freelancer
  for freelancers in "${sizes[@]}"; do
    report="${out}/scaling-${freelancers}.time"
    /usr/bin/time -v -o "${report}" "${gigsim}" run "${repo}/scenarios/baseline.toml" \
      -o "${out}/scaling-${freelancers}.h5" --threads 2 --force --quiet --steps 52 \
      --set market.initial_freelancers="${freelancers}" \
      --set market.initial_clients="$((freelancers / 10))" >"${out}/scaling-${freelancers}.log" 2>&1
    wall=$(wall_seconds "${report}")
    rss=$(peak_rss_mib "${report}")
    per=$(awk -F': ' -v f="${freelancers}" '/Maximum resident set size/ { printf "%.0f", $2 * 1024 / f }' "${report}")
    printf '%12s %9s %9s %16s\n' "${freelancers}" "${wall}" "${rss}" "${per}"
    append_row "## Scaling" "| ${today} | ${cpu} | ${commit} | ${freelancers} | ${wall} | ${rss} | ${per} |"
  done
  # The plot of docs/benchmarks.md: the latest row of each size, wall seconds and peak RSS
  # against freelancers on log axes (a straight line of slope 1 is linear growth).
  MPLBACKEND=Agg "${python}" - "${doc}" "${repo}/docs/benchmarks_scaling.png" <<'PY'
import sys
import matplotlib.pyplot as plt
doc, image = sys.argv[1:]
lines = open(doc, encoding="utf-8").read().split("\n")
at = lines.index("## Scaling")
latest = {}
for line in lines[at:]:
    cells = [c.strip() for c in line.strip("|").split("|")]
    if len(cells) == 7 and cells[3].isdigit():
        latest[int(cells[3])] = (float(cells[4]), float(cells[5]))
sizes = sorted(latest)
fig, axes = plt.subplots(1, 2, figsize=(9, 3.6))
for ax, index, label in ((axes[0], 0, "wall seconds (2 threads)"), (axes[1], 1, "peak RSS, MiB")):
    ax.loglog(sizes, [latest[n][index] for n in sizes], "o-")
    ax.set_xlabel("initial freelancers")
    ax.set_ylabel(label)
    ax.grid(True, which="both", alpha=0.3)
fig.suptitle("Baseline, burn-in and 52 recorded weeks")
fig.tight_layout()
fig.savefig(image, dpi=100)
PY
  echo "rows appended to ${doc}"
  exit 0
fi

printf '%-9s %8s %12s %6s %7s %9s %14s %9s %7s %8s\n' scenario threads freelancers weeks status \
  wall_s fl-steps/s peak_MiB hdf5_% speed-up
for name in "${names[@]}"; do
  wall_one=""
  for threads in 1 2; do
    result="${out}/${name}-t${threads}.h5"
    report="${out}/${name}-t${threads}.time"
    log="${out}/${name}-t${threads}.log"
    status=ok
    best=""
    for run in $(seq "${repeat}"); do
      run_status=ok
      /usr/bin/time -v -o "${report}.run" "${gigsim}" run "${repo}/scenarios/bench/${name}.toml" \
        -o "${result}" --threads "${threads}" --force --quiet --profile >"${log}.run" 2>&1 ||
        run_status="exit$?"
      run_wall=$(wall_seconds "${report}.run")
      # A failed run is kept as the row (it must show); otherwise the fastest.
      if [ "${run_status}" != ok ] || { [ "${status}" = ok ] &&
        { [ -z "${best}" ] || awk -v a="${run_wall}" -v b="${best}" 'BEGIN { exit !(a < b) }'; }; }; then
        mv "${report}.run" "${report}"
        mv "${log}.run" "${log}"
        best=${run_wall}
        status=${run_status}
      fi
      rm -f "${report}.run" "${log}.run"
    done
    wall=$(wall_seconds "${report}")
    rss=$(peak_rss_mib "${report}")
    hdf5_share=$(awk '/hdf5 writes/ { print $NF }' "${log}")
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
    if [ "${threads}" = 1 ]; then
      rss_one=${rss}
      status_one=${status}
    fi
  done
  # The row: both thread counts' seconds, the 2-thread rate, HDF5 share and the larger peak RSS.
  rss_max=$(awk -v a="${rss_one:-0}" -v b="${rss:-0}" 'BEGIN { print (a > b) ? a : b }')
  per=$(awk -v m="${rss_max}" -v f="${freelancers}" \
    'BEGIN { if (f > 0) printf "%.0f", m * 1048576 / f; else print "n/a" }')
  [ "${status_one}" = ok ] || status="1 thread: ${status_one}"
  [ "${repeat}" = 1 ] || status="${status}, best of ${repeat}"
  append_row "## Bench scenarios" "| ${today} | ${cpu} | ${commit} | ${name} | ${status} | ${wall_one} | ${wall} | ${rate} | ${rss_max} | ${per} | ${hdf5_share:-n/a} | ${speedup} |"
done
echo "rows appended to ${doc}"
echo "targets (million): wall <= 60 s with 2 threads, peak RSS <= 1024 MiB, speed-up >= 1.8x"
echo "logs, /usr/bin/time reports and result files: ${out}"
