package io.faultwatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SentryAuthTest {
    private static final String KEY = "0123456789abcdef0123456789abcdef";

    @Test
    void javaSdkHeaderAsCaptured() {
        // From sentry-wire-samples/java-exception.request.json
        String header = "Sentry sentry_version=7,sentry_client=sentry.java/8.62.0,sentry_key=publickey";

        assertThat(SentryAuth.parseHeader(header)).isEqualTo(Map.of(
                "sentry_version", "7", "sentry_client", "sentry.java/8.62.0", "sentry_key", "publickey"));
        assertThat(SentryAuth.publicKey(header, null)).isEqualTo("publickey");
    }

    @Test
    void legacyHeadersWithSpacesQuotesSecretAndAnyCase() {
        assertThat(SentryAuth.publicKey(
                "sentry Sentry_Key=\"" + KEY + "\", sentry_secret=s, sentry_version=5", null)).isEqualTo(KEY);
        assertThat(SentryAuth.publicKey("sentry_key=" + KEY, null)).isEqualTo(KEY);
    }

    @Test
    void queryParameterWhenTheHeaderHasNoKey() {
        assertThat(SentryAuth.publicKey(null, KEY)).isEqualTo(KEY);
        assertThat(SentryAuth.publicKey("Sentry sentry_version=7", KEY)).isEqualTo(KEY);
        assertThat(SentryAuth.publicKey("Sentry sentry_key=" + KEY, "other")).isEqualTo(KEY);
    }

    @Test
    void noKeyAnywhere() {
        assertThat(SentryAuth.publicKey(null, null)).isNull();
        assertThat(SentryAuth.publicKey("Sentry sentry_key=", " ")).isNull();
        assertThat(SentryAuth.publicKey("Bearer abc", null)).isNull();
    }

    @Test
    void keyFromDsn() {
        assertThat(SentryAuth.keyFromDsn("http://" + KEY + "@127.0.0.1:8300/42")).isEqualTo(KEY);
        assertThat(SentryAuth.keyFromDsn("https://" + KEY + ":secret@o1.ingest.example/7")).isEqualTo(KEY);
        assertThat(SentryAuth.keyFromDsn("http://127.0.0.1:8300/42")).isNull();
        assertThat(SentryAuth.keyFromDsn("not a [dsn")).isNull();
    }
}
