#!/usr/bin/env bash
# ./faultwatch up — services, gateway, pipeline job (embedded MiniCluster) and query API, in the background.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source "$FW_ROOT/scripts/postgres.sh"
source "$FW_ROOT/scripts/apps.sh"
source "$FW_ROOT/scripts/demo-projects.sh"

"$FW_ROOT/scripts/services.sh" start
apps_build
demo_seed_projects
token="$(demo_token)"
# A salt kept across restarts, so hashed user IPs stay comparable (the count of distinct users).
salt_file="$FW_HOME/ip-hash-salt"
[[ -s "$salt_file" ]] || (umask 077; od -An -tx1 -N32 /dev/urandom | tr -d ' \n' > "$salt_file")
export FW_GATEWAY_IP_HASH_SALT="${FW_GATEWAY_IP_HASH_SALT:-$(cat "$salt_file")}"
for app in "${APPS[@]}"; do app_start "$app"; done
apps_wait_ready
log "FaultWatch is up; stop it with ./faultwatch down"
for p in "${DEMO_PROJECTS[@]}"; do echo "DSN: $(demo_dsn "$p")"; done
echo "API: http://127.0.0.1:$FW_API_PORT"
echo "TOKEN: $token"
