# A Flink 2.2.1 standalone session cluster (one JobManager, one TaskManager, separate processes) from
# the Maven Central jars, as flink-dist's jobmanager.sh and taskmanager.sh would start it.
FLINK_HOME="$FW_HOME/flink"
FLINK_LIB="$FLINK_HOME/lib"
FLINK_CONF="$FLINK_HOME/conf"
FLINK_VERSION=2.2.1
FLINK_REST="http://127.0.0.1:$FW_FLINK_REST_PORT"
# Two slots: the pipeline runs at parallelism 2 and all its operators share a slot per subtask.
FLINK_SLOTS="${FW_FLINK_SLOTS:-2}"
# flink-dist's default env.java.opts.all: Flink's serializers and RPC reflect into these JDK 17 packages.
FLINK_JVM_OPENS=(
  --add-exports=java.base/sun.net.util=ALL-UNNAMED --add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED
  --add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED
  --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
  --add-opens=java.base/java.text=ALL-UNNAMED --add-opens=java.base/java.time=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED
)

flink_install() { fetch_jars "Flink $FLINK_VERSION" "$FW_ROOT/scripts/flink/pom.xml" "$FLINK_LIB"; }

flink_write_config() {
  mkdir -p "$FLINK_CONF" "$FLINK_HOME/checkpoints" "$FLINK_HOME/savepoints" "$FLINK_HOME/upload"
  cat > "$FLINK_CONF/config.yaml" <<YAML
jobmanager.rpc.address: 127.0.0.1
jobmanager.rpc.port: $FW_FLINK_RPC_PORT
jobmanager.bind-host: 127.0.0.1
jobmanager.memory.process.size: 1024m
taskmanager.host: 127.0.0.1
taskmanager.bind-host: 127.0.0.1
# The heap and RocksDB's memory given, the rest derived (about 2.4 GB in all): with Flink's default
# process size, 1,728 MB, the heap is 512 MB and young collections ran several times a second.
taskmanager.memory.task.heap.size: 1024m
taskmanager.memory.managed.size: 512m
taskmanager.numberOfTaskSlots: $FLINK_SLOTS
parallelism.default: 2
rest.address: 127.0.0.1
rest.bind-address: 127.0.0.1
rest.port: $FW_FLINK_REST_PORT
web.upload.dir: $FLINK_HOME/upload
state.backend.type: rocksdb
execution.checkpointing.incremental: true
execution.checkpointing.dir: file://$FLINK_HOME/checkpoints
execution.checkpointing.savepoint-dir: file://$FLINK_HOME/savepoints
# A killed TaskManager is noticed within seconds (its RPC fails), not after the default 50 s.
heartbeat.interval: 2000
heartbeat.timeout: 10000
# The job's JVM options (flink-jobs/jvm-options.txt, which says why), as a data engineer sets them on
# their own cluster.
env.java.opts.taskmanager: $(jvm_options flink-jobs | paste -sd' ')
YAML
  cat > "$FLINK_CONF/log4j2.properties" <<PROPS
rootLogger.level=INFO
rootLogger.appenderRef.file.ref=file
appender.file.type=File
appender.file.name=file
appender.file.fileName=\${sys:log.file}
appender.file.layout.type=PatternLayout
appender.file.layout.pattern=%d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %-60c %x - %m%n
logger.kafka.name=org.apache.kafka
logger.kafka.level=WARN
logger.rocksdb.name=org.apache.flink.state.rocksdb
logger.rocksdb.level=WARN
PROPS
}

# flink_resource_params JM|TM: BashJavaUtils' two result lines (JVM memory flags, then -D options),
# computed from the config exactly as flink-dist's config.sh does.
flink_resource_params() {
  java -cp "$FLINK_LIB/*" org.apache.flink.runtime.util.bash.BashJavaUtils "GET_$1_RESOURCE_PARAMS" \
      --configDir "$FLINK_CONF" 2>>"$FW_LOGS/flink-bash-java-utils.log" \
    | sed -n 's/^BASH_JAVA_UTILS_EXEC_RESULT://p' | tail -2
}

# flink_config_value KEY: the value of a top-level "KEY: value" line of the config, or nothing.
flink_config_value() { sed -n "s/^$1:[[:space:]]*//p" "$FLINK_CONF/config.yaml"; }

