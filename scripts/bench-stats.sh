#!/usr/bin/env bash
# ./faultwatch bench stats [--smoke] — the stats query benchmark of issue 6, into its section of
# docs/benchmarks.md: 30 days of 1-minute error metrics for 1,000 issues in 10 projects (and the
# projects' sessions) generated inside ClickHouse into a database of its own (the migrations of
# sql/clickhouse with the database renamed), then GET /api/v1/projects/{id}/stats of one project
# timed through the real query API, for 24 hours and for 30 days. The bench database and projects
# are removed afterwards; FW_BENCH_KEEP_DATA=1 keeps the data and FW_BENCH_REUSE_DATA=1 times the kept
# data again without generating it. --smoke: one day and few requests, written to .faultwatch/bench/.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source "$FW_ROOT/scripts/postgres.sh"
source "$FW_ROOT/scripts/clickhouse.sh"
source "$FW_ROOT/scripts/migrate.sh"
source "$FW_ROOT/scripts/bench-lib.sh"

smoke=false
[[ "${1:-}" == --smoke ]] && smoke=true
if $smoke; then : "${FW_BENCH_DAYS:=1}" "${FW_BENCH_ITERATIONS:=20}" "${FW_BENCH_WARMUP:=5}"; fi
DAYS="${FW_BENCH_DAYS:-30}"
ITERATIONS="${FW_BENCH_ITERATIONS:-200}"
WARMUP="${FW_BENCH_WARMUP:-20}"
PROJECTS=10
ISSUES=1000
DB=faultwatch_bench
KEEP="${FW_BENCH_KEEP_DATA:-0}"
REUSE="${FW_BENCH_REUSE_DATA:-0}"

RUN_DIR="$FW_HOME/bench/$(date -u +%Y%m%dT%H%M%SZ)-stats"
PAGE="$BENCH_PAGE"
$smoke && PAGE="$RUN_DIR/benchmarks-smoke.md"
mkdir -p "$RUN_DIR"
KEPT="$FW_HOME/bench/stats-data.env"

"$FW_ROOT/scripts/services.sh" start
bench_build

# ---- the bench projects (PostgreSQL) and database (ClickHouse), removed on exit unless kept ---------
if [[ "$REUSE" == 1 ]]; then
  [[ -f "$KEPT" ]] || die "FW_BENCH_REUSE_DATA=1, but no data was kept (run once with FW_BENCH_KEEP_DATA=1)"
  source "$KEPT"
else
  FIRST_PROJECT=$((2000000000 + (RANDOM << 15 | RANDOM) * 16))
fi
create_projects() {
  local id
  for ((id = FIRST_PROJECT; id < FIRST_PROJECT + PROJECTS; id++)); do
    echo "INSERT INTO projects (id, slug, name) VALUES ($id, 'bench-stats-$id', 'Stats benchmark $id') ON CONFLICT (id) DO NOTHING;"
  done | fw_psql -q
}
cleanup() {
  fw_psql -q -c "DELETE FROM projects WHERE id >= $FIRST_PROJECT AND id < $((FIRST_PROJECT + PROJECTS))" >/dev/null 2>&1 || true
  if [[ "$KEEP" == 1 ]]; then
    echo "FIRST_PROJECT=$FIRST_PROJECT" > "$KEPT"
  else
    ch_http --data-binary "DROP DATABASE IF EXISTS $DB" >/dev/null 2>&1 || true
    rm -f "$KEPT"
  fi
}
trap cleanup EXIT
create_projects
generate=true
if [[ "$REUSE" == 1 ]]; then
  generate=false
else
  log "creating ClickHouse database $DB from sql/clickhouse"
  ch_http --data-binary "DROP DATABASE IF EXISTS $DB" >/dev/null
  ch_http --data-binary "CREATE DATABASE $DB" >/dev/null
  while IFS=$'\t' read -r _ f; do
    while IFS= read -r -d '' stmt; do
      ch_http --data-binary "${stmt//faultwatch./$DB.}" >/dev/null || die "creating $DB failed on: $stmt"
    done < <(ch_statements "$f")
  done < <(migration_files "$FW_ROOT/sql/clickhouse")
fi

