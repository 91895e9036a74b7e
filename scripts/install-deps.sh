#!/usr/bin/env bash
# Installs the Debian 12 packages gigsim needs to build, test and analyse.
#
#   bash scripts/install-deps.sh [--fuzz]
#
# With --fuzz (scripts/test.sh passes it) also clang 14 and its runtime libraries, for the
# libFuzzer stage (scripts/fuzz.sh); building and running gigsim does not need them.
#
# Idempotent and fast when everything is present: one dpkg-query call, and apt-get only runs
# (update, then install) when a package is missing. As root it installs directly; otherwise it
# uses sudo if that works without a password prompt, and if not it prints the exact command to
# run and exits 1. Works on a bare Debian 12 (minbase with git and ca-certificates).
set -euo pipefail

packages=(
  # C++ toolchain and build
  build-essential g++ cmake pkg-config git
  # engine libraries
  libhdf5-dev hdf5-tools libboost-program-options-dev libboost-random-dev
  libtomlplusplus-dev catch2 nlohmann-json3-dev
  # experiments across nodes (mpirun -n K gigsim experiment ...) and their test
  libopenmpi-dev openmpi-bin
  # analysis package and pytest tests; Debian's /usr/bin/python3 has these, a pyenv one does not
  python3 python3-h5py python3-numpy python3-pandas python3-xarray python3-h5netcdf
  python3-netcdf4 python3-scipy python3-matplotlib python3-statsmodels python3-pytest
  # headless browser: the pytest test of the HTML report opens it and checks the images render
  chromium
  # code style check in scripts/test.sh; /usr/bin/time for scripts/bench.sh
  clang-format time
)
case "${1:-}" in
  --fuzz) packages+=(clang-14 libclang-rt-14-dev) ;;
  "") ;;
  *)
    echo "install-deps: unknown option '$1' (the only one is --fuzz)" >&2
    exit 2
    ;;
esac

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "install-deps: dpkg-query not found; gigsim's set-up scripts need Debian 12 (or a derivative)." >&2
  echo "install-deps: install by hand: ${packages[*]}" >&2
  exit 1
fi

# One query for all packages. Unknown packages make dpkg-query print to stderr and return 1;
# they simply do not appear as "installed" below.
installed=$(dpkg-query -W -f='${Package} ${db:Status-Status}\n' "${packages[@]}" 2>/dev/null || true)
missing=()
for package in "${packages[@]}"; do
  if ! grep -qx "${package} installed" <<<"${installed}"; then
    missing+=("${package}")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} Debian packages present"
  exit 0
fi

echo "install-deps: missing Debian packages: ${missing[*]}"
install_command="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
  sudo_prefix=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo_prefix=(sudo)
else
  echo "install-deps: not root and sudo needs a password; run as root, then retry:" >&2
  echo "  ${install_command}" >&2
  exit 1
fi

"${sudo_prefix[@]}" apt-get update -q
"${sudo_prefix[@]}" env DEBIAN_FRONTEND=noninteractive \
  apt-get install -y -q --no-install-recommends "${missing[@]}"

# Check the result the way the build will use it: Debian's interpreter must import the analysis
# stack (a pyenv or virtualenv python3 first on PATH does not count).
python_modules="h5py, numpy, pandas, xarray, scipy, statsmodels, matplotlib, pytest"
if ! /usr/bin/python3 -c "import ${python_modules}" 2>/dev/null; then
  echo "install-deps: /usr/bin/python3 still cannot import ${python_modules}" >&2
  exit 1
fi
echo "install-deps: installed ${missing[*]}"
