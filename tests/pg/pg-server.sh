#!/usr/bin/env bash
# Starts or stops a throwaway PostgreSQL for the tests, on 127.0.0.1 only, in a folder of its
# own (Debian's postgresql package; `scripts/install-deps.sh --test` installs it).
#   tests/pg/pg-server.sh start DIR [PORT]  # writes the connection string to DIR/conninfo and prints it
#   tests/pg/pg-server.sh stop DIR
# Without PORT a free one is chosen, so that several runs on one machine do not collide.
# PostgreSQL refuses to run as root, so under root the server runs as the `postgres` user.
set -euo pipefail
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$bin/initdb" ] || { echo "pg-server: PostgreSQL is not installed (scripts/install-deps.sh --test)" >&2; exit 2; }
run() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "${1:-}" in
  start)
    dir=$2
    port=${3:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
    "$0" stop "$dir"  # a server left from an interrupted run
    mkdir -p "$dir"
    [ "$(id -u)" -ne 0 ] || chown postgres: "$dir"
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      run "$bin/initdb" -D "$dir/data" -U lifeline -A trust -E UTF8 --locale=C.UTF-8 > "$dir/initdb.log"
    fi
    run "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=on -c max_connections=200" start > /dev/null
    echo "host=127.0.0.1 port=$port user=lifeline dbname=postgres" | tee "$dir/conninfo"
    ;;
  stop)
    dir=$2
    if [ -f "$dir/data/postmaster.pid" ]; then run "$bin/pg_ctl" -D "$dir/data" -m fast -w stop > /dev/null || true; fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: pg-server.sh start DIR [PORT] | stop DIR" >&2
    exit 2
    ;;
esac
