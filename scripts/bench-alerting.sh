#!/usr/bin/env bash
# ./faultwatch bench alerting [--smoke] — the alert latency benchmark of issue 7, into its section of
# docs/benchmarks.md: through the running stack of `./faultwatch up` (started here, and stopped again,
# when it is not running), each round creates an event-count rule whose Slack channel is a local HTTP
# receiver, sends the 5 events that cross it through the gateway, and times the FIRING notification from
# the gateway's receipt of the crossing event to the receiver. Rounds run one after the other
# (FW_BENCH_ROUNDS, default 20); the events go to a project of the benchmark's own, removed from
# PostgreSQL afterwards; the rules are managed with the demo's admin token (the one `up` prints), of the
# default organization the project is created in. --smoke: 2 rounds, written to .faultwatch/bench/.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source "$FW_ROOT/scripts/postgres.sh"
source "$FW_ROOT/scripts/demo-projects.sh"
source "$FW_ROOT/scripts/bench-lib.sh"

smoke=false
[[ "${1:-}" == --smoke ]] && smoke=true
$smoke && : "${FW_BENCH_ROUNDS:=2}"
ROUNDS="${FW_BENCH_ROUNDS:-20}"
RUN_DIR="$FW_HOME/bench/$(date -u +%Y%m%dT%H%M%SZ)-alerting"
PAGE="$BENCH_PAGE"
$smoke && PAGE="$RUN_DIR/benchmarks-smoke.md"
mkdir -p "$RUN_DIR"

PROJECT=$((3000000000 + (RANDOM << 15 | RANDOM) * 16))
KEY="$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')"
started=()
cleanup() {
  fw_psql -q -c "DELETE FROM alert_history WHERE project_id = $PROJECT; DELETE FROM alert_rules WHERE project_id = $PROJECT;
    DELETE FROM issues WHERE project_id = $PROJECT; DELETE FROM project_keys WHERE project_id = $PROJECT;
    DELETE FROM projects WHERE id = $PROJECT" >/dev/null 2>&1 || true
  for app in "${started[@]}"; do stop_pid "$app"; done
}
trap cleanup EXIT
for app in "${APPS[@]}"; do pid_alive "$app" || started+=("$app"); done
if ((${#started[@]})); then
  log "starting the stack for the benchmark (${started[*]} not running); it is stopped again afterwards"
  "$FW_ROOT/scripts/up.sh" >/dev/null
fi
bench_build
TOKEN="$(demo_token)"
fw_psql -q -c "INSERT INTO projects (id, slug, name) VALUES ($PROJECT, 'bench-alerting-$PROJECT', 'Alert latency benchmark');
  INSERT INTO project_keys (public_key, project_id) VALUES ('$KEY', $PROJECT)" >/dev/null

LOAD_BEFORE="$(bench_load)"
log "alert latency benchmark: $ROUNDS rounds of one rule and 5 events each"
bench_java io.faultwatch.bench.AlertLatencyBenchmark --gateway "http://127.0.0.1:$FW_GATEWAY_PORT" \
  --api "http://127.0.0.1:$FW_API_PORT" --project "$PROJECT" --key "$KEY" --token "$TOKEN" \
  --rounds "$ROUNDS" --json-out "$RUN_DIR/alerting.json" \
  > "$RUN_DIR/alerting.log" 2>&1 || die "the alert latency benchmark failed, see $RUN_DIR/alerting.log"
LOAD_AFTER="$(bench_load)"

json="$RUN_DIR/alerting.json"
p95="$(jq -r '.from_gateway_ms.p95' "$json")"
verdict="met"; ((p95 < $(jq -r '.target_ms' "$json"))) || verdict="**not met**"
cmd="./faultwatch bench alerting${1:+ $1}"
[[ -n "${FW_BENCH_ROUNDS:-}" ]] && ! $smoke && cmd="FW_BENCH_ROUNDS=$FW_BENCH_ROUNDS $cmd"
section="$RUN_DIR/section.md"
{
  echo "## Alerting (issue 7)"
  echo
  echo "Written by \`scripts/bench-alerting.sh\`; a new run replaces this section only."
  echo
  echo "- **Date:** $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- **Command:** \`$cmd\`"
  echo "- **Machine:** $(bench_machine)"
  echo "- **Running during the run:** PostgreSQL, ClickHouse, Kafka, the FaultWatch gateway, pipeline job (embedded MiniCluster) and query API with its notifier, and the benchmark's client and receiver, all on this machine."
  echo "- **Load:** before: $LOAD_BEFORE. After: $LOAD_AFTER."
  echo
  echo "| latency of the FIRING notification | p50 ms | p95 ms | max ms | target | |"
  echo "|---|---|---|---|---|---|"
  jq -r --arg v "$verdict" '"| gateway received the crossing event → Slack receiver | \(.from_gateway_ms.p50) | \(.from_gateway_ms.p95) | \(.from_gateway_ms.max) | < \(.target_ms) ms | \($v) |"' "$json"
  jq -r '"| client sent the crossing event → Slack receiver | \(.from_client_ms.p50) | \(.from_client_ms.p95) | \(.from_client_ms.max) | | |"' "$json"
  echo
  echo "Each of the $ROUNDS rounds, one after the other: a new rule \"more than 4 events in 60 s\" with a Slack channel"
  echo "pointing at a local HTTP receiver, 3 s for it to reach the job, then 5 events of one issue through the"
  echo "gateway's \`POST /api/{project}/store/\`, into a project of the benchmark's own;"
  echo "the 5th crosses the threshold. The gateway's receive time is the notification's \`triggeredAt\` (read back"
  echo "from the alert history); the path is gateway → fw.events → ErrorPipelineJob (parse, route, evaluate) →"
  echo "fw.alerts → notifier (insert into alert_history, look up the channels) → HTTP POST. All rounds (ms from the"
  echo "gateway): $(jq -r '.from_gateway_ms.all | map(tostring) | join(", ")' "$json")."
  echo
  echo "Raw result and log: \`.faultwatch/bench/$(basename "$RUN_DIR")/\`."
} > "$section"
bench_page_write alerting "$section" "$PAGE"
log "wrote the alerting section of $PAGE"
cat "$section"
