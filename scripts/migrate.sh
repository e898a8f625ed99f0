# Numbered, append-only migrations: sql/postgres/V<n>__<name>.sql and sql/clickhouse/V<n>__<name>.sql.
# Each database records what it applied (version + checksum); a changed applied file is an error,
# because editing history would leave existing installations different from new ones.

# migration_files DIR: the V*.sql files sorted by their numeric version.
migration_files() {
  local f
  for f in "$1"/V*__*.sql; do
    [[ -e "$f" ]] || continue
    local base="${f##*/}"; local v="${base#V}"; v="${v%%__*}"
    [[ "$v" =~ ^[0-9]+$ ]] || die "bad migration name $base: expected V<number>__<name>.sql"
    printf '%s\t%s\n' "$v" "$f"
  done | sort -n
}

migrate_postgres() {
  fw_psql -c "CREATE TABLE IF NOT EXISTS schema_migrations (
      version INT PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL,
      applied_at TIMESTAMPTZ NOT NULL DEFAULT now())" 2>&1 | grep -v 'already exists' || true
  local v f name sum applied
  while IFS=$'\t' read -r v f; do
    name="${f##*/}"; sum="$(sha256sum "$f" | cut -c1-64)"
    applied="$(fw_psql -tA -c "SELECT checksum FROM schema_migrations WHERE version = $v")"
    if [[ -n "$applied" ]]; then
      [[ "$applied" == "$sum" ]] || die "postgres migration $name changed after it was applied; add a new V<n> file instead"
      continue
    fi
    log "postgres: applying $name"
    fw_psql -1 -f "$f" -c "INSERT INTO schema_migrations (version, name, checksum) VALUES ($v, '$name', '$sum')" \
      || die "postgres migration $name failed"
  done < <(migration_files "$FW_ROOT/sql/postgres")
}

# ClickHouse takes one statement per HTTP request: statements are split at lines ending in ';'.
ch_statements() { awk 'BEGIN { RS = ";[ \t]*\n" } { gsub(/--[^\n]*/, ""); if ($0 ~ /[^ \t\n]/) printf "%s%c", $0, 0 }' "$1"; }

migrate_clickhouse() {
  ch_http --data-binary "CREATE DATABASE IF NOT EXISTS faultwatch" >/dev/null
  ch_http --data-binary "CREATE TABLE IF NOT EXISTS faultwatch.schema_migrations
      (version UInt32, name String, checksum String, applied_at DateTime)
      ENGINE = MergeTree ORDER BY version" >/dev/null
  local v f name sum applied stmt
  while IFS=$'\t' read -r v f; do
    name="${f##*/}"; sum="$(sha256sum "$f" | cut -c1-64)"
    applied="$(ch_http --data-binary "SELECT checksum FROM faultwatch.schema_migrations WHERE version = $v FORMAT TSV")"
    if [[ -n "$applied" ]]; then
      [[ "$applied" == "$sum" ]] || die "clickhouse migration $name changed after it was applied; add a new V<n> file instead"
      continue
    fi
    log "clickhouse: applying $name"
    # ClickHouse DDL is not transactional: every statement of a migration must be idempotent
    # (IF NOT EXISTS), so a migration interrupted halfway can simply run again.
    while IFS= read -r -d '' stmt; do
      ch_http --data-binary "$stmt" >/dev/null || die "clickhouse migration $name failed on: $stmt"
    done < <(ch_statements "$f")
    ch_http --data-binary "INSERT INTO faultwatch.schema_migrations VALUES ($v, '$name', '$sum', now())" >/dev/null
  done < <(migration_files "$FW_ROOT/sql/clickhouse")
}
