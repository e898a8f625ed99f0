#!/usr/bin/env bash
# ./faultwatch status — what is running.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source "$FW_ROOT/scripts/apps.sh"
source "$FW_ROOT/scripts/flink.sh"
rc=0
"$FW_ROOT/scripts/services.sh" status || rc=1
for app in "${APPS[@]}"; do
  if pid_alive "$app"; then printf '%-10s running  pid %s\n' "$app" "$(cat "$FW_RUN/$app.pid")"; else printf '%-10s stopped\n' "$app"; rc=1; fi
done
# The Flink cluster is not part of `up`: shown when it was started, without making status fail.
[[ -f "$FW_RUN/flink-jobmanager.pid" ]] && { flink_status || true; }
exit $rc
