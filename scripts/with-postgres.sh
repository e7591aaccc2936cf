#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL cluster: a temporary directory, a free port,
# DATABASE_URL exported; the cluster is stopped and removed when the command ends.
set -euo pipefail
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$PG_BIN" ]; then
  echo "PostgreSQL server binaries not found; run: scripts/system-deps.sh test" >&2
  exit 1
fi
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
DIR=$(mktemp -d /tmp/yv-pg.XXXXXX)
if [ "$(id -u)" -eq 0 ]; then
  # initdb and pg_ctl refuse to run as root: run them as Debian's postgres user.
  chown postgres "$DIR"
  AS=(su postgres -s /bin/sh -c)
else
  AS=(sh -c)
fi
cleanup() {
  "${AS[@]}" "$PG_BIN/pg_ctl -D '$DIR/data' -m immediate stop" >/dev/null 2>&1 || true
  rm -rf "$DIR"
}
trap cleanup EXIT
"${AS[@]}" "$PG_BIN/initdb -D '$DIR/data' -U postgres -A trust -E UTF8 --locale=C.UTF-8" >/dev/null
"${AS[@]}" "$PG_BIN/pg_ctl -D '$DIR/data' -l '$DIR/server.log' -w -o \"-p $PORT -k '$DIR' -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off\" start" >/dev/null
export DATABASE_URL="postgres://postgres@127.0.0.1:$PORT/postgres"
# `$YV_TEST_PG_CONTROL stop|start`: take the cluster away and bring it back (the deployment
# test of a database outage).
START="$PG_BIN/pg_ctl -D '$DIR/data' -l '$DIR/server.log' -w -o \"-p $PORT -k '$DIR' -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off\" start"
STOP="$PG_BIN/pg_ctl -D '$DIR/data' -m fast -w stop"
{
  echo '#!/bin/sh'
  printf 'if [ "$1" = stop ]; then CMD=%q; else CMD=%q; fi\n' "$STOP" "$START"
  printf 'if [ "$(id -u)" -eq 0 ]; then exec su postgres -s /bin/sh -c "$CMD"; fi\n'
  printf 'exec sh -c "$CMD"\n'
} > "$DIR/control.sh"
chmod 755 "$DIR/control.sh"
export YV_TEST_PG_CONTROL="$DIR/control.sh"
echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on port $PORT"
"$@"
