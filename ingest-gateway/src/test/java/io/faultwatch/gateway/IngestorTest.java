package io.faultwatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IngestorTest {

    @Test
    void onlyBodiesWithABoundedDecodedSizeStayOnTheEventLoop() {
        assertThat(Ingestor.fitsEventLoop(64 * 1024, null)).isTrue();
        assertThat(Ingestor.fitsEventLoop(64 * 1024, " Identity ")).isTrue();
        assertThat(Ingestor.fitsEventLoop(64 * 1024 + 1, "")).isFalse();

        // Deflate expands at most about 1032:1: 8 KiB stays within 8 MiB of work.
        assertThat(Ingestor.fitsEventLoop(8 * 1024, "gzip")).isTrue();
        assertThat(Ingestor.fitsEventLoop(8 * 1024, " X-GZIP")).isTrue();
        assertThat(Ingestor.fitsEventLoop(8 * 1024, "deflate")).isTrue();
        assertThat(Ingestor.fitsEventLoop(8 * 1024 + 1, "gzip")).isFalse();

        // Brotli has no such bound; unknown codings are refused on a worker, as before.
        assertThat(Ingestor.fitsEventLoop(100, "br")).isFalse();
        assertThat(Ingestor.fitsEventLoop(100, "zstd")).isFalse();
    }
}
