# Shared by the benchmarks (bench.sh: ingest, bench-stats.sh: stats queries, bench-alerting.sh: alert
# latency, bench-pipeline.sh: the job): the bench jar, how the machine is described, and docs/benchmarks.md,
# which they all write to, each only its own section.
source "$FW_ROOT/scripts/apps.sh"

BENCH_JAR="$FW_ROOT/bench/target/bench-$FW_VERSION.jar"
BENCH_PAGE="$FW_ROOT/docs/benchmarks.md"
bench_java() { java -Xms256m -Xmx768m -cp "$BENCH_JAR:$FW_ROOT/bench/target/lib/*" "$@"; }

# bench_build: (re)build the bench module and what it uses (the job jar too) when any of their sources changed.
bench_build() {
  if [[ ! -f "$BENCH_JAR" || ! -f "$JOB_JAR" || ! -d "$FW_ROOT/bench/target/lib" ]] || [[ -n "$(find "$FW_ROOT/bench/src" "$FW_ROOT/bench/pom.xml" "$FW_ROOT/event-model/src" \
      "$FW_ROOT/query-api/src" "$FW_ROOT/flink-jobs/src" "$FW_ROOT/flink-jobs/pom.xml" -newer "$BENCH_JAR" -type f -print -quit)" ]]; then
    log "building the bench module"
    # copy-dependencies only adds jars: a dependency whose version changed would be on the class path twice.
    rm -rf "$FW_ROOT/bench/target/lib"
    (cd "$FW_ROOT" && mvn -B -q -pl bench -am -DskipTests package >"$FW_LOGS/bench-build.log" 2>&1) \
      || die "building bench failed, see $FW_LOGS/bench-build.log"
  fi
}

bench_machine() {
  echo "$(nproc) cores, $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) memory, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(java -version 2>&1 | head -1), Linux $(uname -r)"
}

# bench_cpu_per_event JSON [OBJECT]: the CPU per event a result recorded, as "name µs, ...", from the
# cpu_us_per_event of OBJECT (a jq path such as .floor; the top level when absent).
bench_cpu_per_event() { jq -r "${2:-}.cpu_us_per_event | to_entries | map(\"\\(.key) \\(.value)\") | join(\", \")" "$1"; }

# bench_load: the load averages and the busiest processes right now, for the record of a run.
bench_load() {
  local busy
  busy="$(ps -eo pcpu=,comm= --sort=-pcpu | awk '$1 >= 5 { printf "%s%s %s%%", sep, $2, $1; sep = ", " }' | head -c 300)"
  echo "load average $(cut -d' ' -f1-3 /proc/loadavg)${busy:+; busy: $busy}"
}

# bench_page_write SECTION CONTENT [PAGE]: replace SECTION's part of the page (between its markers)
# with the file CONTENT, adding the section at the end when the page has none yet. The other
# benchmark's section stays as it is.
bench_page_write() {
  local name="$1" content="$2" page="${3:-$BENCH_PAGE}"
  local begin="<!-- bench:$name -->" end="<!-- /bench:$name -->"
  if [[ ! -f "$page" ]]; then
    printf '%s\n' "# Benchmarks" "" \
      "Each benchmark writes its own section of this page and leaves the others as they are:" \
      "\`./faultwatch bench\` the ingest benchmark, \`./faultwatch bench stats\` the stats queries," \
      "\`./faultwatch bench alerting\` the alert latency." > "$page"
  fi
  if grep -qF "$begin" "$page"; then
    awk -v b="$begin" -v e="$end" -v f="$content" '
      $0 == b { print; while ((getline line < f) > 0) print line; skip = 1; next }
      $0 == e { skip = 0 }
      !skip { print }' "$page" > "$page.tmp" && mv "$page.tmp" "$page"
  else
    { echo; echo "$begin"; cat "$content"; echo "$end"; } >> "$page"
  fi
}

# Services, a gateway (the running one, or one started here: started_gateway=true, for the caller to
# stop), the bench jar and the Kafka tools, for the benchmarks that send through the gateway.
bench_prepare() {
  "$FW_ROOT/scripts/services.sh" start
  started_gateway=false
  if http_ok "http://127.0.0.1:$FW_GATEWAY_PORT/health"; then
    log "using the gateway that answers on 127.0.0.1:$FW_GATEWAY_PORT"
  else
    apps_build
    app_start gateway
    started_gateway=true
  fi
  wait_for gateway 60 http_ok "http://127.0.0.1:$FW_GATEWAY_PORT/health" \
    || die "the gateway did not answer /health within 60 s, see $FW_LOGS/gateway.log"
  bench_build
  kafka_install
}

topics() { kafka_java org.apache.kafka.tools.TopicCommand --bootstrap-server "$FW_KAFKA_BOOTSTRAP" "$@"; }
