#!/usr/bin/env bash
# Fuzzes the scenario reader and the --set parser with libFuzzer (tests/fuzz):
#
#   bash scripts/fuzz.sh [SECONDS] [TARGET...]
#
# Builds the fuzz targets with clang in <repo>/build-fuzz (address + undefined-behaviour
# sanitizers, assertions on, toml++ compiled in and instrumented), then runs each target for
# SECONDS seconds (default 60; both at once when there are two cores). Targets:
# fuzz_scenario_reader, fuzz_set_option (default: both).
#
# Seed corpus: the shipped scenarios, the test fixtures, tests/fuzz/seeds/<target>/ and the
# inputs of the error gallery (tests/unit/test_scenario_errors.cpp). What the fuzzer learns is
# kept in build-fuzz/corpus/<target>/ for the next run. A crash, a hang (30 s on one input;
# a loaded machine makes the first inputs slow under the sanitizers), a
# sanitizer report, a leak or more than 2 GB of memory fails the target; the input is saved in
# build-fuzz/findings/<target>/ (replay: build-fuzz/bin/<target> FILE).
#
# Prints one line per target, "fuzz: TARGET: ok (N runs in S s, C inputs in the corpus)" or
# "fuzz: TARGET: FAILED (...)"; exits non-zero if any failed. Needs clang-14 and
# libclang-rt-14-dev (scripts/install-deps.sh --fuzz installs them).
set -uo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
seconds=${1:-60}
shift || true
targets=("$@")
[ "${#targets[@]}" -gt 0 ] || targets=(fuzz_scenario_reader fuzz_set_option)
build="${repo}/build-fuzz"

if ! [[ "${seconds}" =~ ^[0-9]+$ ]] || [ "${seconds}" -lt 1 ]; then
  echo "fuzz.sh: SECONDS must be a whole number of seconds, got '${seconds}'" >&2
  exit 2
fi
for tool in clang-14 clang++-14; do
  if ! command -v "${tool}" >/dev/null 2>&1; then
    echo "fuzz.sh: ${tool} not found; install it with: bash scripts/install-deps.sh --fuzz" >&2
    exit 2
  fi
done

echo "fuzz.sh: building the fuzz targets in ${build}"
mkdir -p "${build}"
if ! cmake -S "${repo}" -B "${build}" -DGIGSIM_FUZZ=ON -DCMAKE_BUILD_TYPE= \
  -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14 >"${build}/build.log" 2>&1 ||
  ! cmake --build "${build}" -j"$(nproc 2>/dev/null || echo 2)" >>"${build}/build.log" 2>&1; then
  tail -n 40 "${build}/build.log" >&2
  for target in "${targets[@]}"; do echo "fuzz: ${target}: FAILED (the build failed)"; done
  exit 1
fi

# seeds TARGET DIR: writes the seed inputs of TARGET into DIR (replaced on every call).
seeds() {
  local target=$1 dir=$2
  rm -rf "${dir}"
  mkdir -p "${dir}"
  cp "${repo}/tests/fuzz/seeds/${target#fuzz_}/"* "${dir}/" 2>/dev/null
  local call=load_error
  if [ "${target}" = fuzz_scenario_reader ]; then
    find "${repo}/scenarios" "${repo}/tests/fixtures" -name '*.toml' -type f -print0 |
      while IFS= read -r -d '' file; do
        cp "${file}" "${dir}/$(echo "${file#"${repo}/"}" | tr '/' '_')"
      done
  else
    call=set_error
  fi
  # The gallery's inputs: the string literals given to load_error("...") or set_error("...").
  /usr/bin/python3 - "${repo}/tests/unit/test_scenario_errors.cpp" "${call}" "${dir}" <<'PYTHON'
import ast, re, sys
source, call, out = open(sys.argv[1], encoding="utf-8").read(), sys.argv[2], sys.argv[3]
literal = r'"(?:[^"\\\n]|\\.)*"'
for n, match in enumerate(re.finditer(call + r'\(\s*((?:' + literal + r'\s*)+)\)', source)):
    parts = re.findall(literal, match.group(1))
    text = "".join(ast.literal_eval(part) for part in parts)
    with open(f"{out}/gallery_{n:03d}", "w", encoding="utf-8") as f:
        f.write(text)
PYTHON
}

# run_target TARGET: fuzzes TARGET for the given time; prints its result line.
run_target() {
  local target=$1
  local corpus="${build}/corpus/${target}" seed_dir="${build}/seeds/${target}"
  local findings="${build}/findings/${target}" log="${build}/${target}.log"
  mkdir -p "${corpus}" "${findings}"
  seeds "${target}" "${seed_dir}"
  local seed_count
  seed_count=$(find "${seed_dir}" -type f | wc -l)
  SECONDS=0
  "${build}/bin/${target}" -max_total_time="${seconds}" -timeout=30 -rss_limit_mb=2048 \
    -max_len=16384 -dict="${repo}/tests/fuzz/toml.dict" -print_final_stats=1 \
    -artifact_prefix="${findings}/" "${corpus}" "${seed_dir}" >"${log}" 2>&1
  local status=$? elapsed=${SECONDS}
  local runs inputs
  runs=$(grep -oE 'stat::number_of_executed_units: [0-9]+' "${log}" | grep -oE '[0-9]+$' | tail -n 1)
  inputs=$(find "${corpus}" -type f | wc -l)
  if [ "${status}" -eq 0 ]; then
    echo "fuzz: ${target}: ok (${runs:-?} runs in ${elapsed} s, ${seed_count} seeds, ${inputs} inputs in the corpus)"
  else
    echo "fuzz: ${target}: FAILED (exit ${status} after ${elapsed} s; log ${log}; input in ${findings}/)"
    grep -E 'ERROR:|runtime error|Assertion|SUMMARY|ALARM|Test unit written' "${log}" | head -n 12 |
      sed 's/^/    /'
  fi
  return "${status}"
}

failed=0
if [ "$(nproc 2>/dev/null || echo 1)" -ge 2 ] && [ "${#targets[@]}" -gt 1 ]; then
  pids=()
  for target in "${targets[@]}"; do
    run_target "${target}" >"${build}/${target}.result" &
    pids+=($!)
  done
  for i in "${!targets[@]}"; do
    wait "${pids[$i]}" || failed=$((failed + 1))
    cat "${build}/${targets[$i]}.result"
  done
else
  for target in "${targets[@]}"; do run_target "${target}" || failed=$((failed + 1)); done
fi
exit $((failed > 0 ? 1 : 0))
