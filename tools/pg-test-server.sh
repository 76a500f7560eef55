#!/bin/sh
# pg-test-server.sh -- a throw-away PostgreSQL server for tests and benches.
#
#   tools/pg-test-server.sh start DIR   initdb in DIR/data, start a server
#                                       listening on a Unix socket in
#                                       DIR/sock only (no TCP), make the
#                                       database "tidings"; prints the
#                                       connection URI
#   tools/pg-test-server.sh stop DIR    stop it (immediately) and remove DIR
#
# Debian's postgresql package (tools/debian-packages.txt) provides the
# binaries. initdb refuses to run as root: as root the server runs as the
# "postgres" user the package makes. Nothing outside DIR is touched.
set -eu
cmd=${1:-}; dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: $0 start|stop DIR" >&2; exit 2; }
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$bin/initdb" ] || { echo "$0: no PostgreSQL server (apt-get install postgresql)" >&2; exit 1; }
if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || { echo "$0: no postgres user" >&2; exit 1; }
    as() { runuser -u postgres -- "$@"; }
    user=postgres
else
    as() { "$@"; }
    user=$(id -un)
fi
case "$cmd" in
start)
    mkdir -p "$dir/data" "$dir/sock"
    [ "$(id -u)" -eq 0 ] && chown -R postgres "$dir"
    as "$bin/initdb" -D "$dir/data" -U "$user" --auth=trust --encoding=UTF8 \
        --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
    # Throw-away data: no fsync (the benches pass FSYNC=on to keep it).
    as "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-c listen_addresses='' -c unix_socket_directories='$dir/sock' \
            -c fsync=${FSYNC:-off} -c max_connections=100 \
            -c shared_buffers=128MB" start >/dev/null \
        || { cat "$dir/server.log" >&2; exit 1; }
    as "$bin/createdb" -h "$dir/sock" -U "$user" tidings
    echo "postgresql:///tidings?host=$dir/sock&user=$user"
    ;;
stop)
    if [ -f "$dir/data/postmaster.pid" ]; then
        as "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
*) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
