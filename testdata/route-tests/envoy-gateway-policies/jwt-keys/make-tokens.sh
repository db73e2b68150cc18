#!/bin/sh
# Recomputes every JWT used by jwt.test.yaml and the JWKS inlined in manifests.yaml.
# Only openssl, base64, tr and xxd are needed. The RSA keys in this folder are TEST-ONLY
# keys made for this corpus (openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048);
# the script creates them when they are missing. RS256 (PKCS#1 v1.5) and HS256 are both
# deterministic, so re-running with the same keys prints the same tokens.
#
# Times are seconds since the epoch; the RouteTest pins spec.now to
# 2026-01-01T00:00:00Z = 1767225600.
set -eu
cd "$(dirname "$0")"

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

[ -f idp-k1.pem ]    || openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out idp-k1.pem
[ -f rogue-k1.pem ]  || openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out rogue-k1.pem

# HS256 secrets (raw bytes = these ASCII strings).
HS_SECRET='gwc-test-hs256-secret-0123456789abcdef'
HS_WRONG='some-other-hs256-secret-not-in-jwks!!'

# sign_rs256 KEYFILE HEADER_JSON PAYLOAD_JSON
sign_rs256() {
  input="$(printf '%s' "$2" | b64url).$(printf '%s' "$3" | b64url)"
  sig=$(printf '%s' "$input" | openssl dgst -sha256 -sign "$1" -binary | b64url)
  printf '%s.%s\n' "$input" "$sig"
}
# sign_hs256 SECRET HEADER_JSON PAYLOAD_JSON
sign_hs256() {
  input="$(printf '%s' "$2" | b64url).$(printf '%s' "$3" | b64url)"
  sig=$(printf '%s' "$input" | openssl dgst -sha256 -hmac "$1" -binary | b64url)
  printf '%s.%s\n' "$input" "$sig"
}

echo "== JWKS (RS256, kid k1) =="
n=$(openssl rsa -in idp-k1.pem -noout -modulus | sed 's/^Modulus=//' | xxd -r -p | b64url)
printf '{"keys":[{"kty":"RSA","kid":"k1","alg":"RS256","use":"sig","n":"%s","e":"AQAB"}]}\n' "$n"
echo "== JWKS (HS256, kid hs1) =="
printf '{"keys":[{"kty":"oct","kid":"hs1","alg":"HS256","k":"%s"}]}\n' "$(printf '%s' "$HS_SECRET" | b64url)"

H='{"alg":"RS256","typ":"JWT","kid":"k1"}'
ISS='https://idp.example.com'
FAR=2082758400     # 2036-01-01T00:00:00Z
IAT=1767225000     # 2025-12-31T23:50:00Z

echo "== valid =="
sign_rs256 idp-k1.pem "$H" '{"iss":"'$ISS'","sub":"alice","aud":"orders-api","iat":'$IAT',"exp":'$FAR',"org":{"team":"payments"}}'
echo "== valid, aud array =="
sign_rs256 idp-k1.pem "$H" '{"iss":"'$ISS'","sub":"carol","aud":["billing-api","orders-api"],"iat":'$IAT',"exp":'$FAR'}'
echo "== expired (exp 2025-12-31T23:00:00Z = now - 1h) =="
sign_rs256 idp-k1.pem "$H" '{"iss":"'$ISS'","sub":"alice","aud":"orders-api","iat":1767218400,"exp":1767222000}'
echo "== not yet valid (nbf 2026-01-02T00:00:00Z = now + 1d) =="
sign_rs256 idp-k1.pem "$H" '{"iss":"'$ISS'","sub":"alice","aud":"orders-api","iat":'$IAT',"nbf":1767312000,"exp":'$FAR'}'
echo "== wrong audience =="
sign_rs256 idp-k1.pem "$H" '{"iss":"'$ISS'","sub":"alice","aud":"billing-api","iat":'$IAT',"exp":'$FAR'}'
echo "== wrong issuer =="
sign_rs256 idp-k1.pem "$H" '{"iss":"https://evil.example.net","sub":"alice","aud":"orders-api","iat":'$IAT',"exp":'$FAR'}'
echo "== bad signature (same kid k1, signed with rogue-k1.pem) =="
sign_rs256 rogue-k1.pem "$H" '{"iss":"'$ISS'","sub":"alice","aud":"orders-api","iat":'$IAT',"exp":'$FAR'}'
echo "== unknown key (kid k9, not in the JWKS; signed with rogue-k1.pem) =="
sign_rs256 rogue-k1.pem '{"alg":"RS256","typ":"JWT","kid":"k9"}' '{"iss":"'$ISS'","sub":"alice","aud":"orders-api","iat":'$IAT',"exp":'$FAR'}'
echo "== short-lived (exp 2026-01-01T00:10:00Z = now + 10m) =="
sign_rs256 idp-k1.pem "$H" '{"iss":"'$ISS'","sub":"dave","aud":"orders-api","iat":'$IAT',"exp":1767226200}'

HH='{"alg":"HS256","typ":"JWT","kid":"hs1"}'
echo "== HS256 valid =="
sign_hs256 "$HS_SECRET" "$HH" '{"sub":"svc-reports","iat":'$IAT',"exp":'$FAR'}'
echo "== HS256 signed with a secret that is not in the JWKS =="
sign_hs256 "$HS_WRONG" "$HH" '{"sub":"svc-reports","iat":'$IAT',"exp":'$FAR'}'
