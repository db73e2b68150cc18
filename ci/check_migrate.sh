#!/usr/bin/env bash
# Whole-program checks of `gwc migrate` that a golden file cannot express:
#  - the same inputs in another file order give byte-identical output;
#  - the bundled example migrates with --verify reporting no drift, and
#    --strict fails on what it could not translate;
#  - --target kong writes policies as KongPlugins and still verifies;
#  - a capture-group rewrite-target is lost with --target standard (verify
#    exit 1, naming the request) and verifies with --target envoy-gateway;
#  - more listeners than a Gateway may hold go to ListenerSets, still
#    verifying and linting clean;
#  - the output lints without errors next to the Services it routes to;
#  - Istio: the same for an Istio configuration Gateway API can express,
#    string prefixes reported partial with the request that differs, and a
#    named host's 404 (no fall-through to a wildcard host) written for
#    --target envoy-gateway.
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

# Kong: the same policies as KongPlugins on their rule (ExtensionRef), and
# the output still verifies.
"$gwc" migrate testdata/examples/shop --target kong --verify > "$tmp/kong-shop.yaml" 2> "$tmp/kong-shop.err" \
  || fail "kong --verify: $(tail -3 "$tmp/kong-shop.err")"
grep -q "^plugin: rate-limiting" "$tmp/kong-shop.yaml" || fail "no KongPlugin rate-limiting for limit-rps"
grep -q "name: legacy-admin-0-rate-limiting" "$tmp/kong-shop.yaml" || fail "rate-limiting plugin not referenced by its rule"
grep -q "translated  nginx.ingress.kubernetes.io/limit-rps" "$tmp/kong-shop.err" || fail "limit-rps not translated for kong"

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

# Istio: order-independent, verifies, lints clean.
istio=testdata/migrate/istio.yaml
"$gwc" migrate "$istio" --verify > "$tmp/istio.yaml" 2> "$tmp/istio.err" || fail "istio --verify: $(tail -3 "$tmp/istio.err")"
awk 'BEGIN{RS="---\n"} {docs[NR]=$0} END{for (i=NR; i>0; --i) printf "%s---\n", docs[i]}' "$istio" > "$tmp/istio-reversed.yaml"
"$gwc" migrate "$tmp/istio-reversed.yaml" > "$tmp/istio-b.yaml" 2>/dev/null
cmp -s "$tmp/istio.yaml" "$tmp/istio-b.yaml" || fail "istio output depends on input order"
grep -q "^kind: Gateway$" "$tmp/istio.yaml" || fail "no Gateway for the Istio Gateway"
"$gwc" lint "$tmp/istio.yaml" > "$tmp/istio.lint" 2>&1 || fail "lint of the Istio migration: $(grep error "$tmp/istio.lint" | head -3)"
corpus=testdata/route-tests/istio
"$gwc" migrate $corpus/manifests.yaml $corpus/services.yaml --verify > /dev/null 2> "$tmp/prefix.err"
[[ $? == 1 ]] || fail "string prefixes written as PathPrefix should drift"
grep -q "partial     uri.prefix /api: " "$tmp/prefix.err" || fail "string prefix /api not reported partial"
grep -q "gwc: verify:   GET http://app.example.org:80/apiprobe" "$tmp/prefix.err" || fail "no request showing the string-prefix drift"
"$gwc" migrate $corpus/manifests.yaml $corpus/services.yaml --target envoy-gateway > "$tmp/eg-istio.yaml" 2>/dev/null
grep -B8 "statusCode: 404" "$tmp/eg-istio.yaml" | grep -q "kind: HTTPRouteFilter" || fail "no 404 HTTPRouteFilter for a named host"

# One header named twice (any case): one entry, the value the controller sends.
"$gwc" migrate testdata/migrate/header-names.yaml --verify > "$tmp/names.yaml" 2> "$tmp/names.err" \
  || fail "header names --verify: $(tail -3 "$tmp/names.err")"
[[ $(grep -ci "name: x-env" "$tmp/names.yaml") == 1 ]] || fail "x-env written more than once"
grep -q "value: two" "$tmp/names.yaml" || fail "x-env does not keep the value the controller sends"

if ((failed)); then
  echo "0 passed, $failed failed"
  exit 1
fi
echo "check_migrate: ok"
