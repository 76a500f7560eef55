#!/bin/sh
# make install PREFIX=...: binary, library, header, tidings.pc and the man
# page land where they should; a program built against the installed copy
# through pkg-config runs; the man page covers every command.
. "$(dirname "$0")/lib.sh"
BUILD=$(dirname "$TIDINGS")
P="$T/prefix"
run make -s --no-print-directory install BUILD="$BUILD" PREFIX="$P"
equals "make install" "$RC" 0
for f in bin/tidings lib/libtidings.so lib/libtidings.a include/tidings.h \
         lib/pkgconfig/tidings.pc share/man/man1/tidings.1; do
    check "installed $f" test -s "$P/$f"
done
run "$P/bin/tidings" --version
contains "installed binary runs" "$OUT" "tidings "

# A program of our own against the installed header and library.
cat >"$T/use.c" <<'C'
#include <stdio.h>
#include <tidings.h>
int main(void)
{
    char out[256];
    int how = td_headline("Jane Roe/Getty Images",
                          "The ferry to the north pier runs again. More soon.",
                          "en", out, sizeof out);
    printf("%s %d %s\n", td_version(), how, out);
    return 0;
}
C
export PKG_CONFIG_PATH="$P/lib/pkgconfig"
run pkg-config --cflags --libs tidings
contains "pkg-config names the library" "$OUT" "-ltidings"
contains "pkg-config names the header folder" "$OUT" "-I$P/include"
# A sanitizer build's library needs its runtime in the program too, from
# the compiler that built it (make check passes CC).
SANFLAGS=""
if nm "$BUILD/libtidings.a" 2>/dev/null | grep -q __asan; then
    SANFLAGS="-fsanitize=address,undefined"
fi
run sh -c "${CC:-cc} $SANFLAGS -o '$T/use' '$T/use.c' \$(pkg-config --cflags --libs tidings) -Wl,-rpath,'$P/lib'"
equals "a program builds against the installed copy" "$RC" 0
run "$T/use"
contains "and runs" "$OUT" "1 The ferry to the north pier runs again."

# The man page: every command of tidings --help has its entry.
run "$TIDINGS" --help
cmds=$(printf '%s\n' "$OUT" | sed -n 's/^  \([a-z]*\) .*/\1/p')
for c in $cmds; do
    check "man page covers $c" grep -q "^\.B $c\( \|$\)" "$P/share/man/man1/tidings.1"
done
if command -v man >/dev/null 2>&1; then
    run man -l "$P/share/man/man1/tidings.1"
    contains "man renders the page" "$OUT" "multilingual news story engine"
fi
run make -s --no-print-directory uninstall BUILD="$BUILD" PREFIX="$P"
check "make uninstall removes the binary" test ! -e "$P/bin/tidings"
finish
