#!/usr/bin/env bash
# Restores a backup made by backup.sh into an EMPTY database (create it first, e.g.
# `createdb relief_restored`), then start the system on that database: the engine loads its newest
# snapshot from the restored log, replays the records after it, and running cases carry on from the
# moment of the backup.
#
#   PGHOST=localhost PGPORT=5433 PGUSER=postgres PGDATABASE=relief_restored ops/restore.sh backups/relief-2026-11-30.dump
#
# Refuses a database that already holds the engine's tables: restoring over a live log would mix
# two histories.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/pg-tools.sh"
file=${1:?usage: restore.sh FILE}
[[ -s "$file" ]] || { echo "no backup at $file" >&2; exit 2; }
psql_tables=$("$(find_pg_tool psql)" -At -c "SELECT count(*) FROM pg_tables WHERE tablename = 'engine_record'")
if [[ "$psql_tables" != "0" ]]; then
  echo "database ${PGDATABASE:-?} already holds an event log (engine_record): restore into an empty database" >&2
  exit 3
fi
# --exit-on-error: a partly restored log must not be started on
"$(find_pg_tool pg_restore)" --exit-on-error --no-owner --no-privileges --single-transaction --dbname="${PGDATABASE:?set PGDATABASE}" "$file"
echo "restored $file into ${PGDATABASE}"
