#!/bin/bash
# Runs the Debian-packaged PostgreSQL 15 in the foreground for the AppHost's local infrastructure mode.
# PostgreSQL refuses to run as root, so as root the server drops to the postgres user with setpriv,
# which execs without forking: DCP's SIGTERM reaches postgres itself.
# Inputs (environment): PGDATA_ROOT, PGPORT, POSTGRES_PASSWORD.
set -euo pipefail
PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
[ -x "$PGBIN/postgres" ] || { echo "PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 1; }
DATA="$PGDATA_ROOT/data"
mkdir -p "$PGDATA_ROOT"
RUNAS=()
if [ "$(id -u)" = 0 ]; then
  chown postgres:postgres "$PGDATA_ROOT"
  RUNAS=(setpriv --reuid=postgres --regid=postgres --init-groups --)
fi
if [ ! -s "$DATA/PG_VERSION" ]; then
  pw=$(mktemp)
  printf '%s' "$POSTGRES_PASSWORD" > "$pw"
  chmod 644 "$pw"
  "${RUNAS[@]}" "$PGBIN/initdb" -D "$DATA" -U postgres --pwfile="$pw" -A scram-sha-256 --no-sync -E UTF8 --locale=C.UTF-8 > "$PGDATA_ROOT/initdb.log"
  rm -f "$pw"
fi
# A crash leaves a stale pid file that would stop the next start.
if [ -f "$DATA/postmaster.pid" ] && ! kill -0 "$(head -n 1 "$DATA/postmaster.pid")" 2>/dev/null; then rm -f "$DATA/postmaster.pid"; fi
# Local development data only: durability settings are traded for speed. The server logs to standard output: it
# writes every line to stderr, which the dashboard would show as failures (EF Core's first probe of its migrations
# table is an ERROR line by design); log_min_error_statement keeps the SQL of expected errors out of the log.
exec 2>&1
exec "${RUNAS[@]}" "$PGBIN/postgres" -D "$DATA" -p "$PGPORT" -k "$PGDATA_ROOT" \
  -c listen_addresses=127.0.0.1 -c max_connections=300 \
  -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c log_min_error_statement=fatal
