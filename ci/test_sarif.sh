#!/usr/bin/env bash
# Lints the example shop and the bad-input corpus as SARIF and validates both
# files against the SARIF 2.1.0 schema. Exit 77 (skip) when npm is unavailable.
set -uo pipefail
gwc="$1"
root="$(cd "$(dirname "$0")/.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cd "$root"
"$gwc" lint -q --format sarif testdata/examples/shop > "$tmp/shop.sarif"
"$gwc" lint -q --format sarif testdata/bad > "$tmp/bad.sarif"
for f in "$tmp/shop.sarif" "$tmp/bad.sarif"; do
  bash ci/validate_sarif.sh "$f"
  rc=$?
  [[ $rc -eq 0 ]] || exit $rc
done
echo "SARIF output validates against the SARIF 2.1.0 schema"
