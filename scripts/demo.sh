#!/usr/bin/env bash
# ./faultwatch demo — `up`, then real Sentry SDK traffic to two projects, then the issues and
# per-minute stats read back from the query API.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source "$FW_ROOT/scripts/postgres.sh"
source "$FW_ROOT/scripts/demo-projects.sh"

"$FW_ROOT/scripts/up.sh"
DEMO_LIB="$FW_HOME/demo/lib"
fetch_jars "Sentry SDK" "$FW_ROOT/scripts/demo/pom.xml" "$DEMO_LIB"
log "sending demo errors through the gateway with the Sentry Java SDK"
java -cp "$DEMO_LIB/*" "$FW_ROOT/scripts/demo/SendDemoEvents.java" \
  "http://127.0.0.1:$FW_API_PORT" "$(cat "$DEMO_TOKEN_FILE")" "$(demo_dsn 1)" "$(demo_dsn 2)"
cat <<TXT

The stack keeps running: point any Sentry SDK at a DSN above and read the results with
  curl -H "Authorization: Bearer $(cat "$DEMO_TOKEN_FILE")" http://127.0.0.1:$FW_API_PORT/api/v1/projects/1/issues
Stop everything with ./faultwatch down
TXT
