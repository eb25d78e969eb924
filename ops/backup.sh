#!/usr/bin/env bash
# Backs up the system's PostgreSQL database (event log, state snapshots, history, audit trail,
# identities) into one pg_dump custom-format file. Safe while the system runs: pg_dump reads one
# consistent snapshot, and the engine commits a command's records and audit entries together.
#
#   PGHOST=localhost PGPORT=5433 PGUSER=postgres PGDATABASE=postgres ops/backup.sh backups/relief-$(date +%F).dump
#
# Connection settings are libpq's environment variables (PGHOST, PGPORT, PGUSER, PGDATABASE,
# PGPASSWORD or ~/.pgpass); never put the password on the command line, where ps shows it.
# Also copy the audit anchor file (relief.engine.audit.anchor-file) with the dump: see README.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/pg-tools.sh"
file=${1:?usage: backup.sh FILE}
mkdir -p "$(dirname "$file")"
# write under a temporary name, so that a failed or interrupted dump never looks like a backup
"$(find_pg_tool pg_dump)" --format=custom --no-owner --no-privileges --file="$file.partial"
mv "$file.partial" "$file"
echo "backup written: $file ($(stat -c %s "$file") bytes)"
