#!/usr/bin/env bash
# Installs the Debian 12 packages gwc builds and tests with, when missing.
# Needs root (apt-get); does nothing when everything is already installed.
set -euo pipefail

packages=(build-essential cmake pkg-config libyaml-dev libyaml-cpp-dev nlohmann-json3-dev
          libcli11-dev libre2-dev libfmt-dev catch2 libssl-dev libxxhash-dev python3
          clang libclang-rt-14-dev libcpp-httplib-dev libhiredis-dev redis-server wrk)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi
echo "install-deps: installing ${missing[*]}" >&2
if [[ $(id -u) -ne 0 ]]; then
  echo "install-deps: not root; install these packages first: ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
