#!/usr/bin/env bash
# ./faultwatch cluster start|stop|status|start-taskmanager — a local Flink standalone session cluster
# (JobManager + TaskManager) on 127.0.0.1, see scripts/flink.sh. start-taskmanager starts a TaskManager
# when ours is not running, e.g. after one was killed.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source "$FW_ROOT/scripts/flink.sh"

case "${1:-}" in
  start) flink_start ;;
  stop) flink_stop ;;
  status) flink_status ;;
  start-taskmanager) flink_taskmanager_start ;;
  *) die "usage: ./faultwatch cluster start|stop|status|start-taskmanager" ;;
esac
