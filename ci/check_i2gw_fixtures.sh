#!/usr/bin/env bash
# ingress2gateway's own fixtures (../shared/upstream/ingress2gateway, the
# nginx provider: NGINX Inc.'s controller): for each input, gwc's migration
# and ingress2gateway's expected output are compared with `gwc diff`. The
# comparison must print exactly what testdata/i2gw/nginx/<name>.diff holds:
# "0 of N requests routed differently", or the requests that show a
# difference, each explained in testdata/i2gw/README.md. When the input
# routes nothing (the controller rejects it) there is no migration to
# compare, so the input itself, read under its dialect, is compared.
# The notification boxes ingress2gateway prints before its YAML are cut.
# Skips (exit 77) without ../shared. GWC_UPDATE_GOLDEN=1 rewrites the files.
#
# Usage: ci/check_i2gw_fixtures.sh GWC
set -uo pipefail
gwc="$1"
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
fixtures=../shared/upstream/ingress2gateway/fixtures/pkg/i2gw/providers/nginx/fixtures/annotations
if [[ ! -d $fixtures/input ]]; then
  echo "check_i2gw_fixtures: $fixtures not found; skipping"
  exit 77
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
for input in "$fixtures"/input/*.yaml; do
  name="$(basename "$input" .yaml)"
  sed -n '/^apiVersion:/,$p' "$fixtures/output/$name.yaml" > "$tmp/theirs.yaml"
  "$gwc" migrate "$input" > "$tmp/ours.yaml" 2>/dev/null
  ours="$tmp/ours.yaml"
  [[ -s $ours ]] || ours="$input"
  "$gwc" diff "$ours" "$tmp/theirs.yaml" > "$tmp/diff.txt" 2>/dev/null
  golden="testdata/i2gw/nginx/$name.diff"
  if [[ "${GWC_UPDATE_GOLDEN:-0}" == 1 ]]; then
    cp "$tmp/diff.txt" "$golden"
    echo "updated $golden"
  elif diff -u "$golden" "$tmp/diff.txt"; then
    passed=$((passed + 1))
  else
    echo "FAIL: $name: gwc diff of our migration and ingress2gateway's output changed"
    failed=$((failed + 1))
  fi
done
echo "$passed passed, $failed failed"
((failed == 0))