# ---- generate and time -------------------------------------------------------------------------------
LOAD_BEFORE="$(bench_load)"
log "stats benchmark: $DAYS days x $ISSUES issues x 1,440 minutes in $DB, then $WARMUP + $ITERATIONS requests per scenario"
bench_java io.faultwatch.bench.StatsBenchmark --database "$DB" --first-project "$FIRST_PROJECT" \
  --projects "$PROJECTS" --issues "$ISSUES" --days "$DAYS" --warmup "$WARMUP" --iterations "$ITERATIONS" \
  --generate "$generate" --json-out "$RUN_DIR/stats.json" > "$RUN_DIR/stats.log" 2>&1 \
  || die "the stats benchmark failed, see $RUN_DIR/stats.log"
LOAD_AFTER="$(bench_load)"

# ---- report ------------------------------------------------------------------------------------------
json="$RUN_DIR/stats.json"
verdict() { jq -r 'if .target_p95_ms == null then "" elif .p95_ms < .target_p95_ms then "met" else "**not met**" end' <<<"$1"; }
cmd="./faultwatch bench stats${1:+ $1}"
for v in DAYS ITERATIONS WARMUP KEEP_DATA REUSE_DATA; do
  if [[ -n "$(printenv "FW_BENCH_$v" || true)" ]]; then cmd="FW_BENCH_$v=$(printenv "FW_BENCH_$v") $cmd"; fi
done
others="$(for app in gateway job api; do if pid_alive "$app"; then printf ' %s' "$app"; fi; done)"
section="$RUN_DIR/section.md"
{
  echo "## Stats queries (issue 6)"
  echo
  echo "Written by \`scripts/bench-stats.sh\`; a new run replaces this section only."
  echo
  echo "- **Date:** $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- **Command:** \`$cmd\`"
  echo "- **Machine:** $(bench_machine)"
  echo "- **Running during the run:** PostgreSQL, ClickHouse 18.16, Kafka${others:+, the FaultWatch$others} and the benchmark's own query API, all on this machine; whatever else ran shows in the load."
  echo "- **Load:** before generating: $LOAD_BEFORE. After timing: $LOAD_AFTER."
  echo
  echo "| scenario | interval | points | p50 ms | p95 ms | p99 ms | max ms | target p95 | |"
  echo "|---|---|---|---|---|---|---|---|---|"
  jq -c '.scenarios[]' "$json" | while read -r s; do
    jq -r --arg v "$(verdict "$s")" '"| \(.name) | \(.interval) | \(.points) | \(.p50_ms) | \(.p95_ms) | \(.p99_ms) | \(.max_ms) | \(if .target_p95_ms == null then "" else "< \(.target_p95_ms) ms" end) | \($v) |"' <<<"$s"
  done
  echo
  echo "Each scenario: \`GET $(jq -r '.scenarios[0].request' "$json" | sed 's/?.*//')?since=…&until=…[&interval=…]\` of one"
  echo "project (100 issues, its sessions too), $WARMUP requests of warm-up, then $ITERATIONS timed one after the"
  echo "other from request to full response, over HTTP on 127.0.0.1. Every answer's total is checked against"
  echo "the generated data ($(jq -r '.scenarios[0].total' "$json") events in 24 hours, $(jq -r '.scenarios[1].total' "$json") in the range of the second)."
  echo "Without an interval the API picks hours for 24 hours and days for 30 days (the rollups);"
  echo "the last two rows ask for finer series."
  echo
  echo "Data: $DAYS days of 1-minute rows for $ISSUES issues in $PROJECTS projects, every issue in every minute"
  echo "($(jq -r '.tables.error_metrics_1m.rows // 0' "$json") minute rows), 1-3 users each, mixed environments, releases and levels,"
  echo "plus a session row per project and minute; inserted into the job's landing tables so the materialized"
  echo "views build the minute, hour and day tables$(jq -r 'if .generate_seconds then " (\(.generate_seconds | floor) s, then \(.merge_seconds | floor) s until ClickHouse had merged the new parts)" else "" end' "$json")."
  echo "Tables as timed:"
  echo
  echo "| table | rows | MB on disk | parts |"
  echo "|---|---|---|---|"
  jq -r '.tables | to_entries[] | "| \(.key) | \(.value.rows) | \((.value.bytes / 1048576 * 10 | floor) / 10) | \(.value.parts) |"' "$json"
  echo
  echo "Raw result and log: \`.faultwatch/bench/$(basename "$RUN_DIR")/\`."
} > "$section"
bench_page_write stats "$section" "$PAGE"
log "wrote the stats section of $PAGE"
cat "$section"
