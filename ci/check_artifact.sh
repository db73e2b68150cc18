#!/usr/bin/env bash
# Determinism of `gwc compile`: the example shop compiled from its folder,
# and from one file holding the same documents in reverse order, must give
# byte-identical tables, equal to the committed testdata/artifacts/shop.gwb
# (GWC_UPDATE_GOLDEN=1 rewrites it); gwrt must verify it.
#
# Usage: ci/check_artifact.sh path/to/gwc path/to/gwrt
set -euo pipefail
gwc="$1" gwrt="$2"
cd "$(dirname "$0")/.."
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
"$gwc" compile testdata/examples/shop -o "$tmp/a.gwb" 2>/dev/null || true
# Every document of every file, last first, in one file.
python3 - "$tmp/reversed.yaml" testdata/examples/shop/*.yaml <<'PY'
import re, sys
docs = []
for path in sys.argv[2:]:
    docs += [d for d in re.split(r'(?m)^---\s*$', open(path).read()) if d.strip()]
open(sys.argv[1], 'w').write('\n---\n'.join(reversed(docs)))
PY
"$gwc" compile "$tmp/reversed.yaml" -o "$tmp/b.gwb" 2>/dev/null || true
cmp "$tmp/a.gwb" "$tmp/b.gwb" || { echo "check_artifact: input order changed the table"; exit 1; }
"$gwrt" verify "$tmp/a.gwb" >/dev/null
if [[ "${GWC_UPDATE_GOLDEN:-0}" == 1 ]]; then
  cp "$tmp/a.gwb" testdata/artifacts/shop.gwb
  echo "updated testdata/artifacts/shop.gwb"
  exit 0
fi
cmp "$tmp/a.gwb" testdata/artifacts/shop.gwb || {
  echo "check_artifact: testdata/artifacts/shop.gwb differs (GWC_UPDATE_GOLDEN=1 if intended)"
  exit 1
}
echo "check_artifact: ok (same bytes in any input order)"
