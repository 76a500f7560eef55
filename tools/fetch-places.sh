#!/bin/sh
# Fetches the Debian packages tools/gen_places.c reads into a cache folder
# outside the repository and unpacks each into CACHE_DIR/<package>/:
# iso-codes and libgweather-4-common (country, region and capital names),
# libgeonames0 and libgeonames-common (GeoNames cities and their names),
# and the Hunspell dictionaries whose lower-case words are common words.
# The generator loads the cities through CACHE_DIR/libgeonames.so, a copy
# of the library (it needs GLib's runtime, libglib2.0-0, installed).
#
#   tools/fetch-places.sh [CACHE_DIR]     (default /tmp/tidings-sources)
set -eu
dir=${1:-${TIDINGS_SOURCES:-/tmp/tidings-sources}}
mkdir -p "$dir"
cd "$dir"
for pkg in iso-codes libgweather-4-common libgeonames0 libgeonames-common \
    hunspell-en-us hunspell-de-de hunspell-fr-classical hunspell-it \
    hunspell-es hunspell-pt-pt hunspell-nl hunspell-sv hunspell-pl \
    hunspell-tr hunspell-ru hunspell-uk hunspell-ar myspell-fa hunspell-hi \
    hunspell-he hunspell-th; do
    if [ ! -d "$pkg/usr/share" ] && [ ! -d "$pkg/usr/lib" ]; then
        ls ${pkg}_*.deb >/dev/null 2>&1 || apt-get download "$pkg" >/dev/null
        deb=$(ls ${pkg}_*.deb | tail -n 1)
        rm -rf "$pkg"
        dpkg-deb -x "$deb" "$pkg"
        echo "fetch-places: $deb" >&2
    fi
done
if [ ! -f libgeonames.so ]; then
    lib=$(find libgeonames0 -name 'libgeonames.so.*' -type f | head -n 1)
    cp "$lib" libgeonames.so
fi
