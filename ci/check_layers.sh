#!/usr/bin/env bash
# Checks that #include lines point the way DESIGN.md's layering allows:
# each layer may include itself and the layers listed for it; tests and
# fuzzers (*_test.cc, *_fuzz.cc) may include anything. The runtime
# (runtime-stub/) never includes compiler code.
#
# Usage: ci/check_layers.sh   (from anywhere; exits 1 listing violations)
set -euo pipefail
cd "$(dirname "$0")/.."

declare -A allowed=(
  [compiler/base]="compiler/base"
  [compiler/model]="compiler/base compiler/model"
  [compiler/frontend]="compiler/base compiler/model compiler/frontend"
  [compiler/check]="compiler/base compiler/model compiler/check"
  [compiler/ir]="compiler/base compiler/model compiler/ir"
  [compiler/migrate]="compiler/base compiler/model compiler/ir compiler/migrate"
  [compiler/emit]="compiler/base compiler/model compiler/ir compiler/emit runtime-stub/format"
  [compiler/driver]="compiler/base compiler/model compiler/frontend compiler/check compiler/ir compiler/emit compiler/migrate compiler/driver plugins/registry.h runtime-stub/format gwrt/"
  [compiler/tools]="compiler/base compiler/driver"
  [compiler/testing]="compiler runtime-stub gwrt/"
  [runtime-stub]="runtime-stub gwrt/"
  [plugins]="compiler/base compiler/model compiler/ir/ingress_dialect.h compiler/ir/filter_extension.h compiler/ir/policy_source.h compiler/ir/lower_ingress.h compiler/ir/ir.h compiler/ir/first_match.h compiler/check/report.h gwrt/jwks.h plugins"
)

violations=0
for layer in "${!allowed[@]}"; do
  [[ -d "$layer" ]] || continue
  while IFS= read -r -d '' file; do
    case "$file" in *_test.cc|*_fuzz.cc) continue ;; esac
    # A file of a deeper layer directory is checked by that layer's rule.
    [[ "$layer" == runtime-stub || "$layer" == plugins || "$layer" == "$(dirname "$file" | cut -d/ -f1-2)" ]] || continue
    while IFS= read -r inc; do
      ok=0
      for prefix in ${allowed[$layer]}; do
        [[ "$inc" == "$prefix"* ]] && ok=1
      done
      if ((!ok)); then
        echo "$file includes \"$inc\", which layer $layer may not use"
        violations=$((violations + 1))
      fi
    done < <(sed -n 's/^#include "\([^"]*\)".*/\1/p' "$file")
  done < <(find "$layer" -type f \( -name '*.h' -o -name '*.cc' \) -print0)
done
if ((violations)); then
  echo "check_layers: $violations include(s) against the layering"
  exit 1
fi
echo "check_layers: ok"
