# Sourced by backup.sh and restore.sh: finds pg_dump/pg_restore. PG_BIN wins; otherwise the newest
# Debian-installed client (/usr/lib/postgresql/<version>/bin), which can dump and restore servers of
# its own and older major versions; otherwise whatever is on PATH.
find_pg_tool() {
  local tool=$1
  if [[ -n "${PG_BIN:-}" ]]; then
    echo "$PG_BIN/$tool"
    return
  fi
  local newest
  newest=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  if [[ -n "$newest" && -x "$newest/$tool" ]]; then
    echo "$newest/$tool"
  elif command -v "$tool" >/dev/null; then
    command -v "$tool"
  else
    echo "$tool not found: install the Debian package postgresql-client or set PG_BIN" >&2
    exit 2
  fi
}
