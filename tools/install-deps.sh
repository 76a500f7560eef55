#!/bin/sh
# Installs the Debian packages listed in tools/debian-packages.txt that are
# missing. Quiet and quick when everything is there. Needs root (or sudo)
# only when something is missing.
set -eu
list="$(dirname "$0")/debian-packages.txt"
missing=""
for p in $(grep -v '^#' "$list" | sed 's/#.*//'); do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" \
        || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "install-deps: installing:$missing"
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else
        echo "install-deps: need root to install:$missing" >&2; exit 1; fi
else SUDO=""; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing
