#!/usr/bin/env bash
# The developer entry point: each command installs missing Debian packages,
# configures and builds, then acts.
#
#   ci/dev.sh example   lint the bundled example shop configuration
#   ci/dev.sh test      run the whole test suite (ctest)
#   ci/dev.sh asan      run the whole test suite under ASan+UBSan
#   ci/dev.sh fuzz      build the libFuzzer targets (clang: YAML frontend, artifact
#                       verifier, bytecode verifier, policy VM) and run each for
#                       GWC_FUZZ_SECONDS (default 60)
set -euo pipefail
cd "$(dirname "$0")/.."

jobs="$(nproc 2>/dev/null || echo 2)"

build() {  # build DIR [cmake args...]
  local dir="$1"; shift
  ci/install-deps.sh
  cmake -S . -B "$dir" "$@" >/dev/null
  cmake --build "$dir" -j"$jobs"
}

# fuzz BINARY GLOB...: runs a libFuzzer target for GWC_FUZZ_SECONDS (default
# 60), seeded with copies of the testdata/ files matching the globs.
fuzz() {
  local binary="$1"; shift
  local seeds n=0 f
  seeds="$(mktemp -d)"
  local -a names=()
  for glob in "$@"; do names+=(-o -name "$glob"); done
  while IFS= read -r -d '' f; do
    n=$((n + 1)); cp "$f" "$seeds/$n-${f##*/}"
  done < <(find testdata $(ls build-fuzz/policies.code 2>/dev/null) -type f \( "${names[@]:1}" \) -size -64k -print0)
  ASAN_OPTIONS=detect_leaks=1 "$binary" "$seeds" -max_total_time="${GWC_FUZZ_SECONDS:-60}" \
    -max_len=65536 -timeout=10 -rss_limit_mb=4096 -print_final_stats=1
  rm -rf "$seeds"
}

case "${1:-}" in
  example)
    build build -DCMAKE_BUILD_TYPE=RelWithDebInfo
    echo "\$ gwc lint testdata/examples/shop" >&2
    build/compiler/gwc lint testdata/examples/shop
    ;;
  test)
    build build -DCMAKE_BUILD_TYPE=RelWithDebInfo
    ctest --test-dir build --output-on-failure -j"$jobs"
    ;;
  asan)
    build build-asan -DCMAKE_BUILD_TYPE=Debug -DGWC_SANITIZE="address;undefined"
    # Sanitizers multiply time and memory: the bad-input corpus's limits
    # (1 s per case, 2 GiB for the 100 MB file) are for the optimised build;
    # the differential test runs a tenth of its million requests.
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
      GWC_CASE_MAX_MS=30000 GWC_MAX_RSS_MB=16384 GWC_DIFF_REQUESTS=100000 \
      ctest --test-dir build-asan --output-on-failure -j"$jobs"
    ;;
  fuzz)
    build build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang \
      -DCMAKE_CXX_COMPILER=clang++ -DGWC_BUILD_TESTS=OFF -DGWC_BUILD_FUZZERS=ON \
      -DGWC_SANITIZE="address;undefined"
    fuzz build-fuzz/compiler/gwc_yaml_fuzz '*.yaml' '*.yml' '*.json'
    fuzz build-fuzz/runtime-stub/gwrt_artifact_fuzz '*.gwb'
    # Seed: the base table's own instruction and program records (an input
    # is spliced over them).
    python3 ci/policy_seed.py testdata/artifacts/policies-kong.gwb build-fuzz/policies.code
    fuzz build-fuzz/runtime-stub/gwrt_bytecode_fuzz 'policies.code'
    fuzz build-fuzz/runtime-stub/gwrt_policy_vm_fuzz 'policies.code'
    ;;
  *)
    sed -n '2,11p' "$0" >&2
    exit 2
    ;;
esac