# flink_start_process NAME MAINCLASS JM|TM EXTRA_ARGS...: each process has its own scratch directory
# (RocksDB's working files, blob caches), emptied on start: a killed process leaves its files behind.
flink_start_process() {
  local name="$1" main="$2" kind="$3" params jvm dynamic tmp="$FLINK_HOME/tmp/$1"; shift 3
  rm -rf "$tmp"; mkdir -p "$tmp"
  params="$(flink_resource_params "$kind")"
  [[ "$(wc -l <<<"$params")" -eq 2 ]] || die "BashJavaUtils computed no $kind memory settings, see $FW_LOGS/flink-bash-java-utils.log"
  jvm="$(head -1 <<<"$params")"
  dynamic="$(tail -1 <<<"$params")"
  # The config's env.java.opts.taskmanager, as flink-dist's config.sh adds it.
  if [[ "$kind" == TM ]]; then jvm+=" $(flink_config_value env.java.opts.taskmanager)"; fi
  # $jvm and $dynamic are space-separated flag lists, split on purpose (as config.sh does).
  # shellcheck disable=SC2086
  start_bg "$name" "$FW_LOGS/$name.out" java $jvm "${FLINK_JVM_OPENS[@]}" \
    -Dlog.file="$FW_LOGS/$name.log" -Dlog4j.configurationFile="$FLINK_CONF/log4j2.properties" \
    -cp "$FLINK_LIB/*" "$main" --configDir "$FLINK_CONF" -D "io.tmp.dirs=$tmp" "$@" $dynamic
}

# The FW_* settings ServiceAddresses and PipelineConfig read. On REST submission the job's main() runs
# inside the JobManager and reads them from its environment: `cluster start` records them, deploy compares.
flink_job_env() { env | grep '^FW_' | grep -Ev '^FW_(FLINK|GATEWAY|API|BENCH|JOB_JAR)_?' | sort; }

flink_rest() { curl -sf --max-time 5 "$FLINK_REST$1"; }

# Registered TaskManagers with their slots, from the JobManager's /overview.
flink_free_slots() { flink_rest /overview | sed -n 's/.*"slots-available":\([0-9]*\).*/\1/p'; }
flink_has_slots() { local n; n="$(flink_free_slots)"; [[ -n "$n" && "$n" -gt 0 ]]; }
flink_has_taskmanager() { flink_rest /taskmanagers | grep -q "\"id\":\"$1\""; }

flink_jobmanager_start() {
  if pid_alive flink-jobmanager && flink_rest /overview >/dev/null; then
    log "flink jobmanager already running on $FLINK_REST"; return
  fi
  (umask 077; flink_job_env > "$FLINK_HOME/cluster.env")
  port_open "$FW_FLINK_REST_PORT" && die "port $FW_FLINK_REST_PORT is taken by another process; set FW_FLINK_REST_PORT"
  port_open "$FW_FLINK_RPC_PORT" && die "port $FW_FLINK_RPC_PORT is taken by another process; set FW_FLINK_RPC_PORT"
  flink_start_process flink-jobmanager org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint JM \
    --executionMode cluster
  wait_for "flink jobmanager" 90 flink_rest /overview \
    || die "the flink jobmanager did not answer on $FLINK_REST within 90 s, see $FW_LOGS/flink-jobmanager.log"
  log "flink jobmanager running on $FLINK_REST (pid $(cat "$FW_RUN/flink-jobmanager.pid"))"
}

# Starts a TaskManager unless one we started is alive, and waits until it has registered. A killed
# TaskManager's PID file names a dead process, so this is also how a replacement is started.
flink_taskmanager_start() {
  pid_alive flink-jobmanager || die "the flink jobmanager is not running; ./faultwatch cluster start"
  if pid_alive flink-taskmanager; then
    log "flink taskmanager already running (pid $(cat "$FW_RUN/flink-taskmanager.pid"))"; return
  fi
  # A fresh id per start: the JobManager lists a killed TaskManager until its heartbeat times out,
  # so only the new id tells that the replacement has registered.
  local id="faultwatch-tm-$(date +%s%N)"
  flink_start_process flink-taskmanager org.apache.flink.runtime.taskexecutor.TaskManagerRunner TM \
    -D "taskmanager.resource-id=$id"
  wait_for "flink taskmanager" 90 flink_has_taskmanager "$id" \
    || die "no flink taskmanager registered within 90 s, see $FW_LOGS/flink-taskmanager.log"
  log "flink taskmanager running (pid $(cat "$FW_RUN/flink-taskmanager.pid")), $FLINK_SLOTS slots"
}

flink_start() {
  command -v java >/dev/null || die "java is required (JDK 17)"
  flink_install
  flink_write_config
  flink_jobmanager_start
  flink_taskmanager_start
}

flink_stop() {
  stop_pid flink-taskmanager
  stop_pid flink-jobmanager
}

flink_status() {
  if pid_alive flink-jobmanager && flink_rest /overview >/dev/null; then
    echo "flink-jm   running  $FLINK_REST  pid $(cat "$FW_RUN/flink-jobmanager.pid")"
  else
    echo "flink-jm   stopped"; return 1
  fi
  if pid_alive flink-taskmanager; then
    echo "flink-tm   running  pid $(cat "$FW_RUN/flink-taskmanager.pid"), $(flink_free_slots) of $FLINK_SLOTS slots free"
  else
    echo "flink-tm   stopped"; return 1
  fi
}

# --- jobs, through the JobManager's REST API (curl; responses are one-line JSON) ---

