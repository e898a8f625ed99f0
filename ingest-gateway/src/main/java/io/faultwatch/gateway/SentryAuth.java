package io.faultwatch.gateway;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where an SDK puts its public key: the {@code X-Sentry-Auth} header (server SDKs), the
 * {@code sentry_key} query parameter (browser and Node SDKs) or the envelope header's {@code dsn}.
 */
public final class SentryAuth {
    private static final String SCHEME = "sentry ";

    private SentryAuth() {}

    /** The key from the auth header, else from the query parameter; null when neither has one. */
    public static String publicKey(String authHeader, String queryKey) {
        String fromHeader = authHeader == null ? null : parseHeader(authHeader).get("sentry_key");
        if (fromHeader != null && !fromHeader.isEmpty()) {
            return fromHeader;
        }
        return queryKey == null || queryKey.isBlank() ? null : queryKey.trim();
    }

    /** {@code Sentry sentry_version=7,sentry_client=x/1,sentry_key=abc} to its fields (values unquoted). */
    public static Map<String, String> parseHeader(String header) {
        String rest = header.trim();
        if (rest.toLowerCase(Locale.ROOT).startsWith(SCHEME)) {
            rest = rest.substring(SCHEME.length());
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String part : rest.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String value = part.substring(eq + 1).trim();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            fields.put(part.substring(0, eq).trim().toLowerCase(Locale.ROOT), value);
        }
        return fields;
    }

    /** The public key of a DSN ({@code https://<key>[:<secret>]@host/<project>}), or null. */
    public static String keyFromDsn(String dsn) {
        if (dsn == null) {
            return null;
        }
        try {
            String userInfo = new URI(dsn.trim()).getRawUserInfo();
            if (userInfo == null || userInfo.isEmpty()) {
                return null;
            }
            int colon = userInfo.indexOf(':');
            return colon < 0 ? userInfo : userInfo.substring(0, colon);
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }
}
