package io.faultwatch.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How each official SDK frames and sends an event, as captured in ../shared/sentry-wire-samples:
 * where the key goes, whether items carry {@code length}, whether the body ends with a newline and
 * whether it is gzipped. Events of 1–5 KB are below the Node transport's 32 KiB gzip threshold, so
 * Node sends them plain; the Java and Python SDKs always gzip.
 */
public enum SdkProfile {
    JAVA("java", "sentry.java", "8.62.0", true, true, true),
    NODE("node", "sentry.javascript.node", "11.12.0", false, false, false),
    PYTHON("python", "sentry.python", "2.19.2", true, true, true);

    private final String platform;
    private final String sdkName;
    private final String sdkVersion;
    private final boolean gzip;
    private final boolean itemLength;
    private final boolean trailingNewline;

    SdkProfile(String platform, String sdkName, String sdkVersion, boolean gzip, boolean itemLength,
               boolean trailingNewline) {
        this.platform = platform;
        this.sdkName = sdkName;
        this.sdkVersion = sdkVersion;
        this.gzip = gzip;
        this.itemLength = itemLength;
        this.trailingNewline = trailingNewline;
    }

    public String platform() {
        return platform;
    }

    public String sdkName() {
        return sdkName;
    }

    public String sdkVersion() {
        return sdkVersion;
    }

    public String client() {
        return sdkName + "/" + sdkVersion;
    }

    public boolean gzip() {
        return gzip;
    }

    public boolean itemLength() {
        return itemLength;
    }

    public boolean trailingNewline() {
        return trailingNewline;
    }

    /** Path and query of the envelope endpoint; Node authenticates in the query, the others in a header. */
    public String requestUri(long projectId, String publicKey) {
        String path = "/api/" + projectId + "/envelope/";
        if (this == NODE) {
            return path + "?sentry_version=7&sentry_key=" + publicKey + "&sentry_client=" + sdkName + "%2F" + sdkVersion;
        }
        return path;
    }

    /** The request headers the SDK sends, minus Host, Content-Length and connection management. */
    public Map<String, String> headers(String publicKey) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("User-Agent", client());
        switch (this) {
            case JAVA -> {
                headers.put("X-Sentry-Auth", "Sentry sentry_version=7,sentry_client=" + client() + ",sentry_key=" + publicKey);
                headers.put("Content-Encoding", "gzip");
                headers.put("Content-Type", "application/x-sentry-envelope");
                headers.put("Accept", "application/json");
            }
            case PYTHON -> {
                headers.put("X-Sentry-Auth", "Sentry sentry_key=" + publicKey + ", sentry_version=7, sentry_client=" + client());
                headers.put("Content-Type", "application/x-sentry-envelope");
                headers.put("Content-Encoding", "gzip");
            }
            case NODE -> { }
        }
        return headers;
    }
}