# json_field NAME: the value of NAME (a string without quotes or commas, or a number) in the JSON on stdin.
json_field() { sed -n "s/.*\"$1\":\"\{0,1\}\([^\",}]*\).*/\1/p" | head -1; }
# json_readable: a Flink error answer as its exceptions' messages, outermost first, without the stack
# frames (the cause a user can act on, e.g. a wrong job option, is usually the innermost).
json_readable() { sed 's/\\n/\n/g; s/\\t/  /g' | grep -v '^[[:space:]]*\(at \|\.\.\. [0-9]* more\)' | head -"${1:-30}"; }
json_string() { local s="${1//\\/\\\\}"; s="${s//\"/\\\"}"; printf '"%s"' "$s"; }

# flink_call METHOD PATH [JSON]: prints the response body; dies with Flink's errors unless 2xx.
flink_call() {
  local method="$1" path="$2" body="${3:-}" out code
  out="$(curl -s --max-time 120 -X "$method" -H 'Content-Type: application/json' ${body:+--data "$body"} \
    -w '\n%{http_code}' "$FLINK_REST$path")" || die "the Flink REST API at $FLINK_REST did not answer $method $path"
  code="${out##*$'\n'}"; out="${out%$'\n'*}"
  [[ "$code" == 2* ]] || die "$method $path answered $code: $(json_readable 40 <<<"$out")"
  printf '%s' "$out"
}

flink_require_cluster() {
  flink_rest /overview >/dev/null || die "no Flink cluster answers on $FLINK_REST; ./faultwatch cluster start"
}

# flink_job_state JOBID: CREATED, RUNNING, FAILED, FINISHED, ... (empty when the cluster does not know it).
flink_job_state() { flink_rest "/jobs/$1/status" | json_field status; }

# flink_submit JAR MAINCLASS SAVEPOINT|"" ARGS...: uploads the jar, runs it (from the savepoint when
# given), deletes the upload again (the cluster keeps its own copy), and prints the job id.
flink_submit() {
  local jar="$1" main="$2" savepoint="$3" upload jar_id body arg sep="" run job
  shift 3
  [[ -f "$jar" ]] || die "no job jar at $jar"
  upload="$(curl -s --max-time 300 -X POST -F "jarfile=@$jar" "$FLINK_REST/jars/upload")" \
    || die "uploading $jar to $FLINK_REST failed"
  [[ "$(json_field status <<<"$upload")" == success ]] || die "uploading $jar failed: $upload"
  jar_id="$(json_field filename <<<"$upload")"; jar_id="${jar_id##*/}"
  body="{\"entryClass\":$(json_string "$main"),\"programArgsList\":["
  for arg in "$@"; do body+="$sep$(json_string "$arg")"; sep=","; done
  body+="]${savepoint:+,\"savepointPath\":$(json_string "$savepoint")}}"
  run="$(flink_call POST "/jars/$jar_id/run" "$body")" || { flink_call DELETE "/jars/$jar_id" >/dev/null; exit 1; }
  flink_call DELETE "/jars/$jar_id" >/dev/null
  job="$(json_field jobid <<<"$run")"
  [[ -n "$job" ]] || die "the cluster accepted $jar but returned no job id: $run"
  echo "$job"
}

# flink_await_running JOBID: waits until every task of the job runs. When the job fails or restarts
# first, it is cancelled (a job that cannot start would only hold the slots) and the reason printed.
flink_await_running() {
  local job="$1" i state
  for ((i = 0; i < 240; i++)); do
    state="$(flink_job_state "$job")"
    case "$state" in
      FAILED|CANCELED|FINISHED|FAILING|RESTARTING) break ;;
      RUNNING)
        flink_rest "/jobs/$job" | grep -Eq '"status-counts":\{[^}]*"(CREATED|SCHEDULED|DEPLOYING|INITIALIZING)":[1-9]' \
          || return 0 ;;
    esac
    sleep 0.5
  done
  curl -s --max-time 10 -X PATCH "$FLINK_REST/jobs/$job?mode=cancel" >/dev/null || true
  die "job $job did not start running (state $state), so it was cancelled: $(flink_rest "/jobs/$job/exceptions" | json_readable)
see $FW_LOGS/flink-jobmanager.log and flink-taskmanager.log"
}

# flink_stop_with_savepoint JOBID: stops the job after a savepoint into the cluster's savepoint
# directory; prints the savepoint's path.
flink_stop_with_savepoint() {
  local job="$1" trigger result status i
  trigger="$(flink_call POST "/jobs/$job/stop" '{"drain":false}' | json_field request-id)"
  [[ -n "$trigger" ]] || die "the cluster did not accept stopping job $job with a savepoint"
  for ((i = 0; i < 240; i++)); do
    result="$(flink_call GET "/jobs/$job/savepoints/$trigger")"
    status="$(json_field id <<<"$result")"
    if [[ "$status" == COMPLETED ]]; then
      grep -q '"failure-cause"' <<<"$result" \
        && die "the savepoint of job $job failed: $(json_readable <<<"$result")"
      json_field location <<<"$result"
      return
    fi
    sleep 0.5
  done
  die "the savepoint of job $job did not complete within 120 s"
}
