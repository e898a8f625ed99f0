# The three FaultWatch processes run from the module jars plus their target/lib dependencies.
FW_VERSION=0.1.0-SNAPSHOT
APPS=(gateway job api)

app_module() { case "$1" in gateway) echo ingest-gateway ;; job) echo flink-jobs ;; api) echo query-api ;; esac; }
app_main() {
  case "$1" in
    gateway) echo io.faultwatch.gateway.GatewayMain ;;
    job) echo io.faultwatch.jobs.ErrorPipelineJob ;;
    api) echo io.faultwatch.api.QueryApiMain ;;
  esac
}
app_jar() { local m; m="$(app_module "$1")"; echo "$FW_ROOT/$m/target/$m-$FW_VERSION.jar"; }
# The shaded jar for a Flink cluster (deploy, upgrade), built with the others.
JOB_JAR="$FW_ROOT/flink-jobs/target/flink-jobs-$FW_VERSION-job.jar"

# Builds the jars when any source or pom changed since the last build, so a warm `up` does not
# recompile. A stamp, not the jars' times: Maven leaves a jar untouched when its classes are.
apps_build() {
  local stamp="$FW_HOME/build.stamp" app
  for app in "${APPS[@]}"; do [[ -f "$(app_jar "$app")" ]] || rm -f "$stamp"; done
  [[ -f "$JOB_JAR" ]] || rm -f "$stamp"
  if [[ -f "$stamp" ]] && [[ -z "$(find "$FW_ROOT/pom.xml" "$FW_ROOT/event-model" "$FW_ROOT/ingest-gateway" \
      "$FW_ROOT/flink-jobs" "$FW_ROOT/query-api" "$FW_ROOT/service-kit" -path '*/target' -prune -o -newer "$stamp" -type f -print -quit)" ]]; then
    return 0
  fi
  log "building the FaultWatch jars (mvn package, tests skipped; ./faultwatch test runs them)"
  touch "$stamp.new"
  # copy-dependencies only adds jars: a dependency whose version changed would be on the class path twice.
  rm -rf "$FW_ROOT"/{ingest-gateway,flink-jobs,query-api}/target/lib
  (cd "$FW_ROOT" && mvn -B -q -DskipTests package >"$FW_LOGS/build.log" 2>&1) \
    || die "the build failed, see $FW_LOGS/build.log"
  mv "$stamp.new" "$stamp"
}

# The embedded job's checkpoints, kept when it stops (ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION).
JOB_CHECKPOINTS="${FW_CHECKPOINT_DIR:-$FW_HOME/checkpoints}"

# The newest complete checkpoint (a chk-N with its _metadata) of any earlier run of the job, or nothing.
latest_checkpoint() {
  [[ -d "$JOB_CHECKPOINTS" ]] || return 0
  find "$JOB_CHECKPOINTS" -mindepth 3 -maxdepth 3 -name _metadata -path '*/chk-*/*' -printf '%T@ %h\n' \
    | sort -n | tail -1 | cut -d' ' -f2-
}

app_start() {
  local app="$1" m jvm_opts=() job_env=()
  if pid_alive "$app"; then log "$app already running (pid $(cat "$FW_RUN/$app.pid"))"; return; fi
  m="$(app_module "$app")"
  mapfile -t jvm_opts < <(jvm_options "$m")
  if [[ "$app" == job ]]; then
    # A job started without its state would count every issue from zero again and overwrite the
    # absolute counters in PostgreSQL with the smaller numbers: go on from the last checkpoint instead.
    local restore; restore="$(latest_checkpoint)"
    [[ -n "$restore" ]] && log "job restores its state from $restore"
    job_env=(env "FW_CHECKPOINT_DIR=$JOB_CHECKPOINTS" "FW_JOB_RESTORE_FROM=$restore")
  fi
  start_bg "$app" "$FW_LOGS/$app.log" "${job_env[@]}" java -Xmx1g "${jvm_opts[@]}" \
    -cp "$(app_jar "$app"):$FW_ROOT/$m/target/lib/*" "$(app_main "$app")"
  log "$app started (pid $(cat "$FW_RUN/$app.pid")), log in $FW_LOGS/$app.log"
}

http_ok() { curl -sf --max-time 2 "$1" >/dev/null; }

apps_wait_ready() {
  wait_for gateway 60 http_ok "http://127.0.0.1:$FW_GATEWAY_PORT/health" \
    || die "the gateway did not answer /health within 60 s, see $FW_LOGS/gateway.log"
  # /ready: the API can reach PostgreSQL and ClickHouse, so the demo's first query works.
  wait_for api 60 http_ok "http://127.0.0.1:$FW_API_PORT/ready" \
    || die "the query API was not ready within 60 s, see $FW_LOGS/api.log"
  pid_alive job || die "the pipeline job exited, see $FW_LOGS/job.log"
}
