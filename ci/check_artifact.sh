#!/usr/bin/env bash
# Determinism of `gwc compile`: each sample compiled from its files, and
# from one file holding the same documents in reverse order, must give
# byte-identical tables, equal to the committed testdata/artifacts/NAME.gwb
# (GWC_UPDATE_GOLDEN=1 rewrites them); gwrt must verify them.
#   shop      the example shop (route table only)
#   policies-kong, policies-envoy-gateway
#             the vendor policy suites (policy programs; the seeds of the
#             policy fuzzers)
#
# Usage: ci/check_artifact.sh path/to/gwc path/to/gwrt
set -euo pipefail
gwc="$1" gwrt="$2"
cd "$(dirname "$0")/.."
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

check() {
  local name="$1"; shift
  "$gwc" compile "$@" -o "$tmp/$name-a.gwb" 2>/dev/null || true
  # Every document of every file, last first, in one file.
  python3 - "$tmp/$name-reversed.yaml" "$@" <<'PY'
import re, sys
docs = []
for path in sys.argv[2:]:
    docs += [d for d in re.split(r'(?m)^---\s*$', open(path).read()) if d.strip()]
open(sys.argv[1], 'w').write('\n---\n'.join(reversed(docs)))
PY
  "$gwc" compile "$tmp/$name-reversed.yaml" -o "$tmp/$name-b.gwb" 2>/dev/null || true
  cmp "$tmp/$name-a.gwb" "$tmp/$name-b.gwb" || { echo "check_artifact: input order changed the $name table"; exit 1; }
  "$gwrt" verify "$tmp/$name-a.gwb" >/dev/null
  if [[ "${GWC_UPDATE_GOLDEN:-0}" == 1 ]]; then
    cp "$tmp/$name-a.gwb" "testdata/artifacts/$name.gwb"
    echo "updated testdata/artifacts/$name.gwb"
    return
  fi
  cmp "$tmp/$name-a.gwb" "testdata/artifacts/$name.gwb" || {
    echo "check_artifact: testdata/artifacts/$name.gwb differs (GWC_UPDATE_GOLDEN=1 if intended)"
    exit 1
  }
}

check shop testdata/examples/shop/*.yaml
check policies-kong testdata/route-tests/kong-plugins/manifests.yaml
check policies-envoy-gateway testdata/route-tests/envoy-gateway-policies/manifests.yaml
echo "check_artifact: ok (same bytes in any input order)"
