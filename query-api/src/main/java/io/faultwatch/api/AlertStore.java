package io.faultwatch.api;

import io.faultwatch.model.AlertChannel;
import io.faultwatch.model.AlertKind;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * All PostgreSQL access of the alerting routes: {@code alert_rules}, {@code alert_history} and
 * {@code alert_deliveries}. Every change of a rule runs in a transaction that commits only once
 * {@code publish} (the rule's record on fw.alert-rules) succeeded, and keeps the row locked until then, so
 * the topic's last record of a rule is always its committed state.
 */
public final class AlertStore {

    private static final String RULE_COLUMNS = "id, project_id, name, kind, enabled, per_issue, window_seconds,"
            + " threshold, resolve_threshold, filters, params, action_interval_seconds, channels, snoozed_until,"
            + " muted_until, version, created_at, updated_at";
    private static final String INSERT_RULE = "INSERT INTO alert_rules (project_id, name, kind, enabled, per_issue,"
            + " window_seconds, threshold, resolve_threshold, filters, params, action_interval_seconds, channels,"
            + " snoozed_until, muted_until) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)"
            + " RETURNING " + RULE_COLUMNS;
    private static final String REPLACE_RULE = "UPDATE alert_rules SET name = $3, kind = $4, enabled = $5,"
            + " per_issue = $6, window_seconds = $7, threshold = $8, resolve_threshold = $9, filters = $10,"
            + " params = $11, action_interval_seconds = $12, channels = $13, snoozed_until = $14, muted_until = $15,"
            + " version = version + 1, updated_at = now() WHERE id = $1 AND project_id = $2 RETURNING " + RULE_COLUMNS;
    private static final String SILENCE_RULE = "UPDATE alert_rules SET"
            + " snoozed_until = CASE WHEN $3 THEN $4 ELSE snoozed_until END,"
            + " muted_until = CASE WHEN $5 THEN $6 ELSE muted_until END,"
            + " version = version + 1, updated_at = now() WHERE id = $1 AND project_id = $2 RETURNING " + RULE_COLUMNS;
    private static final String DELETE_RULE = "DELETE FROM alert_rules WHERE id = $1 AND project_id = $2 RETURNING id";
    private static final String GET_RULE = "SELECT " + RULE_COLUMNS + " FROM alert_rules WHERE id = $1 AND project_id = $2";
    private static final String LIST_RULES = "SELECT " + RULE_COLUMNS + " FROM alert_rules WHERE project_id = $1"
            + " ORDER BY id LIMIT $2";
    private static final String HISTORY = "SELECT notification_id, rule_id, state, fingerprint, payload, triggered_at,"
            + " received_at, status, finished_at FROM alert_history WHERE project_id = $1"
            + " AND ($2::BIGINT IS NULL OR rule_id = $2) ORDER BY triggered_at DESC, notification_id LIMIT $3";
    private static final String DELIVERIES = "SELECT notification_id, channel_type, target, attempt, status,"
            + " http_status, error, sent_at, latency_ms FROM alert_deliveries WHERE notification_id = ANY($1)"
            + " ORDER BY id";
    private final Pool pool;

    /** @param pool the query API's one PostgreSQL pool ({@link IssueStore#pool}), shared with its other stores */
    public AlertStore(Pool pool) {
        this.pool = pool;
    }

    /** @param fingerprint the issue filter's fingerprint, or null */
    public Future<AlertRuleRow> create(long projectId, AlertRuleSpec spec, String fingerprint,
                                       Function<AlertRuleRow, Future<Void>> publish) {
        Tuple values = Tuple.of(projectId);
        addSpec(values, spec, fingerprint);
        return pool.withTransaction(connection -> changeRule(connection, INSERT_RULE, values, 0, projectId, publish));
    }

    public Future<AlertRuleRow> replace(long projectId, long ruleId, AlertRuleSpec spec, String fingerprint,
                                        Function<AlertRuleRow, Future<Void>> publish) {
        Tuple values = Tuple.of(ruleId, projectId);
        addSpec(values, spec, fingerprint);
        return pool.withTransaction(connection -> changeRule(connection, REPLACE_RULE, values, ruleId, projectId, publish));
    }

    /**
     * Sets the snooze, the mute or both; a time that is not given keeps its value.
     *
     * @param snoozeGiven whether {@code snoozedUntil} applies (null then ends the snooze)
     */
    public Future<AlertRuleRow> silence(long projectId, long ruleId, boolean snoozeGiven, Instant snoozedUntil,
                                        boolean muteGiven, Instant mutedUntil,
                                        Function<AlertRuleRow, Future<Void>> publish) {
        Tuple values = Tuple.of(ruleId, projectId, snoozeGiven, utc(snoozedUntil), muteGiven, utc(mutedUntil));
        return pool.withTransaction(connection -> changeRule(connection, SILENCE_RULE, values, ruleId, projectId, publish));
    }

    public Future<Void> delete(long projectId, long ruleId, Function<Long, Future<Void>> publish) {
        return pool.withTransaction(connection -> connection.preparedQuery(DELETE_RULE)
                .execute(Tuple.of(ruleId, projectId))
                .compose(rows -> rows.size() == 0
                        ? Future.failedFuture(unknownRule(projectId, ruleId))
                        : publish.apply(ruleId)));
    }

    public Future<AlertRuleRow> get(long projectId, long ruleId) {
        return pool.preparedQuery(GET_RULE).execute(Tuple.of(ruleId, projectId))
                .compose(rows -> rows.size() == 0
                        ? Future.failedFuture(unknownRule(projectId, ruleId))
                        : Future.succeededFuture(toRule(rows.iterator().next())));
    }

    public Future<List<AlertRuleRow>> list(long projectId, int limit) {
        return pool.preparedQuery(LIST_RULES).execute(Tuple.of(projectId, limit)).map(rows -> {
            List<AlertRuleRow> rules = new ArrayList<>(rows.size());
            rows.forEach(row -> rules.add(toRule(row)));
            return rules;
        });
    }

    /** The project's notifications, newest first, each with its delivery attempts in order. */
    public Future<List<JsonObject>> history(long projectId, Long ruleId, int limit) {
        return pool.preparedQuery(HISTORY).execute(Tuple.of(projectId, ruleId, limit)).compose(rows -> {
            Map<UUID, JsonObject> notifications = new LinkedHashMap<>();
            rows.forEach(row -> notifications.put(row.getUUID("notification_id"), historyJson(row)));
            if (notifications.isEmpty()) {
                return Future.succeededFuture(List.of());
            }
            return pool.preparedQuery(DELIVERIES)
                    .execute(Tuple.of(notifications.keySet().toArray(UUID[]::new)))
                    .map(deliveries -> {
                        deliveries.forEach(row -> notifications.get(row.getUUID("notification_id"))
                                .getJsonArray("deliveries").add(deliveryJson(row)));
                        return new ArrayList<>(notifications.values());
                    });
        });
    }

    private static JsonObject historyJson(Row row) {
        return new JsonObject()
                .put("notification_id", row.getUUID("notification_id").toString())
                .put("rule_id", row.getLong("rule_id"))
                .put("state", row.getString("state"))
                .put("fingerprint", row.getString("fingerprint"))
                .put("triggered_at", text(row.getOffsetDateTime("triggered_at")))
                .put("received_at", text(row.getOffsetDateTime("received_at")))
                .put("status", row.getString("status"))
                .put("finished_at", text(row.getOffsetDateTime("finished_at")))
                .put("notification", row.getJsonObject("payload"))
                .put("deliveries", new JsonArray());
    }

    private static JsonObject deliveryJson(Row row) {
        return new JsonObject()
                .put("channel", row.getString("channel_type"))
                .put("target", row.getString("target"))
                .put("attempt", row.getInteger("attempt"))
                .put("status", row.getString("status"))
                .put("http_status", row.getInteger("http_status"))
                .put("error", row.getString("error"))
                .put("sent_at", text(row.getOffsetDateTime("sent_at")))
                .put("latency_ms", row.getLong("latency_ms"));
    }

    private static Future<AlertRuleRow> changeRule(SqlConnection connection, String sql, Tuple values, long ruleId,
                                                   long projectId, Function<AlertRuleRow, Future<Void>> publish) {
        return connection.preparedQuery(sql).execute(values)
                .compose(rows -> rows.size() == 0
                        ? Future.<AlertRuleRow>failedFuture(unknownRule(projectId, ruleId))
                        : Future.succeededFuture(toRule(rows.iterator().next())))
                .compose(rule -> publish.apply(rule).map(rule));
    }

    private static void addSpec(Tuple values, AlertRuleSpec spec, String fingerprint) {
        JsonObject filters = AlertRuleRow.filters(spec);
        if (fingerprint != null) {
            filters.put("fingerprint", fingerprint);
        }
        values.addString(spec.name()).addString(spec.kind().wireName()).addBoolean(spec.enabled())
                .addBoolean(spec.perIssue()).addLong(spec.windowSeconds()).addDouble(spec.threshold())
                .addDouble(spec.resolveThreshold()).addValue(filters).addValue(AlertRuleRow.params(spec))
                .addLong(spec.actionIntervalSeconds()).addValue(AlertRuleRow.channels(spec))
                .addValue(utc(spec.snoozedUntil())).addValue(utc(spec.mutedUntil()));
    }

    private static AlertRuleRow toRule(Row row) {
        JsonObject filters = row.getJsonObject("filters");
        JsonObject params = row.getJsonObject("params");
        AlertKind kind = AlertKind.fromWireName(row.getString("kind"));
        List<AlertChannel> channels = new ArrayList<>();
        for (Object channel : row.getJsonArray("channels")) {
            JsonObject json = (JsonObject) channel;
            channels.add(new AlertChannel(AlertChannel.Type.fromWireName(json.getString("type")), json.getString("target")));
        }
        Long minCount = params.getLong("min_count", params.getLong("min_sessions", 0L));
        AlertRuleSpec spec = new AlertRuleSpec(row.getString("name"), kind, row.getBoolean("enabled"),
                row.getBoolean("per_issue"), row.getLong("window_seconds"), row.getDouble("threshold"),
                row.getDouble("resolve_threshold"), filters.getString("environment"), filters.getString("level"),
                filters.getLong("issue"), strings(filters.getJsonObject("tags")),
                params.getInteger("baseline_windows", 0), minCount, params.getString("source"),
                strings(params.getJsonObject("failure_tags")), row.getLong("action_interval_seconds"), channels,
                instant(row.getOffsetDateTime("snoozed_until")), instant(row.getOffsetDateTime("muted_until")));
        return new AlertRuleRow(row.getLong("id"), row.getLong("project_id"), row.getLong("version"), spec,
                filters.getString("fingerprint"), instant(row.getOffsetDateTime("created_at")),
                instant(row.getOffsetDateTime("updated_at")));
    }

    private static Map<String, String> strings(JsonObject object) {
        Map<String, String> strings = new LinkedHashMap<>();
        if (object != null) {
            object.forEach(entry -> strings.put(entry.getKey(), String.valueOf(entry.getValue())));
        }
        return strings;
    }

    private static ApiException unknownRule(long projectId, long ruleId) {
        return ApiException.notFound("rule_id", "alert rule " + ruleId + " does not exist in project " + projectId);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static String text(OffsetDateTime time) {
        return time == null ? null : time.toInstant().toString();
    }
}
