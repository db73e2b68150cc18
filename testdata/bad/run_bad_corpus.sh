#!/usr/bin/env bash
# Copyright 2026 The gwc Authors.
#
# Runs gwc over the bad-input corpus in this directory and checks that it
# never crashes, hangs or fails internally, that it exits with the code listed
# in EXPECTED, that --format json output is valid JSON, that at least one of
# the listed diagnostic codes is reported, and that each case takes under a
# second. Then it feeds a few cases through stdin and lints two generated
# 100 MB inputs (never committed) to check limits and memory.
#
# Usage: run_bad_corpus.sh GWC_BINARY
#
# EXPECTED has one line per case: FILENAME EXIT CODES
#   EXIT   0, 1 or 2, or alternatives joined by '|' (1|2)
#   CODES  comma-separated diagnostic codes, at least one of which must appear
#          in the JSON output, or '-' when none is required
#
# Environment (all optional):
#   GWC_CASE_MAX_MS   time limit per corpus case in ms (default 1000)
#   GWC_BIG_MB        size of the generated inputs in MiB (default 100; 0 skips)
#   GWC_BIG_TIMEOUT   timeout in seconds for each generated input (default 120)
#   GWC_MAX_RSS_MB    max resident memory allowed on the generated inputs
#                     (default 2048; checked only when GNU time is available)
#
# Prints one line per check and ends with "N passed, M failed". Exits 0 only
# when every check passed, 2 on a usage error.

set -u

