# The pipeline job on the Flink cluster: its jar, its arguments, and which job is the deployed one.
source "$FW_ROOT/scripts/apps.sh"
source "$FW_ROOT/scripts/flink.sh"

PIPELINE_MAIN=io.faultwatch.jobs.ErrorPipelineJob
PIPELINE_JOB_FILE="$FLINK_HOME/pipeline.job"
PIPELINE_ARGS_FILE="$FLINK_HOME/pipeline.args"
PIPELINE_ENV_FILE="$FLINK_HOME/cluster.env"

# The shaded job jar: FW_JOB_JAR when set (prebuilt, e.g. by the test build), else built when sources changed.
pipeline_jar() {
  if [[ -n "${FW_JOB_JAR:-}" ]]; then echo "$FW_JOB_JAR"; return; fi
  apps_build
  echo "$JOB_JAR"
}

pipeline_check_env() {
  [[ -f "$PIPELINE_ENV_FILE" ]] || return 0
  local changed
  changed="$(diff <(sed 's/PASSWORD=.*/PASSWORD=.../' "$PIPELINE_ENV_FILE") <(flink_job_env | sed 's/PASSWORD=.*/PASSWORD=.../'))" \
    || die "the pipeline's main() runs in the JobManager, which was started with other FW_* settings than this shell's:
$changed
restart the cluster from this shell (./faultwatch cluster stop && ./faultwatch cluster start)"
}

# The deployed job's id when it is still running (or restarting) on the cluster.
pipeline_running_job() {
  [[ -f "$PIPELINE_JOB_FILE" ]] || return 0
  local job state
  job="$(cat "$PIPELINE_JOB_FILE")"
  state="$(flink_job_state "$job")"
  case "$state" in
    ""|FAILED|CANCELED|FINISHED|SUSPENDED) ;;
    *) echo "$job" ;;
  esac
}

# pipeline_submit SAVEPOINT|"" ARGS...: submits, waits until running, records and prints the job id.
pipeline_submit() {
  local savepoint="$1" jar job; shift
  jar="$(pipeline_jar)"
  job="$(flink_submit "$jar" "$PIPELINE_MAIN" "$savepoint" "$@")" || exit 1
  echo "$job" > "$PIPELINE_JOB_FILE"
  printf '%s\n' "$@" > "$PIPELINE_ARGS_FILE"
  flink_await_running "$job"
  log "pipeline job $job running${savepoint:+ (restored from $savepoint)}, $FLINK_REST/#/job/running/$job/overview"
  echo "$job"
}
