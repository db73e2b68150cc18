#!/usr/bin/env bash
# No secret value of the vendor policy suites appears in what users see:
# `gwrt dump` and `gwrt disasm` of the compiled tables, `gwc lint` in every
# format, `gwc compile --stats`, `gwc test`, and `gwrt serve`'s access log,
# metrics and stderr after requests that carry every secret to every host
# (as an apikey header, a query parameter and a bearer token). API keys and passwords must not
# be in the table file either (it stores their digests); JWT HMAC secrets
# must be (a signature needs them), in the KeyMaterial section only.
#
# Usage: ci/check_secrets.sh path/to/gwc path/to/gwrt
set -euo pipefail
gwc="$1" gwrt="$2"
cd "$(dirname "$0")/.."
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# Secret values: every stringData value of a Secret except names that are
# not secret (username, algorithm, group, key of a jwt credential), each
# htpasswd hash, and every JWKS "k". Prints "kind<TAB>value" lines.
secrets() {
  python3 - "$@" <<'PY'
import re, sys
public = {'username', 'algorithm', 'group', 'kongCredType'}
for path in sys.argv[1:]:
    for doc in re.split(r'(?m)^---\s*$', open(path).read()):
        if re.search(r'(?m)^kind: Secret\s*$', doc):
            jwt = 'credential: jwt' in doc
            m = re.search(r'(?m)^stringData:\s*\{(.*)\}\s*$', doc)
            pairs = [p.split(':', 1) for p in m.group(1).split(',')] if m else []
            block = re.search(r'(?ms)^stringData:\s*\n((?:[ \t]+.*\n?)*)', doc)
            if block:
                lines = block.group(1).splitlines()
                i = 0
                while i < len(lines):
                    k, _, v = lines[i].strip().partition(':')
                    if v.strip() == '|':
                        i += 1
                        while i < len(lines) and lines[i].startswith('    '):
                            user, _, hashed = lines[i].strip().partition(':')
                            pairs.append(('htpasswd', hashed))
                            i += 1
                        continue
                    pairs.append((k, v))
                    i += 1
            for k, v in pairs:
                k, v = k.strip(), v.strip().strip('"\'')
                if k in public or (jwt and k == 'key') or len(v) < 4:
                    continue
                print(('jwt' if jwt and k == 'secret' else 'credential') + '\t' + v)
        for k in re.findall(r'"k":"([^"]+)"', doc):
            print('jwt\t' + k)
PY
}

# serve_with_secrets MANIFESTS: runs gwrt serve on $tmp/t.gwb, sends every
# secret of $tmp/secrets to every hostname of MANIFESTS, and prints the
# access log, the metrics and serve's stderr.
serve_with_secrets() {
  python3 - "$gwrt" "$tmp/t.gwb" "$tmp/secrets" "$1" "$tmp/access.log" <<'PY'
import re, sys, urllib.parse
sys.path.insert(0, 'ci')
import serve_test
serve_test.GWRT = sys.argv[1]
secrets = [line.rstrip('\n').split('\t', 1)[1] for line in open(sys.argv[3])]
hosts = sorted(set(h.strip() for m in re.findall(r'hostnames: \[([^\]]*)\]', open(sys.argv[4]).read())
                   for h in m.split(',')))
serve = serve_test.Serve(sys.argv[2], access_log=sys.argv[5])
for host in hosts:
    for value in secrets:
        quoted = urllib.parse.quote(value, safe='')
        serve.request(host, f'/p?apikey={quoted}&token={quoted}')
        serve.request(host, '/p', headers={'apikey': value, 'authorization': 'Bearer ' + value})
print(serve.admin('/metrics')[2])
serve.stop()
print(open(sys.argv[5]).read(), ''.join(serve.lines))
PY
}

fail=0
for suite in kong-plugins envoy-gateway-policies; do
  manifests="testdata/route-tests/$suite/manifests.yaml"
  secrets "$manifests" > "$tmp/secrets"
  [[ -s "$tmp/secrets" ]] || { echo "check_secrets: found no secrets in $manifests"; exit 1; }
  "$gwc" compile "$manifests" -o "$tmp/t.gwb" --stats > "$tmp/out" 2>&1 || true
  "$gwrt" dump "$tmp/t.gwb" >> "$tmp/out"
  "$gwrt" disasm "$tmp/t.gwb" >> "$tmp/out"
  for format in text json sarif junit github; do "$gwc" lint "$manifests" --format "$format" >> "$tmp/out" 2>&1 || true; done
  "$gwc" test "testdata/route-tests/$suite" >> "$tmp/out" 2>&1 || true
  serve_with_secrets "$manifests" >> "$tmp/out"
  while IFS=$'\t' read -r kind value; do
    if grep -qF -- "$value" "$tmp/out"; then
      echo "check_secrets: a $kind secret of $manifests appears in the output"; fail=1
    fi
    if [[ "$kind" == credential ]] && grep -qaF -- "$value" "$tmp/t.gwb"; then
      echo "check_secrets: a credential of $manifests is stored in clear in the table"; fail=1
    fi
  done < "$tmp/secrets"
  echo "check_secrets: $suite: $(wc -l < "$tmp/secrets") secrets checked"
done
exit "$fail"
