#!/usr/bin/env bash
# Runs the Gateway API conformance cases of ../shared/conformance as a dry
# run and requires the pass rate of issue 3 (95% of the non-skipped cases).
# Skips (exit 77) when ../shared is absent.
#
# Usage: ci/conformance.sh path/to/gwc-conformance
set -euo pipefail
cd "$(dirname "$0")/.."
shared=../shared/conformance
if [[ ! -f $shared/cases.json ]]; then
  echo "conformance: $shared/cases.json not found; skipping"
  exit 77
fi
"$1" --cases "$shared/cases.json" --manifests "$shared/manifests" --min-pass-percent 95
