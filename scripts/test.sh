#!/usr/bin/env bash
# ./faultwatch test — start the local services when needed, then run every test (unit + *ITCase).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
"$FW_ROOT/scripts/services.sh" start
cd "$FW_ROOT"
exec mvn -B verify "$@"
