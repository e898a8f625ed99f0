#!/usr/bin/env bash
# ./faultwatch upgrade [job options] — stops the deployed pipeline job with a savepoint, then submits the
# (rebuilt) job jar from that savepoint, with the options of the last deploy unless new ones are given.
# Prints the new job id.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source "$FW_ROOT/scripts/pipeline.sh"

flink_require_cluster
pipeline_check_env
job="$(pipeline_running_job)"
[[ -n "$job" ]] || die "no deployed pipeline job runs on $FLINK_REST; ./faultwatch deploy"
# Build before stopping, so a broken build leaves the old job running.
jar="$(pipeline_jar)"
if [[ $# -eq 0 ]]; then mapfile -t args < "$PIPELINE_ARGS_FILE"; else args=(--checkpoint-dir "file://$FLINK_HOME/checkpoints" "$@"); fi
log "stopping job $job with a savepoint"
savepoint="$(flink_stop_with_savepoint "$job")"
log "savepoint $savepoint"
FW_JOB_JAR="$jar" pipeline_submit "$savepoint" "${args[@]}"
