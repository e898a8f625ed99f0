#!/usr/bin/env bash
# ./faultwatch down — stop what `up` started (apps first, then services); data stays in .faultwatch/.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source "$FW_ROOT/scripts/apps.sh"
for app in api gateway job; do stop_pid "$app"; done
"$FW_ROOT/scripts/services.sh" stop
log "FaultWatch is down"
