#!/usr/bin/env bash
# bench.sh: runs gwc's benchmarks next to their peers in one invocation,
# prints a table (median of N runs with min-max) and the ratios, and writes
# one flat JSON object of metric: number (DESIGN.md section 6).
#
# Usage: ci/bench.sh [--quick] [--only GROUP] [--json FILE]
#   --quick       smaller inputs and 3 runs (a few minutes in all)
#   --only GROUP  run one group: lint, lookup, policy, serve, migrate
#   --json FILE   where to write the metrics (default build/bench/results.json)
#
# It builds a Release tree in build-release/ (git-ignored), installs what its
# peers need there (npm packages) and never writes into the committed tree
# except the JSON file. Environment overrides:
#   GWC_BIN         gwc binary to measure; when set, the project build is skipped
#   GWC_BENCH_DIR   build tree (default build-release)
#   GWC_SHARED      the shared/ folder (default: ../shared beside the repository)
#   GWC_BENCH_RUNS  timed runs per tool and input (default 5, --quick 3)
#   GWC_BENCH_SEED  corpus seed (default 20260601)
# Exit status: 0 done (skipped groups included), 1 a step or a tool failed,
# 2 usage error.

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly ROOT
readonly KNOWN_GROUPS=(lint lookup policy serve migrate)

QUICK=0
ONLY=""
JSON_OUT="${ROOT}/build/bench/results.json"
BUILD="${GWC_BENCH_DIR:-${ROOT}/build-release}"
SHARED="${GWC_SHARED:-${ROOT}/../shared}"
SEED="${GWC_BENCH_SEED:-20260601}"
GWC="${GWC_BIN:-}"
RUNS=""
RELEASE_READY=0

declare -A METRICS=()
METRIC_ORDER=()
TABLE_ROWS=()
SUMMARY_LINES=()

log() { printf 'bench: %s\n' "$*" >&2; }
die() { printf 'bench: error: %s\n' "$*" >&2; exit 1; }

