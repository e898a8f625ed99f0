# ClickHouse from Debian's clickhouse-server package (18.16 here), as a plain process with its
# own config under .faultwatch/clickhouse. HTTP compression stays off: it is broken on 18.16.
CH_HOME="$FW_HOME/clickhouse"

ch_http() { curl -sS --fail-with-body --max-time 30 "$FW_CLICKHOUSE_URL/" "$@"; }
ch_ready() { [[ "$(curl -s --max-time 2 "$FW_CLICKHOUSE_URL/ping")" == "Ok." ]]; }

clickhouse_write_config() {
  mkdir -p "$CH_HOME/data" "$CH_HOME/tmp" "$CH_HOME/user_files" "$CH_HOME/format_schemas"
  cat > "$CH_HOME/config.xml" <<XML
<?xml version="1.0"?>
<yandex>
    <logger>
        <level>warning</level>
        <log>$FW_LOGS/clickhouse.log</log>
        <errorlog>$FW_LOGS/clickhouse.err.log</errorlog>
        <size>100M</size>
        <count>3</count>
    </logger>
    <listen_host>127.0.0.1</listen_host>
    <http_port>$FW_CLICKHOUSE_HTTP_PORT</http_port>
    <tcp_port>$FW_CLICKHOUSE_TCP_PORT</tcp_port>
    <path>$CH_HOME/data/</path>
    <tmp_path>$CH_HOME/tmp/</tmp_path>
    <user_files_path>$CH_HOME/user_files/</user_files_path>
    <format_schema_path>$CH_HOME/format_schemas/</format_schema_path>
    <users_config>$CH_HOME/users.xml</users_config>
    <default_profile>default</default_profile>
    <default_database>default</default_database>
    <timezone>UTC</timezone>
    <mark_cache_size>268435456</mark_cache_size>
    <max_concurrent_queries>100</max_concurrent_queries>
</yandex>
XML
  cat > "$CH_HOME/users.xml" <<XML
<?xml version="1.0"?>
<yandex>
    <profiles>
        <default>
            <max_memory_usage>4000000000</max_memory_usage>
            <load_balancing>random</load_balancing>
        </default>
    </profiles>
    <users>
        <default>
            <password></password>
            <networks>
                <ip>127.0.0.1</ip>
                <ip>::1</ip>
            </networks>
            <profile>default</profile>
            <quota>default</quota>
        </default>
    </users>
    <quotas>
        <default>
            <interval>
                <duration>3600</duration>
                <queries>0</queries>
                <errors>0</errors>
                <result_rows>0</result_rows>
                <read_rows>0</read_rows>
                <execution_time>0</execution_time>
            </interval>
        </default>
    </quotas>
</yandex>
XML
}

clickhouse_start() {
  [[ -x /usr/sbin/clickhouse-server ]] || apt_install clickhouse-server
  if pid_alive clickhouse && ch_ready; then log "clickhouse already running on 127.0.0.1:$FW_CLICKHOUSE_HTTP_PORT"; return; fi
  port_open "$FW_CLICKHOUSE_HTTP_PORT" && die "port $FW_CLICKHOUSE_HTTP_PORT is taken by another process; set FW_CLICKHOUSE_HTTP_PORT"
  clickhouse_write_config
  start_bg clickhouse "$FW_LOGS/clickhouse.stdout.log" /usr/sbin/clickhouse-server --config-file="$CH_HOME/config.xml"
  wait_for "clickhouse" 60 ch_ready || die "clickhouse did not answer /ping within 60 s, see $FW_LOGS/clickhouse.err.log"
  log "clickhouse running on 127.0.0.1:$FW_CLICKHOUSE_HTTP_PORT"
}

clickhouse_stop() { stop_pid clickhouse; }

clickhouse_status() {
  if pid_alive clickhouse && ch_ready; then echo "clickhouse running  127.0.0.1:$FW_CLICKHOUSE_HTTP_PORT  pid $(cat "$FW_RUN/clickhouse.pid")"; else echo "clickhouse stopped"; return 1; fi
}
