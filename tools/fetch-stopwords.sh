#!/bin/sh
# Fetches the stopwords-iso npm package into a cache folder outside the
# repository and prints the path of its stopwords-iso.json.
#
#   tools/fetch-stopwords.sh [CACHE_DIR]     (default /tmp/tidings-sources)
#
# STOPWORDS_ISO_VERSION pins the version (default 1.1.0, the one
# data/stopwords.c was generated from).
set -eu
dir=${1:-${TIDINGS_SOURCES:-/tmp/tidings-sources}}
version=${STOPWORDS_ISO_VERSION:-1.1.0}
mkdir -p "$dir/stopwords-iso-$version"
out="$dir/stopwords-iso-$version"
if [ ! -f "$out/package/stopwords-iso.json" ]; then
    tgz="$dir/stopwords-iso-$version.tgz"
    if [ ! -f "$tgz" ]; then
        (cd "$dir" && npm pack --silent "stopwords-iso@$version" >/dev/null)
    fi
    tar -xzf "$tgz" -C "$out"
fi
grep -q '"license": *"MIT"' "$out/package/package.json" || {
    echo "fetch-stopwords: stopwords-iso $version is no longer MIT?" >&2
    exit 1
}
echo "$out/package/stopwords-iso.json"