usage() {
  sed -n '6,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

parse_args() {
  while (($# > 0)); do
    case "$1" in
      --quick) QUICK=1 ;;
      --only)
        (($# >= 2)) || { log "--only needs a group"; usage; }
        ONLY="$2"; shift ;;
      --json)
        (($# >= 2)) || { log "--json needs a file"; usage; }
        JSON_OUT="$2"; shift ;;
      -h|--help) usage ;;
      *) log "unknown argument: $1"; usage ;;
    esac
    shift
  done
  if [[ -n "${ONLY}" ]] && ! is_known_group "${ONLY}"; then
    log "unknown group '${ONLY}' (known: ${KNOWN_GROUPS[*]})"
    exit 2
  fi
  if [[ -z "${RUNS}" ]]; then
    RUNS="${GWC_BENCH_RUNS:-$((QUICK ? 3 : 5))}"
  fi
  [[ "${RUNS}" =~ ^[1-9][0-9]*$ ]] || die "GWC_BENCH_RUNS must be a positive integer"
  ((QUICK || RUNS >= 5)) || log "warning: fewer than 5 runs; medians are rough"
}

is_known_group() {
  local g
  for g in "${KNOWN_GROUPS[@]}"; do [[ "$g" == "$1" ]] && return 0; done
  return 1
}

# ---------------------------------------------------------------------------
# Setup shared by the groups.

# Installs node and npm from Debian when they are missing (needs root).
ensure_node() {
  if command -v node >/dev/null && command -v npm >/dev/null; then return; fi
  [[ "$(id -u)" -eq 0 ]] || die "node and npm are missing; install them (apt-get install nodejs npm) or run as root"
  log "installing nodejs and npm with apt-get"
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >&2
}

# Configures and builds the Release tree once, unless GWC_BIN was given.
ensure_release_build() {
  ((RELEASE_READY)) && return
  RELEASE_READY=1
  if [[ -n "${GWC}" ]]; then
    log "GWC_BIN=${GWC}: skipping the project build"
    return
  fi
  if [[ -f "${ROOT}/ci/install-deps.sh" ]]; then
    log "installing build dependencies (ci/install-deps.sh)"
    bash "${ROOT}/ci/install-deps.sh" >&2 || die "ci/install-deps.sh failed"
  else
    log "ci/install-deps.sh not found; assuming build dependencies are installed"
  fi
  log "building the Release tree in ${BUILD}"
  cmake -S "${ROOT}" -B "${BUILD}" -DCMAKE_BUILD_TYPE=Release -DGWC_BUILD_TESTS=OFF -DGWC_BUILD_BENCH=ON >&2 \
    || die "cmake configure failed"
  cmake --build "${BUILD}" -j2 >&2 || die "Release build failed"
  GWC="${BUILD}/compiler/gwc"
}

has_cmake_target() {
  local list="${BUILD}/CMakeFiles/TargetDirectories.txt"
  [[ -f "${list}" ]] && grep -q "/$1\.dir\$" "${list}"
}

# Prints the path of a gen_corpus binary built from ci/bench/gen_corpus.cc:
# the CMake target gwc_gen_corpus when the tree has it, else a direct g++ build.
build_gen_corpus() {
  local out="${BUILD}/bench/gen_corpus" src="${ROOT}/ci/bench/gen_corpus.cc"
  if has_cmake_target gwc_gen_corpus; then
    cmake --build "${BUILD}" --target gwc_gen_corpus -j2 >&2 || die "building gwc_gen_corpus failed"
    local built
    built="$(find "${BUILD}" -type f \( -name gen_corpus -o -name gwc_gen_corpus \) \
               -perm -u+x -newer "${src}" 2>/dev/null | head -n 1)"
    [[ -n "${built}" ]] || die "gwc_gen_corpus built, but its binary was not found in ${BUILD}"
    printf '%s\n' "${built}"
    return
  fi
  mkdir -p "${BUILD}/bench"
  if [[ ! -x "${out}" || "${src}" -nt "${out}" ]]; then
    log "compiling gen_corpus with g++ (no gwc_gen_corpus target in ${BUILD})"
    g++ -std=c++20 -O2 -Wall -Wextra -o "${out}" "${src}" >&2 || die "compiling gen_corpus failed"
  fi
  printf '%s\n' "${out}"
}

# Copies the node peer into the build tree and installs its pinned packages.
install_node_peer() {
  local dir="${BUILD}/bench/peer" src="${ROOT}/ci/bench/peer"
  mkdir -p "${dir}"
  cp "${src}/lint.js" "${src}/lookup.js" "${dir}/"
  if [[ -d "${dir}/node_modules" ]] && cmp -s "${src}/package.json" "${dir}/package.json"; then
    return
  fi
  log "installing the node peer's packages into ${dir}"
  cp "${src}/package.json" "${dir}/package.json"
  rm -rf "${dir}/node_modules" "${dir}/package-lock.json"
  (cd "${dir}" && npm install --no-audit --no-fund --loglevel=error >&2) \
    || die "npm install failed in ${dir}"
}

# ---------------------------------------------------------------------------
# Measuring.

LAST_NS=0
LAST_RC=0

# run_timed OUT ERR CMD...: runs CMD with stdout to OUT and stderr to ERR;
# sets LAST_NS (wall clock) and LAST_RC.
run_timed() {
  local out="$1" err="$2" t0 t1
  shift 2
  LAST_RC=0
  t0="$(date +%s%N)"
  "$@" >"${out}" 2>"${err}" || LAST_RC=$?
  t1="$(date +%s%N)"
  LAST_NS=$((t1 - t0))
}

# Fails unless RC is 0 or 1 (1 = findings, which the corpus is meant to have).
check_tool_rc() {
  local tool="$1" rc="$2" err="$3"
  ((rc <= 1)) && return
  if ((rc > 128)); then
    log "${tool} was killed by signal $((rc - 128)); stderr (tail):"
  else
    log "${tool} exited with ${rc}; stderr (tail):"
  fi
  tail -n 20 "${err}" >&2 || true
  exit 1
}

# stats NS...: prints "median min max" in seconds.
stats() {
  printf '%s\n' "$@" | sort -n | awk '
    { v[NR] = $1 }
    END {
      m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
      printf "%.6f %.6f %.6f\n", m / 1e9, v[1] / 1e9, v[NR] / 1e9
    }'
}

# per_second COUNT SECONDS
per_second() {
  awk -v n="$1" -v s="$2" 'BEGIN { if (s < 1e-9) s = 1e-9; printf "%.1f", n / s }'
}

ratio() {
  awk -v a="$1" -v b="$2" 'BEGIN { if (b < 1e-9) b = 1e-9; printf "%.3f", a / b }'
}

set_metric() {
  [[ -v "METRICS[$1]" ]] || METRIC_ORDER+=("$1")
  METRICS["$1"]="$2"
}

add_row() { TABLE_ROWS+=("$(printf '%-30s %-7s %9s %10s %19s %13s' "$@")"); }

# ---------------------------------------------------------------------------
# Group: lint. gwc lint vs. the node peer (js-yaml + Ajv, kubeconform-like)
# on generated corpora of valid Ingress/Gateway API configuration.

lint_peer_cmd() {
  local corpus="$1"
  printf '%s\0' node "${BUILD}/bench/peer/lint.js" \
    --crds "${SHARED}/upstream/gateway-api/standard" \
    --crds "${ROOT}/schemas/kubernetes/source" "${corpus}"
}

# lint_check_peer JSONFILE EXPECTED: the peer must see every resource, and
# (the corpus being valid) flag at most 1% of them.
lint_check_peer() {
  local json="$1" expected="$2" resources errors
  resources="$(sed -n 's/.*"resources":\([0-9]*\).*/\1/p' "${json}")"
  errors="$(sed -n 's/.*"errors":\([0-9]*\).*/\1/p' "${json}")"
  [[ "${resources}" == "${expected}" ]] \
    || die "node peer counted '${resources}' resources, expected ${expected}: $(cat "${json}")"
  if ((errors * 100 > expected)); then
    log "warning: node peer reports ${errors} invalid resources of ${expected}; the corpus should be valid"
  fi
}

bench_lint() {
  ensure_release_build
  if [[ ! -x "${GWC}" ]]; then
    log "lint: skipped: ${GWC} does not exist yet"
    return
  fi
  [[ -d "${SHARED}/upstream/gateway-api/standard" ]] \
    || die "Gateway API CRDs not found in ${SHARED}/upstream/gateway-api/standard (set GWC_SHARED)"
  ensure_node
  install_node_peer
  local gen
  gen="$(build_gen_corpus)"

  local sizes labels
  if ((QUICK)); then sizes=(2000 10000); labels=(2k 10k); else sizes=(10000 50000); labels=(10k 50k); fi
  local work="${BUILD}/bench/lint"
  rm -rf -- "${work}"
  mkdir -p "${work}"

  local i
  for i in "${!sizes[@]}"; do
    log "lint: generating the ${labels[i]} corpus (seed ${SEED})"
    "${gen}" --seed "${SEED}" --resources "${sizes[i]}" --out "${work}/corpus-${labels[i]}" \
      >"${work}/corpus-${labels[i]}.json" || die "gen_corpus failed"
  done

  local -a peer_cmd
  declare -A gwc_ns=() node_ns=()
  log "lint: warming up"
  for i in "${!sizes[@]}"; do
    local corpus="${work}/corpus-${labels[i]}"
    run_timed /dev/null "${work}/gwc.err" "${GWC}" lint --format json "${corpus}"
    check_tool_rc "gwc lint" "${LAST_RC}" "${work}/gwc.err"
    mapfile -d '' peer_cmd < <(lint_peer_cmd "${corpus}")
    run_timed "${work}/peer.json" "${work}/peer.err" "${peer_cmd[@]}"
    check_tool_rc "node peer" "${LAST_RC}" "${work}/peer.err"
    lint_check_peer "${work}/peer.json" "${sizes[i]}"
  done

  local run
  for ((run = 1; run <= RUNS; ++run)); do
    log "lint: run ${run}/${RUNS}"
    for i in "${!sizes[@]}"; do
      local corpus="${work}/corpus-${labels[i]}"
      run_timed /dev/null "${work}/gwc.err" "${GWC}" lint --format json "${corpus}"
      check_tool_rc "gwc lint" "${LAST_RC}" "${work}/gwc.err"
      gwc_ns[$i]+="${LAST_NS} "
      mapfile -d '' peer_cmd < <(lint_peer_cmd "${corpus}")
      run_timed "${work}/peer.json" "${work}/peer.err" "${peer_cmd[@]}"
      check_tool_rc "node peer" "${LAST_RC}" "${work}/peer.err"
      node_ns[$i]+="${LAST_NS} "
    done
  done

  for i in "${!sizes[@]}"; do
    lint_report "${labels[i]}" "${sizes[i]}" "${gwc_ns[$i]}" "${node_ns[$i]}" \
      "$((i == ${#sizes[@]} - 1))"
  done
}

# lint_report LABEL RESOURCES GWC_NS NODE_NS IS_MAIN
lint_report() {
  local label="$1" n="$2" is_main="$5" gm gmin gmax nm nmin nmax
  # shellcheck disable=SC2086  # the time lists are space-separated on purpose
  read -r gm gmin gmax < <(stats $3)
  # shellcheck disable=SC2086
  read -r nm nmin nmax < <(stats $4)
  local g_rate n_rate speedup
  g_rate="$(per_second "${n}" "${gm}")"
  n_rate="$(per_second "${n}" "${nm}")"
  speedup="$(ratio "${nm}" "${gm}")"
  add_row "gwc lint" "${label}" "${n}" "${gm}" "${gmin}-${gmax}" "${g_rate}"
  add_row "node js-yaml+ajv (1 thread)" "${label}" "${n}" "${nm}" "${nmin}-${nmax}" "${n_rate}"
  SUMMARY_LINES+=("lint ${label}: gwc is ${speedup}x the node peer's throughput")
  set_metric "lint_resources_per_s_${label}" "${g_rate}"
  set_metric "lint_peer_node_resources_per_s_${label}" "${n_rate}"
  set_metric "lint_speedup_vs_node_${label}" "${speedup}"
  if ((is_main)); then
    set_metric lint_resources_per_s "${g_rate}"
    set_metric lint_peer_node_resources_per_s "${n_rate}"
    set_metric lint_speedup_vs_node "${speedup}"
  fi
}

# ---------------------------------------------------------------------------
# Group: lookup. gwrt's Router::Find on generated route sets (the mix of
# issue 3) next to the reference linear matcher and find-my-way (node) on
# the same routes; table size, open+verify, `gwc compile` of the routes as
# HTTPRoute YAML, and `nginx -t` on an equivalent nginx.conf.

# ensure_package NAME: installs a Debian package with apt-get (needs root).
ensure_package() {
  [[ "$(id -u)" -eq 0 ]] || die "$1 is missing; install it (apt-get install $1) or run as root"
  log "installing $1 with apt-get"
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$1" >&2
}

# Installs Debian's nginx when it is missing.
ensure_nginx() { command -v nginx >/dev/null || ensure_package nginx-light; }

# json_field FILE KEY: a number from a one-line JSON object.
json_field() { sed -n "s/.*\"$2\":\([0-9.e+-]*\).*/\1/p" "$1"; }

# pinned CMD...: runs CMD on one CPU (the last) when taskset is there and
# the machine has more than one. Latency runs are pinned: unpinned, runs on
# a 2-core VM moved between cores and some took twice as long. Both sides
# of a latency comparison run pinned the same way.
pinned() {
  if command -v taskset >/dev/null 2>&1 && (($(nproc) > 1)); then
    taskset -c "$(($(nproc) - 1))" "$@"
  else
    "$@"
  fi
}

# median VALUES...: the median of plain numbers.
median() {
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

bench_lookup() {
  ensure_release_build
  local tool="${BUILD}/compiler/gwc_bench_lookup"
  [[ -x "${tool}" ]] || die "lookup: ${tool} was not built (GWC_BUILD_BENCH)"
  ensure_node
  install_node_peer
  ensure_nginx
  local sizes labels requests=100000
  if ((QUICK)); then sizes=(100 1000 10000); labels=(100 1k 10k); requests=20000
  else sizes=(100 1000 10000 100000); labels=(100 1k 10k 100k); fi
  local work="${BUILD}/bench/lookup" i run
  rm -rf -- "${work}"
  for i in "${!sizes[@]}"; do
    local n="${sizes[i]}" label="${labels[i]}" dir="${work}/${labels[i]}"
    mkdir -p "${dir}"
    local -a p50=() p99=() zp50=() ep50=() pp50=() wep50=() wpp50=() mem=() lin=() open=() fmw=() comp=() ngx=()
    for ((run = 1; run <= RUNS; ++run)); do
      log "lookup ${label}: run ${run}/${RUNS}"
      pinned "${tool}" "${n}" --seed "${SEED}" --requests "${requests}" --dir "${dir}" >"${dir}/gwrt.json" \
        || die "gwc_bench_lookup failed"
      p50+=("$(json_field "${dir}/gwrt.json" p50_ns)")
      p99+=("$(json_field "${dir}/gwrt.json" p99_ns)")
      zp50+=("$(json_field "${dir}/gwrt.json" zipf_p50_ns)")
      ep50+=("$(json_field "${dir}/gwrt.json" exact_p50_ns)")
      pp50+=("$(json_field "${dir}/gwrt.json" prefix_p50_ns)")
      wep50+=("$(json_field "${dir}/gwrt.json" warm_exact_p50_ns)")
      wpp50+=("$(json_field "${dir}/gwrt.json" warm_prefix_p50_ns)")
      mem+=("$(json_field "${dir}/gwrt.json" memory_latency_ns)")
      open+=("$(json_field "${dir}/gwrt.json" open_verify_ms)")
      [[ -n "$(json_field "${dir}/gwrt.json" linear_p50_ns)" ]] && lin+=("$(json_field "${dir}/gwrt.json" linear_p50_ns)")
      if [[ "${label}" == 10k || "${label}" == 1k ]]; then
        pinned node "${BUILD}/bench/peer/lookup.js" "${dir}/routes.json" "${dir}/requests.json" >"${dir}/fmw.json" \
          || die "find-my-way peer failed"
        fmw+=("$(json_field "${dir}/fmw.json" p50_ns)")
      fi
      if [[ "${label}" == 10k ]]; then
        run_timed /dev/null "${dir}/compile.err" "${GWC}" compile "${dir}/routes.yaml" -o "${dir}/compiled.gwb"
        check_tool_rc "gwc compile" "${LAST_RC}" "${dir}/compile.err"
        comp+=("${LAST_NS}")
        run_timed /dev/null "${dir}/nginx.err" nginx -t -q -c "${dir}/nginx.conf" -p "${dir}"
        ((LAST_RC == 0)) || { tail -5 "${dir}/nginx.err" >&2; die "nginx -t failed"; }
        ngx+=("${LAST_NS}")
      fi
    done
    local m_p50 m_zp50 bytes
    m_p50="$(median "${p50[@]}")"; m_zp50="$(median "${zp50[@]}")"
    bytes="$(json_field "${dir}/gwrt.json" bytes_per_route)"
    add_row "gwrt lookup p50 (ns)" "${label}" "${n}" "${m_p50}" "$(median "${p99[@]}") p99" "zipf ${m_zp50}"
    set_metric "lookup_p50_ns_${label}" "${m_p50}"
    set_metric "lookup_zipf_p50_ns_${label}" "${m_zp50}"
    # Flatness from 1k to 100k is judged per outcome: requests answered by
    # an Exact path and by a PathPrefix. The warm row times each lookup
    # right after one of the same request: the work of the lookup itself,
    # without the cache misses that grow with the table. The memory row is
    # what one dependent load costs at the table's footprint, measured in
    # the same process: the cold rows minus the warm ones, divided by it,
    # is about how many cache lines a lookup misses.
    add_row "gwrt p50 exact, prefix (ns)" "${label}" "${n}" "$(median "${ep50[@]}")" "$(median "${pp50[@]}") prefix" ""
    add_row "  same, warm (ns)" "${label}" "${n}" "$(median "${wep50[@]}")" "$(median "${wpp50[@]}") prefix" ""
    add_row "  one load at footprint (ns)" "${label}" "${n}" "$(median "${mem[@]}")" "" ""
    set_metric "memory_latency_ns_${label}" "$(median "${mem[@]}")"
    set_metric "lookup_exact_p50_ns_${label}" "$(median "${ep50[@]}")"
    set_metric "lookup_prefix_p50_ns_${label}" "$(median "${pp50[@]}")"
    set_metric "lookup_warm_exact_p50_ns_${label}" "$(median "${wep50[@]}")"
    set_metric "lookup_warm_prefix_p50_ns_${label}" "$(median "${wpp50[@]}")"
    set_metric "table_bytes_per_route_${label}" "${bytes}"
    set_metric "open_verify_ms_${label}" "$(median "${open[@]}")"
    if ((${#lin[@]})); then
      add_row "reference linear p50 (ns)" "${label}" "${n}" "$(median "${lin[@]}")" "" ""
      [[ "${label}" == 10k ]] && set_metric lookup_linear_p50_ns_10k "$(median "${lin[@]}")"
    fi
    if ((${#fmw[@]})); then
      local m_fmw speedup
      m_fmw="$(median "${fmw[@]}")"
      speedup="$(ratio "${m_fmw}" "${m_p50}")"
      add_row "find-my-way p50 (ns)" "${label}" "${n}" "${m_fmw}" "" "${speedup}x slower"
      SUMMARY_LINES+=("lookup ${label}: gwrt p50 ${m_p50} ns, find-my-way ${m_fmw} ns: ${speedup}x")
      set_metric "lookup_findmyway_p50_ns_${label}" "${m_fmw}"
      set_metric "lookup_speedup_vs_findmyway_${label}" "${speedup}"
    fi
    if [[ "${label}" == 10k ]]; then
      local gc nt
      read -r gc _ _ < <(stats "${comp[@]}")
      read -r nt _ _ < <(stats "${ngx[@]}")
      add_row "gwc compile (s)" "${label}" "${n}" "${gc}" "" ""
      add_row "nginx -t (s)" "${label}" "${n}" "${nt}" "" ""
      SUMMARY_LINES+=("lookup 10k: open+verify $(median "${open[@]}") ms, ${bytes} table bytes per route, gwc compile ${gc} s, nginx -t ${nt} s")
      set_metric lookup_p99_ns_10k "$(median "${p99[@]}")"
      set_metric compile_10k_routes_s "${gc}"
      set_metric nginx_t_s_10k "${nt}"
    fi
  done
  local last="${labels[-1]}" kind
  for kind in exact prefix warm_exact warm_prefix; do
    local from="${METRICS[lookup_${kind}_p50_ns_1k]}" to="${METRICS[lookup_${kind}_p50_ns_${last}]}"
    SUMMARY_LINES+=("lookup ${kind/_/ } p50 1k -> ${last}: ${from} -> ${to} ns ($(ratio "${to}" "${from}")x)")
    set_metric "lookup_${kind}_growth_1k_to_${last}" "$(ratio "${to}" "${from}")"
  done
  SUMMARY_LINES+=("memory load at the table's footprint 1k -> ${last}: ${METRICS[memory_latency_ns_1k]} -> ${METRICS[memory_latency_ns_${last}]} ns")
  for kind in exact prefix; do
    local label2 misses
    for label2 in 1k "${last}"; do
      misses="$(awk -v c="${METRICS[lookup_${kind}_p50_ns_${label2}]}" -v w="${METRICS[lookup_warm_${kind}_p50_ns_${label2}]}" \
        -v m="${METRICS[memory_latency_ns_${label2}]}" 'BEGIN { printf "%.2f", (c - w) / m }')"
      set_metric "lookup_${kind}_missed_loads_${label2}" "${misses}"
    done
    SUMMARY_LINES+=("lookup ${kind}: (cold - warm) / load latency, 1k -> ${last}: ${METRICS[lookup_${kind}_missed_loads_1k]} -> ${misses} loads")
  done
}

# Group: policy. The policy VM on issue 4's canonical program (CORS,
# key-auth, a per-consumer rate limit, a request header) next to a
# hand-written C++ evaluation of the same policies (the floor: deciding
# only, as the VM's run does; and, for scale, also building the headers),
# and JWT
# validation with a cache hit and with fresh tokens (gwc_bench_policy
# takes the median of its own runs; pinned to one CPU).
bench_policy() {
  ensure_release_build
  local tool="${BUILD}/compiler/gwc_bench_policy" out="${BUILD}/bench/policy.json"
  [[ -x "${tool}" ]] || die "policy: ${tool} was not built (GWC_BUILD_BENCH)"
  mkdir -p "${BUILD}/bench"
  log "policy: ${RUNS} runs"
  pinned "${tool}" --runs "${RUNS}" >"${out}" || die "gwc_bench_policy failed"
  local vm floor full cached fresh ratio
  vm="$(json_field "${out}" vm_ns)" floor="$(json_field "${out}" floor_ns)"
  full="$(json_field "${out}" floor_with_headers_ns)"
  cached="$(json_field "${out}" jwt_cached_ns)" fresh="$(json_field "${out}" jwt_uncached_us)"
  ratio="$(awk -v a="${vm}" -v b="${floor}" 'BEGIN { printf "%.2f", a / b }')"
  add_row "policy VM (ns/request)" "canon" 1 "${vm}" "-" "${ratio}x floor"
  add_row "hand-written floor (ns)" "canon" 1 "${floor}" "-" "-"
  add_row "floor + headers built (ns)" "canon" 1 "${full}" "-" "-"
  add_row "JWT HS256 cached (ns)" "jwt" 1 "${cached}" "-" "-"
  add_row "JWT HS256 uncached (us)" "jwt" 1 "${fresh}" "-" "-"
  set_metric vm_ns_keyauth_ratelimit_cors "${vm}"
  set_metric vm_floor_ns_keyauth_ratelimit_cors "${floor}"
  set_metric vm_floor_with_headers_ns_keyauth_ratelimit_cors "${full}"
  set_metric jwt_cached_ns "${cached}"
  set_metric jwt_uncached_us "${fresh}"
  SUMMARY_LINES+=("policy: VM ${vm} ns, hand-written floor ${floor} ns (${ratio}x); JWT cached ${cached} ns, uncached ${fresh} us")
}
# Group: serve. wrk (2 threads, 64 connections, 10 s; --quick 3 s) against
# `gwrt serve` proxying testdata/serve/bench.yaml's route to a loopback
# nginx upstream while the table is replaced 20 times (--quick 5; one
# of them corrupt), then against nginx proxying the same route to the same upstream,
# alternating (ci/serve_load.py). Runs with a socket error, a status other
# than 200 or a missed reload fail the group.
bench_serve() {
  ensure_release_build
  ensure_nginx
  command -v wrk >/dev/null || ensure_package wrk
  local gwrt="${BUILD}/runtime-stub/gwrt" out="${BUILD}/bench/serve.json"
  [[ -x "${gwrt}" ]] || die "serve: ${gwrt} was not built"
  mkdir -p "${BUILD}/bench"
  log "serve: ${RUNS} runs of wrk against gwrt serve and nginx"
  python3 "${ROOT}/ci/serve_load.py" "${GWC}" "${gwrt}" --nginx --runs "${RUNS}" \
    --seconds "$((QUICK ? 3 : 10))" --reloads "$((QUICK ? 5 : 20))" --json "${out}" >/dev/null \
    || die "serve: a run failed (see above)"
  local rps p99 peer peer_p99 ratio errors
  rps="$(json_field "${out}" serve_rps)" p99="$(json_field "${out}" serve_p99_ms)"
  peer="$(json_field "${out}" nginx_proxy_rps)" peer_p99="$(json_field "${out}" nginx_proxy_p99_ms)"
  ratio="$(json_field "${out}" serve_vs_nginx)" errors="$(json_field "${out}" serve_errors)"
  add_row "gwrt serve (req/s)" "wrk64" 1 "${rps}" "$(json_field "${out}" serve_rps_min)-$(json_field "${out}" serve_rps_max)" "${ratio}x nginx"
  add_row "gwrt serve p99 (ms)" "wrk64" 1 "${p99}" "-" "-"
  add_row "nginx proxy (req/s)" "wrk64" 1 "${peer}" "-" "-"
  add_row "nginx proxy p99 (ms)" "wrk64" 1 "${peer_p99}" "-" "-"
  set_metric serve_rps "${rps}"
  set_metric serve_p99_ms "${p99}"
  set_metric nginx_proxy_rps "${peer}"
  set_metric serve_vs_nginx "${ratio}"
  set_metric serve_errors "${errors}"
  SUMMARY_LINES+=("serve: gwrt ${rps} req/s (p99 ${p99} ms, ${errors} errors, $((QUICK ? 5 : 20)) table replacements per run) vs nginx ${peer} req/s (p99 ${peer_p99} ms): ${ratio}x")
}
# Group: migrate. `gwc migrate` of a generated GitOps corpus holding 10k
# ingress-nginx-flavoured Ingresses (among its Services, HTTPRoutes, ...),
# next to `gwc lint` of the same corpus (reading and checking it: the floor
# a migration cannot beat); ingress2gateway is a Go binary that no Debian
# package provides, so no migration peer runs here. And `gwc diff` of a
# 10k-route configuration against itself (every probe compiled, sent
# through both tables and compared).
bench_migrate() {
  ensure_release_build
  local gen lookup="${BUILD}/compiler/gwc_bench_lookup"
  gen="$(build_gen_corpus)"
  [[ -x "${lookup}" ]] || die "migrate: ${lookup} was not built (GWC_BUILD_BENCH)"
  local resources=28600 routes=10000 label=10k
  if ((QUICK)); then resources=2860; routes=1000; label=1k; fi
  local work="${BUILD}/bench/migrate" run
  rm -rf -- "${work}"
  mkdir -p "${work}/diff"
  "${gen}" --seed "${SEED}" --resources "${resources}" --out "${work}/corpus" >"${work}/corpus.json" \
    || die "gen_corpus failed"
  "${lookup}" "${routes}" --seed "${SEED}" --requests 1 --dir "${work}/diff" >/dev/null || die "gwc_bench_lookup failed"
  local ingresses
  ingresses="$(json_field "${work}/corpus.json" Ingress)"
  local -a mig=() lint=() diff=()
  for ((run = 1; run <= RUNS; ++run)); do
    log "migrate: run ${run}/${RUNS}"
    run_timed "${work}/out.yaml" "${work}/migrate.err" "${GWC}" migrate "${work}/corpus"
    ((LAST_RC == 0)) || { tail -5 "${work}/migrate.err" >&2; die "gwc migrate failed"; }
    mig+=("${LAST_NS}")
    run_timed /dev/null "${work}/lint.err" "${GWC}" lint "${work}/corpus"
    check_tool_rc "gwc lint" "${LAST_RC}" "${work}/lint.err"
    lint+=("${LAST_NS}")
    run_timed /dev/null "${work}/diff.err" "${GWC}" diff "${work}/diff/routes.yaml" "${work}/diff/routes.yaml"
    ((LAST_RC == 0)) || { tail -5 "${work}/diff.err" >&2; die "gwc diff found differences in identical inputs"; }
    diff+=("${LAST_NS}")
  done
  local m_mig m_lint m_diff lo hi
  read -r m_mig lo hi < <(stats "${mig[@]}")
  add_row "gwc migrate (s)" "${label}" "${ingresses}" "${m_mig}" "${lo}-${hi}" "Ingresses"
  read -r m_lint lo hi < <(stats "${lint[@]}")
  add_row "gwc lint, same corpus (s)" "${label}" "${resources}" "${m_lint}" "${lo}-${hi}" "floor"
  read -r m_diff lo hi < <(stats "${diff[@]}")
  add_row "gwc diff, same routes (s)" "${label}" "${routes}" "${m_diff}" "${lo}-${hi}" ""
  SUMMARY_LINES+=("migrate: ${ingresses} Ingresses in ${m_mig} s (reading and checking the corpus alone: ${m_lint} s, $(ratio "${m_mig}" "${m_lint}")x); diff of ${routes} routes ${m_diff} s")
  set_metric "migrate_${label}_ingress_s" "${m_mig}"
  set_metric "migrate_floor_lint_${label}_s" "${m_lint}"
  set_metric "diff_${label}_routes_s" "${m_diff}"
}

# ---------------------------------------------------------------------------
# Output.

print_table() {
  ((${#TABLE_ROWS[@]} > 0)) || { log "no group produced numbers"; return; }
  printf '%-30s %-7s %9s %10s %19s %13s\n' \
    tool corpus resources "median s" "min-max s" "resources/s"
  printf '%s\n' "${TABLE_ROWS[@]}"
  printf '%s\n' "${SUMMARY_LINES[@]}"
  printf '(%s runs each, alternating; wall clock; %s cores: %s)\n' "${RUNS}" "$(nproc)" \
    "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
}

write_json() {
  mkdir -p "$(dirname "${JSON_OUT}")"
  local tmp="${JSON_OUT}.tmp" sep="" key
  {
    printf '{'
    for key in "${METRIC_ORDER[@]}"; do
      printf '%s\n  "%s": %s' "${sep}" "${key}" "${METRICS[${key}]}"
      sep=","
    done
    printf '\n}\n'
  } >"${tmp}"
  mv "${tmp}" "${JSON_OUT}"
  log "wrote ${JSON_OUT}"
}

main() {
  parse_args "$@"
  if [[ -n "${GWC}" ]]; then
    [[ "${GWC}" == /* ]] || GWC="${PWD}/${GWC}"
  fi
  local groups=("${KNOWN_GROUPS[@]}")
  [[ -n "${ONLY}" ]] && groups=("${ONLY}")
  local g
  for g in "${groups[@]}"; do "bench_${g}"; done
  set_metric bench_quick "${QUICK}"
  print_table
  write_json
}

main "$@"
