#!/usr/bin/env bash
# RouteTests that hold for an Ingress configuration must also hold for its
# migration: runs every RouteTest of DIR against DIR's manifests as they are
# (compiled under their controller's dialect), then against the output of
# `gwc migrate --target TARGET` next to the Services of DIR.
#
# Usage: ci/check_migrated_route_tests.sh GWC DIR TARGET
set -uo pipefail
gwc="$1"; dir="$2"; target="$3"
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
"$gwc" test "$dir" || exit 1
manifests=$(grep -L "kind: RouteTest" "$dir"/*.yaml)
tests=$(grep -l "kind: RouteTest" "$dir"/*.yaml)
services=$(grep -l "^kind: Service$" $manifests)
"$gwc" migrate $manifests --target "$target" -o "$tmp/out" 2> "$tmp/migrate.err" || { cat "$tmp/migrate.err"; exit 1; }
echo "migrated (--target $target):"
"$gwc" test "$tmp/out" $services $tests
