#!/usr/bin/env bash
# ./faultwatch deploy [job options] — builds the job jar and submits ErrorPipelineJob to the Flink cluster
# of `./faultwatch cluster start` (REST API). Job options are PipelineConfig's (--group-id, ...); the
# checkpoints go to the cluster's directory unless --checkpoint-dir is given. Prints the job id.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source "$FW_ROOT/scripts/pipeline.sh"

flink_require_cluster
pipeline_check_env
running="$(pipeline_running_job)"
[[ -z "$running" ]] || die "the pipeline already runs as job $running; ./faultwatch upgrade replaces it"
pipeline_submit "" --checkpoint-dir "file://$FLINK_HOME/checkpoints" "$@"
