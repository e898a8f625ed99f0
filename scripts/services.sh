#!/usr/bin/env bash
# ./faultwatch services start|stop|status — PostgreSQL, ClickHouse and Kafka on 127.0.0.1,
# data under .faultwatch/, installed when missing, started idempotently.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source "$FW_ROOT/scripts/postgres.sh"
source "$FW_ROOT/scripts/clickhouse.sh"
source "$FW_ROOT/scripts/kafka.sh"
source "$FW_ROOT/scripts/migrate.sh"

services_start() {
  postgres_start
  clickhouse_start
  kafka_start
  migrate_postgres
  migrate_clickhouse
  kafka_create_topics
  log "services ready"
}

services_stop() {
  kafka_stop
  clickhouse_stop
  postgres_stop
}

services_status() {
  local rc=0
  postgres_status || rc=1
  clickhouse_status || rc=1
  kafka_status || rc=1
  return $rc
}

case "${1:-}" in
  start) services_start ;;
  stop) services_stop ;;
  status) services_status ;;
  *) die "usage: ./faultwatch services start|stop|status" ;;
esac
