# Kafka 4.3.1 in KRaft mode (one combined broker + controller) from the Maven Central jars.
KAFKA_HOME="$FW_HOME/kafka"
KAFKA_LIB="$KAFKA_HOME/lib"
KAFKA_VERSION=4.3.1

kafka_java() { java -Xms256m -Xmx1g -Dlog4j2.configurationFile="$KAFKA_HOME/log4j2.properties" -cp "$KAFKA_LIB/*" "$@"; }

kafka_install() { fetch_jars "Kafka $KAFKA_VERSION" "$FW_ROOT/scripts/kafka/pom.xml" "$KAFKA_LIB"; }

kafka_write_config() {
  mkdir -p "$KAFKA_HOME/data"
  cat > "$KAFKA_HOME/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$FW_KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$FW_KAFKA_PORT,CONTROLLER://127.0.0.1:$FW_KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$FW_KAFKA_PORT
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$KAFKA_HOME/data
num.partitions=1
auto.create.topics.enable=false
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
min.insync.replicas=1
default.replication.factor=1
group.initial.rebalance.delay.ms=0
log.retention.hours=168
# This broker serves the demo, the tests and the benchmarks on one machine. One ingest benchmark run
# writes about 4 GB of events, and a day of runs filled a 250 GB disk (2026-11-22), so each partition
# also keeps at most 4 GiB. A production cluster is the user's, with its own retention.
log.retention.bytes=4294967296
PROPS
  cat > "$KAFKA_HOME/log4j2.properties" <<PROPS
rootLogger.level=WARN
rootLogger.appenderRef.file.ref=file
appender.file.type=File
appender.file.name=file
appender.file.fileName=$FW_LOGS/kafka.log
appender.file.layout.type=PatternLayout
appender.file.layout.pattern=[%d] %p %m (%c)%n
logger.kafka.name=kafka
logger.kafka.level=INFO
PROPS
}

kafka_ready() { port_open "$FW_KAFKA_PORT"; }

kafka_start() {
  command -v java >/dev/null || die "java is required (JDK 17)"
  if pid_alive kafka && kafka_ready; then log "kafka already running on 127.0.0.1:$FW_KAFKA_PORT"; return; fi
  kafka_install
  kafka_ready && die "port $FW_KAFKA_PORT is taken by another process; set FW_KAFKA_PORT"
  kafka_write_config
  if [[ ! -f "$KAFKA_HOME/data/meta.properties" ]]; then
    local cluster_id
    cluster_id="$(kafka_java kafka.tools.StorageTool random-uuid | tail -1)"
    kafka_java kafka.tools.StorageTool format -t "$cluster_id" -c "$KAFKA_HOME/server.properties" >/dev/null \
      || die "formatting the Kafka storage failed"
  fi
  start_bg kafka "$FW_LOGS/kafka.stdout.log" java -Xms512m -Xmx1g -XX:+UseG1GC \
    -Dlog4j2.configurationFile="$KAFKA_HOME/log4j2.properties" -cp "$KAFKA_LIB/*" kafka.Kafka "$KAFKA_HOME/server.properties"
  wait_for "kafka" 90 kafka_ready || die "kafka did not listen on $FW_KAFKA_PORT within 90 s, see $FW_LOGS/kafka.log"
  log "kafka running on 127.0.0.1:$FW_KAFKA_PORT"
}

kafka_create_topics() {
  local specs=() name partitions policy
  while read -r name partitions policy; do
    [[ -z "$name" || "$name" == \#* ]] && continue
    specs+=("$name:$partitions${policy:+:$policy}")
  done < "$FW_ROOT/scripts/kafka/topics.txt"
  kafka_java "$FW_ROOT/scripts/kafka/CreateTopics.java" "$FW_KAFKA_BOOTSTRAP" "${specs[@]}" \
    || die "creating the Kafka topics failed"
}

kafka_stop() { stop_pid kafka; }

kafka_status() {
  if pid_alive kafka && kafka_ready; then echo "kafka      running  127.0.0.1:$FW_KAFKA_PORT  pid $(cat "$FW_RUN/kafka.pid")"; else echo "kafka      stopped"; return 1; fi
}
