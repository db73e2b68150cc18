#!/usr/bin/env bash
# Whole-program checks of `gwc migrate` that a golden file cannot express:
#  - the same inputs in another file order give byte-identical output;
#  - the bundled example migrates with --verify reporting no drift, and
#    --strict fails on what it could not translate;
#  - a capture-group rewrite-target is lost with --target standard (verify
#    exit 1, naming the request) and verifies with --target envoy-gateway;
#  - more listeners than a Gateway may hold go to ListenerSets, still
#    verifying and linting clean;
#  - the output lints without errors next to the Services it routes to.
#
# Usage: ci/check_migrate.sh GWC   (from anywhere)
set -uo pipefail
gwc="$1"
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
failed=0
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }

# Determinism: the example's files concatenated in reverse order.
"$gwc" migrate testdata/examples/shop > "$tmp/a.yaml" 2>/dev/null
for f in $(ls testdata/examples/shop/*.yaml | sort -r); do cat "$f"; echo "---"; done > "$tmp/reversed.yaml"
"$gwc" migrate "$tmp/reversed.yaml" > "$tmp/b.yaml" 2>/dev/null
cmp -s "$tmp/a.yaml" "$tmp/b.yaml" || fail "output depends on input order: $(diff "$tmp/a.yaml" "$tmp/b.yaml" | head -5)"
[[ -s "$tmp/a.yaml" ]] || fail "no output for the example"

# The example verifies; --strict fails on its untranslatable annotations.
"$gwc" migrate testdata/examples/shop --verify > /dev/null 2> "$tmp/verify.err" \
  || fail "example --verify: $(tail -3 "$tmp/verify.err")"
grep -q "gwc: verify: 0 of [0-9]* requests routed differently" "$tmp/verify.err" || fail "example: no verify summary"
"$gwc" migrate testdata/examples/shop --strict > /dev/null 2>&1
[[ $? == 1 ]] || fail "--strict should exit 1 when annotations are lost"

# Policies (rate limit, body size): lost in standard, Envoy Gateway policies
# targeting the rule by name otherwise.
"$gwc" migrate testdata/examples/shop --target envoy-gateway > "$tmp/eg-shop.yaml" 2> "$tmp/eg-shop.err"
grep -q "kind: BackendTrafficPolicy" "$tmp/eg-shop.yaml" || fail "no BackendTrafficPolicy for limit-rps"
grep -q "sectionName: legacy-admin-0" "$tmp/eg-shop.yaml" || fail "policy does not target the rule"
grep -q "translated  nginx.ingress.kubernetes.io/limit-rps" "$tmp/eg-shop.err" || fail "limit-rps not translated for envoy-gateway"
grep -q "lost        nginx.ingress.kubernetes.io/limit-rps" "$tmp/verify.err" || fail "limit-rps not lost for standard"

# Capture-group rewrite: lost in standard, translated for Envoy Gateway.
"$gwc" migrate testdata/migrate/capture-rewrite.yaml --verify > /dev/null 2> "$tmp/std.err"
[[ $? == 1 ]] || fail "standard --verify of a capture-group rewrite should exit 1"
grep -q "lost .*rewrite-target" "$tmp/std.err" || fail "rewrite-target not reported lost"
grep -q "gwc: verify:   GET http://api.example.com:80/api/" "$tmp/std.err" || fail "no request showing the drift"
"$gwc" migrate testdata/migrate/capture-rewrite.yaml --target envoy-gateway --verify > "$tmp/eg.yaml" 2> "$tmp/eg.err" \
  || fail "envoy-gateway --verify: $(tail -3 "$tmp/eg.err")"
grep -q "kind: HTTPRouteFilter" "$tmp/eg.yaml" || fail "no HTTPRouteFilter for envoy-gateway"

# More hosts than a Gateway may list: ListenerSets, still no drift, lint-clean.
"$gwc" migrate testdata/migrate/many-hosts.yaml --verify > "$tmp/many.yaml" 2> "$tmp/many.err" \
  || fail "many-hosts --verify: $(tail -3 "$tmp/many.err")"
grep -q "kind: ListenerSet" "$tmp/many.yaml" || fail "no ListenerSet for 81 listeners"
"$gwc" lint "$tmp/many.yaml" testdata/migrate/many-hosts.yaml > "$tmp/many.lint" 2>&1 \
  || fail "lint of the many-hosts migration: $(grep error "$tmp/many.lint" | head -3)"

# The output lints without errors, next to the Services of the input.
"$gwc" migrate testdata/migrate/capture-rewrite.yaml -o "$tmp/out" > /dev/null 2>&1
"$gwc" lint "$tmp/out" testdata/migrate/services.yaml > "$tmp/lint.out" 2>&1 || fail "lint of migrated output: $(cat "$tmp/lint.out")"

if ((failed)); then
  echo "0 passed, $failed failed"
  exit 1
fi
echo "check_migrate: ok"
