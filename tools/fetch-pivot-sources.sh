#!/bin/sh
# Fetches the FreeDict dictionaries that tools/gen_pivot.c reads (Debian 12
# dict-freedict-* packages) into a cache folder outside the repository,
# unpacks them, and prints the folder holding their .index/.dict.dz files.
#
#   tools/fetch-pivot-sources.sh [CACHE_DIR] PACKAGE...
#                                 (default CACHE_DIR: /tmp/tidings-sources)
#
# Packages already in the cache are not fetched again; `apt-get download`
# needs the package lists (apt-get update) but no root for the download.
set -eu
dir=${TIDINGS_SOURCES:-/tmp/tidings-sources}
case ${1:-} in
    /*) dir=$1; shift ;;
esac
[ $# -gt 0 ] || { echo "usage: fetch-pivot-sources.sh [DIR] PACKAGE..." >&2; exit 2; }
debs="$dir/pivot"
root="$debs/root"
mkdir -p "$debs" "$root"
for p in "$@"; do
    if ! ls "$debs/${p}_"*.deb >/dev/null 2>&1; then
        (cd "$debs" && apt-get download "$p" >/dev/null 2>&1) || {
            echo "fetch-pivot-sources: cannot download $p (apt-get update?)" >&2
            exit 1
        }
    fi
    deb=$(ls "$debs/${p}_"*.deb | tail -n 1)
    stamp="$root/.$(basename "$deb").done"
    if [ ! -f "$stamp" ]; then
        dpkg-deb -x "$deb" "$root"
        touch "$stamp"
    fi
done
echo "$root/usr/share/dictd"
