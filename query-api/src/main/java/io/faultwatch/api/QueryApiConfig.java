package io.faultwatch.api;

import com.clickhouse.client.api.sql.SQLUtils;
import io.faultwatch.api.notify.NotifierConfig;
import io.faultwatch.model.ServiceAddresses;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;

/**
 * Everything the query API reads from its environment, read once at start.
 *
 * @param host where the HTTP server binds (FW_API_HOST, default 127.0.0.1)
 * @param port where the HTTP server listens (FW_API_PORT, default 8400; 0 picks a free port)
 * @param retentionInterval how often expired ClickHouse partitions are dropped
 *                          (FW_RETENTION_INTERVAL_MINUTES, default 60; 0 turns it off)
 * @param gatewayUrl where SDKs reach the ingest gateway, for the DSNs the API hands out (FW_API_GATEWAY_URL,
 *                   default http://127.0.0.1:FW_GATEWAY_PORT)
 * @param tokenRateLimitPerMinute requests per minute per API token (FW_API_TOKEN_RATE_LIMIT_PER_MINUTE,
 *                                default 1200; 0 turns the limit off, e.g. for benchmarks)
 * @param minAlertWindowSeconds the smallest window and action interval an alert rule may have
 *                          (FW_ALERT_MIN_WINDOW_SECONDS, default 60; tests lower it)
 * @param notifier          the alert notifier this process runs
 */
public record QueryApiConfig(String host, int port, ServiceAddresses services, Duration retentionInterval,
                             URI gatewayUrl, int tokenRateLimitPerMinute, long minAlertWindowSeconds,
                             NotifierConfig notifier) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8400;
    public static final Duration DEFAULT_RETENTION_INTERVAL = Duration.ofHours(1);
    public static final int DEFAULT_GATEWAY_PORT = 8300;
    public static final int DEFAULT_TOKEN_RATE_LIMIT_PER_MINUTE = 1200;
    public static final long DEFAULT_MIN_ALERT_WINDOW_SECONDS = 60;

    public QueryApiConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("FW_API_HOST must not be empty");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("FW_API_PORT must be between 0 and 65535, got " + port);
        }
        if (minAlertWindowSeconds < 1 || minAlertWindowSeconds > DEFAULT_MIN_ALERT_WINDOW_SECONDS) {
            throw new IllegalArgumentException("FW_ALERT_MIN_WINDOW_SECONDS must be between 1 and "
                    + DEFAULT_MIN_ALERT_WINDOW_SECONDS + ", got " + minAlertWindowSeconds);
        }
        if (retentionInterval.isNegative()) {
            throw new IllegalArgumentException("FW_RETENTION_INTERVAL_MINUTES must not be negative");
        }
        if (gatewayUrl == null || !("http".equals(gatewayUrl.getScheme()) || "https".equals(gatewayUrl.getScheme()))
                || gatewayUrl.getRawAuthority() == null || gatewayUrl.getRawUserInfo() != null
                || gatewayUrl.getRawQuery() != null || gatewayUrl.getRawFragment() != null) {
            throw new IllegalArgumentException("FW_API_GATEWAY_URL must be an http(s) URL such as http://127.0.0.1:8300,"
                    + " got '" + gatewayUrl + "'");
        }
        if (tokenRateLimitPerMinute < 0) {
            throw new IllegalArgumentException("FW_API_TOKEN_RATE_LIMIT_PER_MINUTE must not be negative, got "
                    + tokenRateLimitPerMinute);
        }
        // The database name is spliced into SQL text as a qualifier, so only a plain identifier is safe.
        if (!SQLUtils.isSimpleIdentifier(services.clickhouseDatabase())) {
            throw new IllegalArgumentException("FW_CLICKHOUSE_DATABASE must be a plain identifier, got '"
                    + services.clickhouseDatabase() + "'");
        }
    }

    /** The default alert limits and no notifier: for tests of the API alone. */
    public QueryApiConfig(String host, int port, ServiceAddresses services, Duration retentionInterval,
                          URI gatewayUrl, int tokenRateLimitPerMinute) {
        this(host, port, services, retentionInterval, gatewayUrl, tokenRateLimitPerMinute,
                DEFAULT_MIN_ALERT_WINDOW_SECONDS, NotifierConfig.fromEnv(Map.of("FW_NOTIFIER_ENABLED", "false")));
    }

    public static QueryApiConfig fromEnv(Map<String, String> env) {
        String host = env.getOrDefault("FW_API_HOST", DEFAULT_HOST);
        int port = parsePort(env.getOrDefault("FW_API_PORT", String.valueOf(DEFAULT_PORT)));
        return new QueryApiConfig(
                host,
                port,
                ServiceAddresses.fromEnv(env),
                Duration.ofMinutes(parseMinutes(env.getOrDefault("FW_RETENTION_INTERVAL_MINUTES",
                        String.valueOf(DEFAULT_RETENTION_INTERVAL.toMinutes())))),
                gatewayUrl(env),
                parseCount("FW_API_TOKEN_RATE_LIMIT_PER_MINUTE", env.getOrDefault("FW_API_TOKEN_RATE_LIMIT_PER_MINUTE",
                        String.valueOf(DEFAULT_TOKEN_RATE_LIMIT_PER_MINUTE))),
                parseWindow(env.getOrDefault("FW_ALERT_MIN_WINDOW_SECONDS",
                        String.valueOf(DEFAULT_MIN_ALERT_WINDOW_SECONDS))),
                NotifierConfig.fromEnv(env));
    }

    /** What alert rules may ask for here. */
    public AlertLimits alertLimits() {
        return new AlertLimits(minAlertWindowSeconds, notifier.emailConfigured());
    }

    private static URI gatewayUrl(Map<String, String> env) {
        String url = env.getOrDefault("FW_API_GATEWAY_URL",
                "http://127.0.0.1:" + env.getOrDefault("FW_GATEWAY_PORT", String.valueOf(DEFAULT_GATEWAY_PORT)));
        try {
            return new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("FW_API_GATEWAY_URL must be an http(s) URL, got '" + url + "'", e);
        }
    }

    private static int parseCount(String name, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + value + "'", e);
        }
    }

    private static long parseWindow(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("FW_ALERT_MIN_WINDOW_SECONDS must be a whole number of seconds, got '"
                    + value + "'", e);
        }
    }

    /** Whether the API drops expired ClickHouse partitions itself. */
    public boolean runsRetention() {
        return !retentionInterval.isZero();
    }

    private static long parseMinutes(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("FW_RETENTION_INTERVAL_MINUTES must be a whole number of minutes, got '"
                    + value + "'", e);
        }
    }

    private static int parsePort(String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("FW_API_PORT must be a port number, got '" + value + "'", e);
        }
    }
}
