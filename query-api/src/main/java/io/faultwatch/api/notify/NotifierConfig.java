package io.faultwatch.api.notify;

import java.time.Duration;
import java.util.Map;

/**
 * How the notifier delivers, read once from the environment with the query API's configuration.
 *
 * @param enabled        FW_NOTIFIER_ENABLED [true]: whether this query API process runs the notifier
 * @param groupId        FW_NOTIFIER_GROUP_ID [faultwatch-notifier]: its Kafka consumer group on fw.alerts
 * @param startAtLatest  FW_NOTIFIER_START [earliest]: where a group without committed offsets starts: at the
 *                       earliest notification kept (nothing the job wrote before the first start is missed) or
 *                       at the latest (tests, which share the topic's history)
 * @param maxAttempts    FW_NOTIFIER_MAX_ATTEMPTS [5]: attempts per channel before a delivery is given up
 * @param backoff        FW_NOTIFIER_BACKOFF_MS [500]: the wait after the first failed attempt; it doubles
 *                       after each one, up to {@link #MAX_BACKOFF}
 * @param requestTimeout FW_NOTIFIER_TIMEOUT_MS [5000]: one HTTP or SMTP attempt
 * @param publicApiUrl   FW_API_PUBLIC_URL: where links in notifications point; null for the query API's own
 *                       address ({@link #withPublicApiUrl})
 * @param smtpHost       FW_SMTP_HOST [none]: email channels work only when it is set
 * @param smtpPort       FW_SMTP_PORT [25]
 * @param smtpFrom       FW_SMTP_FROM [faultwatch@localhost]
 */
public record NotifierConfig(boolean enabled, String groupId, boolean startAtLatest, int maxAttempts, Duration backoff,
                             Duration requestTimeout, String publicApiUrl, String smtpHost, int smtpPort,
                             String smtpFrom) {

    public static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    public NotifierConfig {
        if (groupId == null || groupId.isBlank()) {
            throw new IllegalArgumentException("FW_NOTIFIER_GROUP_ID must not be blank");
        }
        if (maxAttempts < 1 || maxAttempts > 20) {
            throw new IllegalArgumentException("FW_NOTIFIER_MAX_ATTEMPTS must be between 1 and 20, got " + maxAttempts);
        }
        if (backoff.isNegative() || backoff.compareTo(MAX_BACKOFF) > 0) {
            throw new IllegalArgumentException("FW_NOTIFIER_BACKOFF_MS must be between 0 and " + MAX_BACKOFF.toMillis());
        }
        if (requestTimeout.toMillis() < 100) {
            throw new IllegalArgumentException("FW_NOTIFIER_TIMEOUT_MS must be at least 100");
        }
        if (smtpPort < 1 || smtpPort > 65535) {
            throw new IllegalArgumentException("FW_SMTP_PORT must be a port between 1 and 65535, got " + smtpPort);
        }
        if (publicApiUrl != null && publicApiUrl.endsWith("/")) {
            publicApiUrl = publicApiUrl.substring(0, publicApiUrl.length() - 1);
        }
    }

    public static NotifierConfig fromEnv(Map<String, String> env) {
        String smtpHost = env.getOrDefault("FW_SMTP_HOST", "").trim();
        String apiUrl = env.getOrDefault("FW_API_PUBLIC_URL", "").trim();
        String start = env.getOrDefault("FW_NOTIFIER_START", "earliest").trim();
        if (!start.equals("earliest") && !start.equals("latest")) {
            throw new IllegalArgumentException("FW_NOTIFIER_START must be earliest or latest, got '" + start + "'");
        }
        return new NotifierConfig(
                Boolean.parseBoolean(env.getOrDefault("FW_NOTIFIER_ENABLED", "true").trim()),
                env.getOrDefault("FW_NOTIFIER_GROUP_ID", "faultwatch-notifier").trim(),
                start.equals("latest"),
                (int) number(env, "FW_NOTIFIER_MAX_ATTEMPTS", "5"),
                Duration.ofMillis(number(env, "FW_NOTIFIER_BACKOFF_MS", "500")),
                Duration.ofMillis(number(env, "FW_NOTIFIER_TIMEOUT_MS", "5000")),
                apiUrl.isEmpty() ? null : apiUrl,
                smtpHost.isEmpty() ? null : smtpHost,
                (int) number(env, "FW_SMTP_PORT", "25"),
                env.getOrDefault("FW_SMTP_FROM", "faultwatch@localhost").trim());
    }

    /** With links to {@code ownUrl} (where the query API listens) unless FW_API_PUBLIC_URL was set. */
    public NotifierConfig withPublicApiUrl(String ownUrl) {
        return publicApiUrl != null ? this : new NotifierConfig(enabled, groupId, startAtLatest, maxAttempts, backoff,
                requestTimeout,
                ownUrl, smtpHost, smtpPort, smtpFrom);
    }

    public boolean emailConfigured() {
        return smtpHost != null;
    }

    /** The wait before attempt {@code attempt + 1}, after {@code attempt} (1-based) failed. */
    public Duration backoffAfter(int attempt) {
        long millis = backoff.toMillis() << Math.min(attempt - 1, 20);
        return Duration.ofMillis(Math.min(millis, MAX_BACKOFF.toMillis()));
    }

    private static long number(Map<String, String> env, String name, String defaultValue) {
        String value = env.getOrDefault(name, defaultValue);
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, got '" + value + "'", e);
        }
    }
}
