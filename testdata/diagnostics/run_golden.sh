#!/usr/bin/env bash
# Golden tests for every diagnostic code: testdata/diagnostics/GWCnnnn-slug/
# holds a positive case (positive.yaml or a positive/ directory) that must
# report the code, a negative case (negative.yaml or negative/) that must
# not, and positive.expected, the text output users see for the positive
# case. An optional `args` file adds command-line arguments (one per line);
# an optional `args.negative` replaces `args` for the negative run only (for
# codes such as GWC1007 that depend on the arguments, not the input).
# gwc runs inside the case directory so paths stay short and stable.
# Every code in the table must have a case.
#
# Usage: run_golden.sh GWC_BINARY        (GWC_UPDATE_GOLDEN=1 rewrites *.expected)
set -uo pipefail
gwc="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
here="$(cd "$(dirname "$0")" && pwd)"
update="${GWC_UPDATE_GOLDEN:-0}"
passed=0 failed=0

fail() { echo "FAIL  $1: $2"; failed=$((failed + 1)); }

run_case() {  # run_case DIR INPUT ARGS_FILE [EXTRA...] -> prints the report
  local dir="$1" input="$2" args=()
  [[ -f "$dir/$3" ]] && mapfile -t args < "$dir/$3"
  (cd "$dir" && NO_COLOR=1 "$gwc" lint -q "${args[@]}" "$input" "${@:4}" </dev/null)
}

for code in $("$gwc" explain --list | awk '{print $1}'); do
  dirs=("$here/$code"-*)
  dir="${dirs[0]}"
  if [[ ! -d "$dir" ]]; then fail "$code" "no golden case directory"; continue; fi
  name="$(basename "$dir")"
  pos="positive.yaml"; [[ -d "$dir/positive" ]] && pos="positive"
  neg="negative.yaml"; [[ -d "$dir/negative" ]] && neg="negative"
  if [[ ! -e "$dir/$pos" || ! -e "$dir/$neg" ]]; then fail "$name" "positive or negative case missing"; continue; fi
  neg_args="args"; [[ -f "$dir/args.negative" ]] && neg_args="args.negative"
  json="$(run_case "$dir" "$pos" args --format json --fail-on info)"
  if ! grep -q "\"code\": *\"$code\"" <<<"$json"; then fail "$name" "positive case does not report $code"; continue; fi
  json="$(run_case "$dir" "$neg" "$neg_args" --format json --fail-on info)"
  if grep -q "\"code\": *\"$code\"" <<<"$json"; then fail "$name" "negative case reports $code"; continue; fi
  text="$(run_case "$dir" "$pos" args --format text)"
  if [[ "$update" == 1 ]]; then
    printf '%s\n' "$text" > "$dir/positive.expected"
  elif [[ ! -f "$dir/positive.expected" ]]; then
    fail "$name" "positive.expected missing (run with GWC_UPDATE_GOLDEN=1)"; continue
  elif ! diff -u "$dir/positive.expected" <(printf '%s\n' "$text") > /tmp/gwc-golden-diff.$$; then
    fail "$name" "text output differs from positive.expected:"; cat /tmp/gwc-golden-diff.$$; continue
  fi
  passed=$((passed + 1))
done
rm -f /tmp/gwc-golden-diff.$$
echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
