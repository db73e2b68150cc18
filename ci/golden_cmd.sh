#!/usr/bin/env bash
# Compares what a command prints on stdout with a golden file; with
# GWC_UPDATE_GOLDEN=1 it rewrites the file instead. Runs from the repository
# root with NO_COLOR set. Exit status of the command is ignored; only the
# output is compared.
#
# Usage: ci/golden_cmd.sh GOLDEN_FILE COMMAND [ARGS...]
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
golden="$1"; shift
cd "$root"
actual="$(NO_COLOR=1 "$@" 2>/dev/null)"
if [[ "${GWC_UPDATE_GOLDEN:-0}" == 1 ]]; then
  printf '%s\n' "$actual" > "$golden"
  echo "updated $golden"
  exit 0
fi
if diff -u "$golden" <(printf '%s\n' "$actual"); then
  echo "1 passed, 0 failed"
else
  echo "$golden differs from the output of: $*"
  echo "0 passed, 1 failed"
  exit 1
fi