if [[ $# -ne 1 ]]; then
  echo "usage: $0 GWC_BINARY" >&2
  exit 2
fi
GWC=$1
if [[ $GWC != */* ]]; then
  GWC=$(command -v "$GWC" || true)
fi
if [[ -z $GWC || ! -x $GWC ]]; then
  echo "error: gwc binary '$1' not found or not executable" >&2
  exit 2
fi
GWC=$(cd "$(dirname "$GWC")" && pwd)/$(basename "$GWC")

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
EXPECTED_FILE=$HERE/EXPECTED
CASE_MAX_MS=${GWC_CASE_MAX_MS:-1000}
BIG_MB=${GWC_BIG_MB:-100}
BIG_TIMEOUT=${GWC_BIG_TIMEOUT:-120}
MAX_RSS_MB=${GWC_MAX_RSS_MB:-2048}

if [[ ! -f $EXPECTED_FILE ]]; then
  echo "error: $EXPECTED_FILE not found" >&2
  exit 2
fi

TMP=$(mktemp -d "${TMPDIR:-/tmp}/gwc-bad-corpus.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

passed=0
failed=0

# ---- helpers ---------------------------------------------------------------

# How stdout is checked for valid JSON: python3 if present, else jq, else not.
if command -v python3 >/dev/null 2>&1; then
  JSON_TOOL=python3
elif command -v jq >/dev/null 2>&1; then
  JSON_TOOL=jq
else
  JSON_TOOL=none
  echo "note: neither python3 nor jq found; JSON output is not parsed"
fi

# invalid_json FILE...: prints each FILE that is not one valid JSON document.
# One python3 process checks all files (its start-up dominates otherwise).
invalid_json() {
  local f
  case $JSON_TOOL in
    python3)
      python3 - "$@" <<'PY'
import json, sys
for path in sys.argv[1:]:
    try:
        with open(path, encoding="utf-8") as f:
            json.load(f)
    except Exception:
        print(path)
PY
      ;;
    jq)
      for f in "$@"; do
        { [[ -s $f ]] && jq empty "$f" >/dev/null 2>&1; } || echo "$f"
      done
      ;;
    none) ;;
  esac
}

# GNU time, for the peak memory of the big runs.
GNU_TIME=
if [[ -x /usr/bin/time ]] && /usr/bin/time -v -o /dev/null true >/dev/null 2>&1; then
  GNU_TIME=/usr/bin/time
fi

now_ns() { date +%s%N; }

# exit_ok RC ALTERNATIVES: succeeds if RC is one of "0", "1|2", ...
exit_ok() {
  local rc=$1 alt
  local IFS='|'
  for alt in $2; do
    [[ $rc == "$alt" ]] && return 0
  done
  return 1
}

# codes_ok FILE CODES: succeeds if CODES is "-" or one of its codes is in FILE.
codes_ok() {
  local file=$1 codes=$2 code
  [[ $codes == - ]] && return 0
  local IFS=','
  for code in $codes; do
    grep -q -F -- "$code" "$file" && return 0
  done
  return 1
}

# describe_rc RC: a reason for exit codes that are failures whatever was expected.
describe_rc() {
  local rc=$1
  if (( rc == 124 )); then echo "timed out"
  elif (( rc >= 128 )); then echo "killed by signal $((rc - 128))"
  elif (( rc >= 125 )); then echo "could not run gwc (exit $rc)"
  elif (( rc == 3 )); then echo "internal error (exit 3)"
  fi
}

first_stderr_line() {
  local line
  line=$(grep -m1 -v '^[[:space:]]*$' "$1" 2>/dev/null | cut -c1-160)
  [[ -n $line ]] && printf ' [stderr: %s]' "$line"
}

report() {  # report STATUS NAME DETAIL
  if [[ $1 == ok ]]; then
    passed=$((passed + 1))
    printf 'ok    %-50s %s\n' "$2" "$3"
  else
    failed=$((failed + 1))
    printf 'FAIL  %-50s %s\n' "$2" "$3"
  fi
}

# Results of the corpus and stdin cases, reported together at the end so that
# all outputs are checked for valid JSON in one go.
CASE_LABELS=()
CASE_OUTS=()    # stdout file, or "" when gwc did not run
CASE_ERRS=()
CASE_WHY=()     # reasons found so far, joined by "; "
CASE_DETAIL=()

# add_result LABEL OUT ERR WHY DETAIL
add_result() {
  CASE_LABELS+=("$1"); CASE_OUTS+=("$2"); CASE_ERRS+=("$3"); CASE_WHY+=("$4"); CASE_DETAIL+=("$5")
}

# run_case LABEL FILE EXIT CODES MODE: MODE is "file" or "stdin".
run_case() {
  local label=$1 file=$2 want_exit=$3 codes=$4 mode=$5
  local n=${#CASE_LABELS[@]}
  local out=$TMP/out/$n.json err=$TMP/out/$n.err rc start end ms
  local -a why=()

  start=$(now_ns)
  if [[ $mode == stdin ]]; then
    # A real pipe, not a redirected file: stdin is then not seekable.
    # shellcheck disable=SC2002
    cat "$file" | timeout 10 "$GWC" lint --format json - >"$out" 2>"$err"
    rc=$?
  else
    timeout 10 "$GWC" lint --format json "$file" >"$out" 2>"$err" </dev/null
    rc=$?
  fi
  end=$(now_ns)
  ms=$(( (end - start) / 1000000 ))

  local bad
  bad=$(describe_rc "$rc")
  [[ -n $bad ]] && why+=("$bad")
  if [[ -z $bad ]] && ! exit_ok "$rc" "$want_exit"; then
    why+=("exit $rc, want $want_exit")
  fi
  if (( rc < 124 )); then
    codes_ok "$out" "$codes" || why+=("none of $codes reported")
  else
    out=""
  fi
  (( ms > CASE_MAX_MS )) && why+=("took $ms ms (limit $CASE_MAX_MS ms)")

  local msg=
  if (( ${#why[@]} > 0 )); then
    msg=$(IFS=';'; echo "${why[*]}")
    msg=${msg//;/; }
  fi
  add_result "$label" "$out" "$err" "$msg" "exit $rc, $ms ms"
}

# report_cases: checks every recorded stdout for valid JSON, then prints one
# line per case in the order they ran.
report_cases() {
  local -a outs=()
  local o i
  for o in "${CASE_OUTS[@]}"; do [[ -n $o ]] && outs+=("$o"); done
  declare -A bad_json=()
  if (( ${#outs[@]} > 0 )); then
    while IFS= read -r o; do bad_json[$o]=1; done < <(invalid_json "${outs[@]}")
  fi
  for i in "${!CASE_LABELS[@]}"; do
    local reasons=${CASE_WHY[$i]}
    o=${CASE_OUTS[$i]}
    if [[ -n $o && -n ${bad_json[$o]:-} ]]; then
      reasons="stdout is not valid JSON${reasons:+; $reasons}"
    fi
    if [[ -z $reasons ]]; then
      report ok "${CASE_LABELS[$i]}" "${CASE_DETAIL[$i]}"
    else
      report FAIL "${CASE_LABELS[$i]}" "$reasons$(first_stderr_line "${CASE_ERRS[$i]}")"
    fi
  done
}

# ---- 1. the corpus -----------------------------------------------------------

mkdir -p "$TMP/out"
declare -A listed=()
while read -r name want_exit codes extra; do
  [[ -z ${name:-} || $name == \#* ]] && continue
  if [[ -z ${want_exit:-} || -z ${codes:-} || -n ${extra:-} ||
        ! $want_exit =~ ^[012](\|[012])*$ || ! $codes =~ ^(-|GWC[0-9]{4}(,GWC[0-9]{4})*)$ ]]; then
    add_result "$name" "" /dev/null "malformed EXPECTED line" ""
    continue
  fi
  listed[$name]=1
  if [[ ! -f $HERE/$name ]]; then
    add_result "$name" "" /dev/null "listed in EXPECTED but missing" ""
    continue
  fi
  run_case "$name" "$HERE/$name" "$want_exit" "$codes" file
done <"$EXPECTED_FILE"

# Every case file needs an expectation.
for path in "$HERE"/[0-9][0-9][0-9]-*; do
  [[ -e $path ]] || continue
  name=$(basename "$path")
  [[ -n ${listed[$name]:-} ]] || add_result "$name" "" /dev/null "not listed in EXPECTED" ""
done

# ---- 2. stdin ------------------------------------------------------------------

for name in 001-unclosed-double-quote.yaml 052-listener-port-quoted.yaml 089-unknown-kind.yaml; do
  line=$(grep -m1 "^$name " "$EXPECTED_FILE" || true)
  if [[ -z $line ]]; then
    add_result "stdin:$name" "" /dev/null "no EXPECTED line" ""
    continue
  fi
  read -r _ want_exit codes <<<"$line"
  run_case "stdin:$name" "$HERE/$name" "$want_exit" "$codes" stdin
done

report_cases
rm -rf "$TMP/out"

# ---- 3. generated 100 MB inputs ------------------------------------------------

# big_run LABEL FILE EXITS CODES: lint a generated file with a long timeout and
# report time and peak memory.
big_run() {
  local label=$1 file=$2 want_exit=$3 codes=$4
  local out=$TMP/big.json err=$TMP/big.err tfile=$TMP/time.txt rc start end secs rss_kb=
  local -a why=()

  start=$(now_ns)
  if [[ -n $GNU_TIME ]]; then
    "$GNU_TIME" -v -o "$tfile" timeout "$BIG_TIMEOUT" "$GWC" lint --format json "$file" \
      >"$out" 2>"$err" </dev/null
    rc=$?
    rss_kb=$(sed -n 's/.*Maximum resident set size (kbytes): *\([0-9]*\).*/\1/p' "$tfile" 2>/dev/null)
  else
    timeout "$BIG_TIMEOUT" "$GWC" lint --format json "$file" >"$out" 2>"$err" </dev/null
    rc=$?
  fi
  end=$(now_ns)
  secs=$(awk -v ns=$((end - start)) 'BEGIN { printf "%.1f", ns / 1e9 }')

  local bad
  bad=$(describe_rc "$rc")
  [[ -n $bad ]] && why+=("$bad")
  if [[ -z $bad ]] && ! exit_ok "$rc" "$want_exit"; then
    why+=("exit $rc, want $want_exit")
  fi
  if (( rc < 124 )); then
    [[ -z $(invalid_json "$out") ]] || why+=("stdout is not valid JSON")
    codes_ok "$out" "$codes" || why+=("none of $codes reported")
  fi

  local mem="max RSS unknown (GNU time not available)"
  if [[ -n $rss_kb ]]; then
    mem="max RSS $((rss_kb / 1024)) MiB"
    (( rss_kb / 1024 > MAX_RSS_MB )) && why+=("max RSS $((rss_kb / 1024)) MiB over $MAX_RSS_MB MiB")
  fi
  local found
  found=$(grep -o 'GWC[0-9]\{4\}' "$out" 2>/dev/null | sort | uniq -c | sort -rn | head -4 |
          awk '{ printf "%s%s x%s", (NR > 1 ? ", " : ""), $2, $1 }')
  local detail="exit $rc, $secs s, $mem, codes: ${found:-none}"
  if (( ${#why[@]} == 0 )); then
    report ok "$label" "$detail"
  else
    local msg
    msg=$(IFS=';'; echo "${why[*]}")
    report FAIL "$label" "${msg//;/; } ($detail)$(first_stderr_line "$err")"
  fi
  rm -f "$out" "$err" "$tfile"
}

# gen_stream FILE MIB: a valid multi-document stream of realistic objects. A
# GatewayClass and a Gateway first, then MIB chunks of about 1 MiB: each chunk
# is its own namespace with two Services and about 1,400 HTTPRoutes, each with
# a unique hostname. Every object is valid, so a clean run exits 0.
gen_stream() {
  local file=$1 mib=$2 chunk=$TMP/chunk.yaml
  cat >"$file" <<'EOF'
apiVersion: v1
kind: Namespace
metadata:
  name: infra
---
apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata:
  name: example
spec:
  controllerName: example.com/gateway-controller
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: public
  namespace: infra
spec:
  gatewayClassName: example
  listeners:
  - name: http
    protocol: HTTP
    port: 80
    hostname: "*.example.com"
    allowedRoutes:
      namespaces:
        from: All
EOF
  {
    printf -- '---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: load-@C@\n  labels:\n    team: load\n'
    local svc
    for svc in app app-canary; do
      printf -- '---\napiVersion: v1\nkind: Service\nmetadata:\n  name: %s\n  namespace: load-@C@\nspec:\n  selector:\n    app: %s\n  ports:\n  - name: http\n    port: 8080\n    targetPort: 8080\n' "$svc" "$svc"
    done
  } >"$chunk"
  local k=0 size
  local route
  while :; do
    route="---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: route-$k
  namespace: load-@C@
  labels:
    app.kubernetes.io/part-of: load
spec:
  parentRefs:
  - name: public
    namespace: infra
    sectionName: http
  hostnames:
  - r$k-c@C@.example.com
  rules:
  - matches:
    - path:
        type: PathPrefix
        value: /api/v$k
      headers:
      - name: x-tenant
        value: tenant-$k
    filters:
    - type: RequestHeaderModifier
      requestHeaderModifier:
        set:
        - name: x-route
          value: route-$k
    backendRefs:
    - name: app
      port: 8080
      weight: 90
    - name: app-canary
      port: 8080
      weight: 10
  - matches:
    - path:
        type: Exact
        value: /healthz
    backendRefs:
    - name: app
      port: 8080
"
    printf '%s' "$route" >>"$chunk"
    k=$((k + 1))
    if (( k % 100 == 0 )); then
      size=$(wc -c <"$chunk")
      (( size >= 1048576 )) && break
    fi
  done
  local c
  for ((c = 1; c <= mib; c++)); do
    sed "s/@C@/$c/g" "$chunk" >>"$file"
  done
  rm -f "$chunk"
}

# gen_one_document FILE MIB: one HTTPRoute whose hostnames list makes the single
# document MIB MiB long, over the 64 MiB per-document limit at the default size.
gen_one_document() {
  local file=$1 mib=$2 chunk=$TMP/hosts.yaml
  cat >"$file" <<'EOF'
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: huge
  namespace: shop
spec:
  parentRefs:
  - name: public
    namespace: infra
  rules:
  - backendRefs:
    - name: storefront
      port: 8080
  hostnames:
EOF
  awk 'BEGIN { for (i = 0; i < 43691; i++) printf "  - h%07d.example.com\n", i }' >"$chunk"
  local c
  for ((c = 1; c <= mib; c++)); do
    cat "$chunk" >>"$file"
  done
  rm -f "$chunk"
}

if (( BIG_MB > 0 )); then
  big=$TMP/big-stream.yaml
  gen_stream "$big" "$BIG_MB"
  big_mb=$(awk -v b="$(wc -c <"$big")" 'BEGIN { printf "%.1f", b / 1048576 }')
  big_run "generated:stream-$big_mb-MiB" "$big" "0|1|2" -
  rm -f "$big"

  big=$TMP/big-document.yaml
  gen_one_document "$big" "$BIG_MB"
  # Over 64 MiB in one document: must be refused with the size-limit code.
  if (( BIG_MB > 64 )); then
    big_run "generated:one-document-$BIG_MB-MiB" "$big" "1|2" GWC1005
  else
    big_run "generated:one-document-$BIG_MB-MiB" "$big" "0|1|2" -
  fi
  rm -f "$big"
fi

echo "$passed passed, $failed failed"
(( failed == 0 ))
