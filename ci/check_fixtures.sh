#!/usr/bin/env bash
# The upstream Gateway API fixtures: every valid file lints with exit 0 and no
# error, one file at a time and as one directory (no crash); every invalid
# file exits 1 with an error on the line testdata/fixtures/
# gateway-api-invalid.lines names. Exit 77 (skip) without ../shared.
#
# Usage: ci/check_fixtures.sh GWC_BINARY
set -uo pipefail
gwc="$1"
root="$(cd "$(dirname "$0")/.." && pwd)"
fixtures="$root/../shared/upstream/gateway-api/fixtures"
if [[ ! -d "$fixtures" ]]; then
  echo "check_fixtures: $fixtures not found (shared ground truth absent); skipping" >&2
  exit 77
fi
passed=0 failed=0
fail() { echo "FAIL  $1: $2"; failed=$((failed + 1)); }

while IFS= read -r -d '' f; do
  out="$("$gwc" lint -q --format json "$f" 2>&1)"; rc=$?
  if [[ $rc -ne 0 ]] || grep -q '"severity": *"error"' <<<"$out"; then
    fail "${f#"$fixtures"/}" "exit $rc or errors reported"
  else
    passed=$((passed + 1))
  fi
done < <(find "$fixtures/valid" -name '*.yaml' -print0 | sort -z)

"$gwc" lint -q "$fixtures/valid" > /dev/null 2>&1; rc=$?
if [[ $rc -gt 1 ]]; then fail "valid/ as one directory" "exit $rc"; else passed=$((passed + 1)); fi

while read -r rel line; do
  [[ -z "$rel" || "$rel" == \#* ]] && continue
  out="$("$gwc" lint -q --format json "$fixtures/invalid/$rel" 2>/dev/null)"; rc=$?
  if [[ $rc -ne 1 ]]; then fail "invalid/$rel" "exit $rc, want 1"; continue; fi
  if ! python3 -c 'import json,sys; d=json.load(sys.stdin); sys.exit(0 if any(x["severity"]=="error" and x.get("line")==int(sys.argv[1]) for x in d["diagnostics"]) else 1)' "$line" <<<"$out"; then
    fail "invalid/$rel" "no error on line $line"; continue
  fi
  passed=$((passed + 1))
done < "$root/testdata/fixtures/gateway-api-invalid.lines"

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
