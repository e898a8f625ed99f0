# PostgreSQL 15 from Debian's packages, as a private cluster under .faultwatch/postgres.
PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
PG_DATA="$FW_HOME/postgres"
PG_SOCK="$FW_HOME/pg-socket"

# initdb and postgres refuse to run as root; when we are root, run them as the postgres user.
pg_owner() { if [[ $EUID -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pg_superuser_psql() { pg_owner "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_SOCK" -p "$FW_PG_PORT" -U postgres "$@"; }

pg_running() { [[ -f "$PG_DATA/PG_VERSION" ]] && pg_owner "$PG_BIN/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1; }

postgres_start() {
  [[ -x "$PG_BIN/postgres" ]] || apt_install postgresql-15
  if pg_running; then log "postgres already running on 127.0.0.1:$FW_PG_PORT"; return; fi
  mkdir -p "$PG_DATA" "$PG_SOCK"
  if [[ $EUID -eq 0 ]]; then chown postgres: "$PG_DATA" "$PG_SOCK"; chmod 700 "$PG_DATA"; fi
  if [[ ! -f "$PG_DATA/PG_VERSION" ]]; then
    log "initializing a private PostgreSQL cluster in $PG_DATA"
    pg_owner "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
      -E UTF8 --locale=C.UTF-8 >"$FW_LOGS/postgres-initdb.log" 2>&1 || die "initdb failed, see $FW_LOGS/postgres-initdb.log"
  fi
  port_open "$FW_PG_PORT" && die "port $FW_PG_PORT is taken by another process; set FW_PG_PORT"
  touch "$FW_LOGS/postgres.log"; [[ $EUID -eq 0 ]] && chown postgres: "$FW_LOGS/postgres.log"
  pg_owner "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$FW_LOGS/postgres.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $FW_PG_PORT -k $PG_SOCK" start >/dev/null \
    || die "postgres did not start, see $FW_LOGS/postgres.log"
  head -1 "$PG_DATA/postmaster.pid" > "$FW_RUN/postgres.pid"
  log "postgres running on 127.0.0.1:$FW_PG_PORT"
  postgres_create_database
}

postgres_create_database() {
  pg_superuser_psql -d postgres <<SQL
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', '$FW_PG_USER', '$FW_PG_PASSWORD')
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$FW_PG_USER') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', '$FW_PG_DATABASE', '$FW_PG_USER')
WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = '$FW_PG_DATABASE') \gexec
SQL
}

postgres_stop() {
  if pg_running; then
    log "stopping postgres"
    pg_owner "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null
  fi
  rm -f "$FW_RUN/postgres.pid"
}

postgres_status() {
  if pg_running; then echo "postgres   running  127.0.0.1:$FW_PG_PORT  pid $(head -1 "$PG_DATA/postmaster.pid")"; else echo "postgres   stopped"; return 1; fi
}

# psql as the application user, over TCP like the apps.
fw_psql() { PGPASSWORD="$FW_PG_PASSWORD" psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$FW_PG_PORT" -U "$FW_PG_USER" -d "$FW_PG_DATABASE" "$@"; }
