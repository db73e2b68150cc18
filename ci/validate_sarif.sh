#!/usr/bin/env bash
# Copyright 2026 The gwc Authors.
#
# Validates SARIF files against the official SARIF 2.1.0 JSON schema (the
# draft-07 sarif-schema-2.1.0.json of the OASIS SARIF TC), using Ajv.
#
#   ci/validate_sarif.sh FILE.sarif...
#
# Exit status: 0 valid, 1 invalid (errors are printed), 2 usage error,
# 77 when node/npm or the npm registry is unavailable (ctest: SKIP_RETURN_CODE).
#
# Nothing is vendored. On first use the script installs the pinned packages of
# ci/sarif/package-lock.json (ajv, ajv-formats) with `npm ci` and takes the
# schema file out of the npm package that ships it, @datadog/datadog-ci@2.48.0
# (dist/commands/sarif/json-schema/sarif-schema-2.1.0.json, checked against its
# SHA-256 below), into $GWC_SARIF_TOOLS_DIR (default: build/sarif-tools).

set -euo pipefail

readonly SCHEMA_PACKAGE="@datadog/datadog-ci@2.48.0"
readonly SCHEMA_PATH_IN_PACKAGE="package/dist/commands/sarif/json-schema/sarif-schema-2.1.0.json"
readonly SCHEMA_SHA256="10666d46649b52e262001e70d43e6c52f7c0279ca3dbdfe9a7dc2e4071556454"
readonly SKIP=77

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(dirname "$here")"
tools="${GWC_SARIF_TOOLS_DIR:-$repo/build/sarif-tools}"
schema="$tools/sarif-schema-2.1.0.json"

if [[ $# -lt 1 ]]; then
  echo "usage: $0 FILE.sarif..." >&2
  exit 2
fi
for tool in node npm; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "validate_sarif: $tool not found; skipping" >&2
    exit "$SKIP"
  fi
done

# Installs ajv and ajv-formats unless the same lock file was installed before.
install_ajv() {
  local stamp="$tools/installed-package-lock.json"
  if cmp -s "$here/sarif/package-lock.json" "$stamp"; then
    return 0
  fi
  rm -f "$stamp"
  cp "$here/sarif/package.json" "$here/sarif/package-lock.json" "$tools/"
  (cd "$tools" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error) >&2 || return 1
  cp "$here/sarif/package-lock.json" "$stamp"
}

# Extracts the schema from its npm package and checks its digest.
fetch_schema() {
  if [[ -f "$schema" ]] && sha256sum "$schema" | grep -q "^$SCHEMA_SHA256 "; then
    return 0
  fi
  local scratch
  scratch="$(mktemp -d "$tools/pack.XXXXXX")"
  local tarball
  tarball="$(cd "$scratch" && npm pack "$SCHEMA_PACKAGE" --silent --loglevel=error | tail -n 1)" ||
    { rm -rf "$scratch"; return 1; }
  tar -xzf "$scratch/$tarball" -C "$scratch" "$SCHEMA_PATH_IN_PACKAGE"
  if ! sha256sum "$scratch/$SCHEMA_PATH_IN_PACKAGE" | grep -q "^$SCHEMA_SHA256 "; then
    echo "validate_sarif: schema from $SCHEMA_PACKAGE has an unexpected SHA-256" >&2
    rm -rf "$scratch"
    exit 2
  fi
  mv "$scratch/$SCHEMA_PATH_IN_PACKAGE" "$schema"
  rm -rf "$scratch"
}

mkdir -p "$tools"
exec 9>"$tools/.lock"
if command -v flock >/dev/null 2>&1; then flock 9; fi
if ! install_ajv || ! fetch_schema; then
  echo "validate_sarif: could not install from the npm registry; skipping" >&2
  exit "$SKIP"
fi
exec 9>&-

NODE_PATH="$tools/node_modules" node "$here/sarif/validate.js" "$schema" "$@"
