#!/usr/bin/env bash
# ingress2gateway's own fixtures (../shared/upstream/ingress2gateway): the
# nginx provider (NGINX Inc.'s controller) and the istio provider. For each
# input, gwc's migration and ingress2gateway's expected output are compared
# with `gwc diff`. The comparison must print exactly what
# testdata/i2gw/<provider>/<name>.diff holds: "0 of N requests routed
# differently", or the requests that show a difference, each explained in
# testdata/i2gw/README.md. When the input routes nothing (the controller
# rejects it) there is no migration to compare, so the input itself, read
# under its dialect, is compared. The istio inputs other than the Gateway
# hold VirtualServices only, so each is also compared together with
# 1-gateway.yaml (their Gateway), as "with-gateway-<name>".
# The notification boxes ingress2gateway prints before its YAML are cut.
# Skips (exit 77) without ../shared. GWC_UPDATE_GOLDEN=1 rewrites the files.
#
# Usage: ci/check_i2gw_fixtures.sh GWC
set -uo pipefail
gwc="$1"
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
providers=../shared/upstream/ingress2gateway/fixtures/pkg/i2gw/providers
if [[ ! -d $providers/nginx/fixtures/annotations/input ]]; then
  echo "check_i2gw_fixtures: $providers not found; skipping"
  exit 77
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0

# compare PROVIDER NAME THEIRS INPUT...: our migration of the inputs against
# ingress2gateway's output THEIRS.
compare() {
  local provider="$1" name="$2" theirs="$3"
  shift 3
  sed -n '/^apiVersion:/,$p' "$theirs" > "$tmp/theirs.yaml"
  "$gwc" migrate "$@" > "$tmp/ours.yaml" 2>/dev/null
  local -a ours=("$tmp/ours.yaml")
  [[ -s $tmp/ours.yaml ]] || ours=("$@")
  "$gwc" diff "${ours[@]}" "$tmp/theirs.yaml" > "$tmp/diff.txt" 2>/dev/null
  local golden="testdata/i2gw/$provider/$name.diff"
  if [[ "${GWC_UPDATE_GOLDEN:-0}" == 1 ]]; then
    mkdir -p "$(dirname "$golden")"
    cp "$tmp/diff.txt" "$golden"
    echo "updated $golden"
  elif diff -u "$golden" "$tmp/diff.txt"; then
    passed=$((passed + 1))
  else
    echo "FAIL: $provider/$name: gwc diff of our migration and ingress2gateway's output changed"
    failed=$((failed + 1))
  fi
}

nginx=$providers/nginx/fixtures/annotations
for input in "$nginx"/input/*.yaml; do
  name="$(basename "$input" .yaml)"
  compare nginx "$name" "$nginx/output/$name.yaml" "$input"
done
istio=$providers/istio/fixtures
for input in "$istio"/input/*.yaml; do
  name="$(basename "$input" .yaml)"
  compare istio "$name" "$istio/output/$name.yaml" "$input"
  [[ $name == 1-gateway || $name == 5-referencegrants ]] && continue
  cat "$istio/output/1-gateway.yaml" <(echo ---) "$istio/output/$name.yaml" > "$tmp/both.yaml"
  compare istio "with-gateway-$name" "$tmp/both.yaml" "$istio/input/1-gateway.yaml" "$input"
done
echo "$passed passed, $failed failed"
((failed == 0))
