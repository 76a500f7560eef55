#!/bin/sh
# Fetches the Debian packages tools/gen_places.c reads (iso-codes,
# libgweather-4-common) into a cache folder outside the repository and
# unpacks each into CACHE_DIR/<package>/.
#
#   tools/fetch-places.sh [CACHE_DIR]     (default /tmp/tidings-sources)
set -eu
dir=${1:-${TIDINGS_SOURCES:-/tmp/tidings-sources}}
mkdir -p "$dir"
cd "$dir"
for pkg in iso-codes libgweather-4-common; do
    if [ ! -d "$pkg/usr/share" ]; then
        ls ${pkg}_*.deb >/dev/null 2>&1 || apt-get download "$pkg" >/dev/null
        deb=$(ls ${pkg}_*.deb | tail -n 1)
        rm -rf "$pkg"
        dpkg-deb -x "$deb" "$pkg"
        echo "fetch-places: $deb" >&2
    fi
done
