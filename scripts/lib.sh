# Shared by every FaultWatch script: paths, ports (overridable by environment variables, the same
# names docker-compose.yml and ServiceAddresses use), and PID bookkeeping so we only ever stop
# processes we started.
set -euo pipefail

FW_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
FW_HOME="${FW_HOME:-$FW_ROOT/.faultwatch}"
FW_RUN="$FW_HOME/run"
FW_LOGS="$FW_HOME/logs"
mkdir -p "$FW_RUN" "$FW_LOGS"

export FW_PG_PORT="${FW_PG_PORT:-5432}"
export FW_PG_DATABASE="${FW_PG_DATABASE:-faultwatch}"
export FW_PG_USER="${FW_PG_USER:-faultwatch}"
export FW_PG_PASSWORD="${FW_PG_PASSWORD:-faultwatch}"
export FW_CLICKHOUSE_HTTP_PORT="${FW_CLICKHOUSE_HTTP_PORT:-8123}"
export FW_CLICKHOUSE_TCP_PORT="${FW_CLICKHOUSE_TCP_PORT:-9000}"
export FW_KAFKA_PORT="${FW_KAFKA_PORT:-9092}"
export FW_KAFKA_CONTROLLER_PORT="${FW_KAFKA_CONTROLLER_PORT:-9093}"
export FW_GATEWAY_PORT="${FW_GATEWAY_PORT:-8300}"
export FW_API_PORT="${FW_API_PORT:-8400}"
export FW_FLINK_REST_PORT="${FW_FLINK_REST_PORT:-8081}"
export FW_FLINK_RPC_PORT="${FW_FLINK_RPC_PORT:-6123}"
export FW_KAFKA_BOOTSTRAP="${FW_KAFKA_BOOTSTRAP:-127.0.0.1:$FW_KAFKA_PORT}"
export FW_CLICKHOUSE_URL="${FW_CLICKHOUSE_URL:-http://127.0.0.1:$FW_CLICKHOUSE_HTTP_PORT}"

log() { printf '[faultwatch] %s\n' "$*" >&2; }
die() { printf '[faultwatch] error: %s\n' "$*" >&2; exit 1; }

# pid_alive NAME: true when .faultwatch/run/NAME.pid names a live process.
pid_alive() {
  local f="$FW_RUN/$1.pid"
  [[ -f "$f" ]] && kill -0 "$(cat "$f")" 2>/dev/null
}

# stop_pid NAME: TERM the recorded process (and its process group when it leads one), wait up
# to 30 s, then KILL; always removes the PID file.
stop_pid() {
  local name="$1" f="$FW_RUN/$1.pid" pid
  [[ -f "$f" ]] || return 0
  pid="$(cat "$f")"
  if kill -0 "$pid" 2>/dev/null; then
    log "stopping $name (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && { log "$name did not stop in 30 s, killing"; kill -KILL "$pid" 2>/dev/null || true; }
  fi
  rm -f "$f"
}

# start_bg NAME LOGFILE CMD...: start CMD detached in its own session, record its PID.
start_bg() {
  local name="$1" logfile="$2"; shift 2
  setsid "$@" >>"$logfile" 2>&1 < /dev/null &
  echo $! > "$FW_RUN/$name.pid"
}

# jvm_options MODULE: the JVM options in MODULE/jvm-options.txt, one per line; lines starting with # say why.
jvm_options() {
  local file="$FW_ROOT/$1/jvm-options.txt"
  [[ -f "$file" ]] || return 0
  grep -v -e '^[[:space:]]*#' -e '^[[:space:]]*$' "$file"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# wait_for DESCRIPTION SECONDS CMD...: poll CMD every half second until it succeeds.
wait_for() {
  local what="$1" secs="$2"; shift 2
  local i
  for ((i = 0; i < secs * 2; i++)); do
    "$@" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  return 1
}

as_root() { if [[ $EUID -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

apt_install() {
  log "installing $* from Debian's packages"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null \
    || { as_root apt-get update -q >/dev/null && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null; }
}

# fetch_jars WHAT POM DIR: copy POM's dependencies from Maven Central into DIR, again whenever
# the pom changes (there is no Kafka distribution or SDK bundle on Central, only jars).
fetch_jars() {
  local what="$1" pom="$2" dir="$3" want
  want="$(sha256sum "$pom" | cut -c1-64)"
  [[ -f "$dir/.pom.sha256" && "$(cat "$dir/.pom.sha256")" == "$want" ]] && return
  log "fetching the $what jars from Maven Central"
  rm -rf "$dir"; mkdir -p "$dir"
  mvn -B -q -f "$pom" dependency:copy-dependencies -DoutputDirectory="$dir" >"$FW_LOGS/fetch.log" 2>&1 \
    || die "could not fetch the $what jars, see $FW_LOGS/fetch.log"
  echo "$want" > "$dir/.pom.sha256"
}
