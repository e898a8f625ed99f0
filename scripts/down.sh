#!/usr/bin/env bash
# ./faultwatch down — stop what `up` and `cluster start` started (apps and the Flink cluster first, then
# services); data stays in .faultwatch/.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source "$FW_ROOT/scripts/apps.sh"
source "$FW_ROOT/scripts/flink.sh"
for app in api gateway job; do stop_pid "$app"; done
flink_stop
"$FW_ROOT/scripts/services.sh" stop
log "FaultWatch is down"
