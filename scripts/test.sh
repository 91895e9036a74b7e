#!/usr/bin/env bash
# Builds gigsim and runs every test, as CI does (.ci/run calls this):
#
#   bash scripts/test.sh
#
# 1. Release build in <repo>/build, then all CTest tests there: Catch2 unit and integration
#    tests and the pytest tests (label "python"), which run the real binary.
# 2. Address + undefined-behaviour sanitizer build (RelWithDebInfo, warnings as errors)
#    in <repo>/build-sanitize, then the same tests there, the pytest ones included: they drive
#    the binary through paths unit tests do not reach (SIGINT, kill -9, overwrite, bad input).
#    GIGSIM_SKIP_SANITIZE=1 skips this step.
# 3. libFuzzer on the scenario reader and the --set parser (scripts/fuzz.sh), for
#    GIGSIM_FUZZ_SECONDS seconds per target (default 60, both at once on two cores); each target
#    counts as one test, failed by any crash, hang or sanitizer report. GIGSIM_SKIP_FUZZ=1 skips.
# 4. clang-format check of the C++ sources in sim/ and tests/ (counts as one test).
#
# Missing Debian packages are installed first (scripts/install-deps.sh). The last line is
# "N passed, N failed" over all of the above; the exit status is non-zero if anything failed
# (a build that fails counts as one failed test).
set -uo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
jobs=$(nproc 2>/dev/null || echo 2)
passed=0
failed=0
logs=$(mktemp -d)
trap 'rm -rf "${logs}"' EXIT

section() { printf '\n=== %s ===\n' "$*"; }

finish() {
  printf '\n%s passed, %s failed\n' "${passed}" "${failed}"
  if [ "${failed}" -eq 0 ] && [ "${passed}" -gt 0 ]; then exit 0; fi
  exit 1
}

# build DIR CMAKE_ARGS...: configures and builds everything; a failure counts as one failed test.
build() {
  local dir=$1
  shift
  if cmake -S "${repo}" -B "${dir}" "$@" && cmake --build "${dir}" -j"${jobs}"; then
    return 0
  fi
  echo "test.sh: build in ${dir} failed" >&2
  failed=$((failed + 1))
  return 1
}

# run_ctest DIR CTEST_ARGS...: runs ctest and adds its counts from the line
# "NN% tests passed, F tests failed out of T".
run_ctest() {
  local dir=$1
  shift
  local log
  log="${logs}/$(basename "${dir}").log"
  (cd "${dir}" && ctest --output-on-failure -j2 "$@") 2>&1 | tee "${log}"
  local summary
  summary=$(grep -E '^[0-9]+% tests passed, [0-9]+ tests? failed out of [0-9]+' "${log}" | tail -n 1)
  if [ -z "${summary}" ]; then
    echo "test.sh: ctest in ${dir} ran no tests or did not finish" >&2
    failed=$((failed + 1))
    return
  fi
  local total failures
  total=$(sed -E 's/.* out of ([0-9]+).*/\1/' <<<"${summary}")
  failures=$(sed -E 's/.*, ([0-9]+) tests? failed.*/\1/' <<<"${summary}")
  passed=$((passed + total - failures))
  failed=$((failed + failures))
}

section "Debian packages"
if ! bash "${repo}/scripts/install-deps.sh" --fuzz; then
  echo "test.sh: missing packages could not be installed" >&2
  failed=$((failed + 1))
  finish
fi

section "Release build and tests (build/)"
SECONDS=0
if build "${repo}/build" -DCMAKE_BUILD_TYPE=Release; then
  run_ctest "${repo}/build"
fi
echo "test.sh: release build and tests took ${SECONDS} s"

if [ "${GIGSIM_SKIP_SANITIZE:-0}" != 1 ]; then
  section "Sanitizer build and tests (build-sanitize/)"
  SECONDS=0
  # Warnings are errors here too (CMakeLists.txt turns off one GCC false positive that the
  # sanitizer instrumentation causes).
  if build "${repo}/build-sanitize" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGIGSIM_SANITIZE=ON; then
    ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0} \
      UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1} \
      run_ctest "${repo}/build-sanitize"
  fi
  echo "test.sh: sanitizer build and tests took ${SECONDS} s"
else
  section "Sanitizer build skipped (GIGSIM_SKIP_SANITIZE=1)"
fi

if [ "${GIGSIM_SKIP_FUZZ:-0}" != 1 ]; then
  section "Fuzzing (build-fuzz/)"
  SECONDS=0
  fuzz_log="${logs}/fuzz.log"
  bash "${repo}/scripts/fuzz.sh" "${GIGSIM_FUZZ_SECONDS:-60}" 2>&1 | tee "${fuzz_log}"
  fuzz_passed=$(grep -cE '^fuzz: [a-z_]+: ok' "${fuzz_log}")
  fuzz_failed=$(grep -cE '^fuzz: [a-z_]+: FAILED' "${fuzz_log}")
  if [ $((fuzz_passed + fuzz_failed)) -eq 0 ]; then
    echo "test.sh: the fuzz stage ran no target" >&2
    fuzz_failed=1
  fi
  passed=$((passed + fuzz_passed))
  failed=$((failed + fuzz_failed))
  echo "test.sh: fuzzing took ${SECONDS} s"
else
  section "Fuzzing skipped (GIGSIM_SKIP_FUZZ=1)"
fi

section "clang-format (sim/, tests/)"
mapfile -t sources < <(cd "${repo}" && find sim tests -type f \( -name '*.cpp' -o -name '*.hpp' -o -name '*.h' \) | sort)
if [ "${#sources[@]}" -eq 0 ]; then
  echo "test.sh: no C++ sources found under sim/ and tests/" >&2
  failed=$((failed + 1))
elif format_report=$(cd "${repo}" && clang-format --dry-run --Werror "${sources[@]}" 2>&1); then
  echo "clang-format: ${#sources[@]} files formatted"
  passed=$((passed + 1))
else
  echo "${format_report}" | head -n 40
  echo "clang-format: files not formatted (fix with: clang-format -i FILE...):"
  grep -oE '^[^:]+\.(cpp|hpp|h):' <<<"${format_report}" | sort -u | tr -d ':' | sed 's/^/  /'
  failed=$((failed + 1))
fi

finish
