package io.faultwatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.faultwatch.testing.WireSamples;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ContentDecoderTest {
    private static final int LIMIT = 1024 * 1024;

    static List<String> gzippedSamples() throws IOException {
        try (Stream<Path> files = Files.list(WireSamples.dir())) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".envelope.gz")).sorted().toList();
        }
    }

    @ParameterizedTest
    @MethodSource("gzippedSamples")
    void gzippedSdkBodiesDecodeToWhatTheSdkSerialized(String gz) {
        byte[] expected = WireSamples.read(gz.substring(0, gz.length() - ".gz".length()));

        assertThat(ContentDecoder.decode("gzip", WireSamples.read(gz), LIMIT)).isEqualTo(expected);
    }

    /** Bodies other than one plain member take the stream, with its results and its errors. */
    @Test
    void gzipBeyondOnePlainMemberDecodesAsTheStreamDoes() throws IOException {
        byte[] a = "{\"message\":\"first\"}".getBytes();
        byte[] b = "{\"message\":\"second\"}".getBytes();
        ByteArrayOutputStream twoMembers = new ByteArrayOutputStream();
        twoMembers.writeBytes(gzip(a));
        twoMembers.writeBytes(gzip(b));
        byte[] named = gzip(a);
        ByteArrayOutputStream withName = new ByteArrayOutputStream();
        withName.write(named, 0, 3);
        withName.write(8); // FLG.FNAME
        withName.write(named, 4, 6);
        withName.writeBytes("event.json\0".getBytes());
        withName.write(named, 10, named.length - 10);
        ByteArrayOutputStream garbageAfter = new ByteArrayOutputStream();
        garbageAfter.writeBytes(gzip(a));
        garbageAfter.writeBytes("xyz".getBytes());
        byte[] badCrc = gzip(a);
        badCrc[badCrc.length - 8] ^= 1;

        assertThat(ContentDecoder.decode("gzip", twoMembers.toByteArray(), LIMIT))
                .isEqualTo((new String(a) + new String(b)).getBytes());
        assertThat(ContentDecoder.decode("gzip", withName.toByteArray(), LIMIT)).isEqualTo(a);
        assertThat(ContentDecoder.decode("gzip", garbageAfter.toByteArray(), LIMIT)).isEqualTo(a);
        assertThat(ContentDecoder.decode("gzip", gzip(new byte[0]), LIMIT)).isEmpty();
        assertThatThrownBy(() -> ContentDecoder.decode("gzip", badCrc, LIMIT))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.status()).isEqualTo(400))
                .hasMessage("body is not valid gzip: Corrupt GZIP trailer");
    }

    @Test
    void identityAndMissingEncodingPassThrough() {
        byte[] body = "{}".getBytes();
        assertThat(ContentDecoder.decode(null, body, LIMIT)).isSameAs(body);
        assertThat(ContentDecoder.decode("Identity", body, LIMIT)).isSameAs(body);
    }

    @Test
    void deflateZlibAndRaw() throws IOException {
        byte[] body = "{\"message\":\"hello\"}".getBytes();

        assertThat(ContentDecoder.decode("deflate", deflate(body, false), LIMIT)).isEqualTo(body);
        assertThat(ContentDecoder.decode("deflate", deflate(body, true), LIMIT)).isEqualTo(body);
    }

    @Test
    void decompressionBombStopsAtTheLimit() throws IOException {
        byte[] bomb = gzip(new byte[50 * LIMIT]); // 50 MiB of zeros, about 50 KiB compressed

        assertThat(bomb.length).isLessThan(LIMIT / 10);
        assertThatThrownBy(() -> ContentDecoder.decode("gzip", bomb, LIMIT))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.status()).isEqualTo(413))
                .hasMessage("request body is larger than the limit of 1048576 bytes");
    }

    @Test
    void plainBodyOverTheLimit() {
        assertThatThrownBy(() -> ContentDecoder.decode(null, new byte[11], 10))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.status()).isEqualTo(413));
    }

    @Test
    void corruptGzipIs400AndUnknownEncodingIs415() {
        assertThatThrownBy(() -> ContentDecoder.decode("gzip", "{}".getBytes(), LIMIT))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.status()).isEqualTo(400))
                .hasMessageStartingWith("body is not valid gzip: ");
        assertThatThrownBy(() -> ContentDecoder.decode("br", "{}".getBytes(), LIMIT))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.status()).isEqualTo(400))
                .hasMessageStartingWith("body is not valid br: ");
        assertThatThrownBy(() -> ContentDecoder.decode("zstd", "{}".getBytes(), LIMIT))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.status()).isEqualTo(415))
                .hasMessage("unsupported Content-Encoding: zstd (gzip, deflate, br and identity are accepted)");
    }

    @Test
    void brotli() {
        assertThat(ContentDecoder.decode("br", brotli("java-exception.envelope.br"), LIMIT))
                .isEqualTo(WireSamples.envelope("java-exception"));
    }

    @Test
    void brotliBombStopsAtTheLimitToo() {
        byte[] bomb = brotli("zeros-50mib.br");

        assertThat(bomb.length).isLessThan(200);
        assertThatThrownBy(() -> ContentDecoder.decode("br", bomb, LIMIT))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.status()).isEqualTo(413));
    }

    @Test
    void deflateBombStopsAtTheLimit() throws IOException {
        byte[] bomb = deflate(new byte[20 * LIMIT], true);

        assertThatThrownBy(() -> ContentDecoder.decode("deflate", bomb, LIMIT))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.status()).isEqualTo(413));
    }

    @Test
    void storeBodyAsBase64OfZlibLikeOldSdksSendIt() throws IOException {
        byte[] json = "{\"message\":\"legacy\"}".getBytes();
        byte[] legacy = Base64.getEncoder().encode(deflate(json, false));

        assertThat(ContentDecoder.decodeStoreBody(null, legacy, LIMIT)).isEqualTo(json);
        assertThat(ContentDecoder.decodeStoreBody(null, json, LIMIT)).isSameAs(json);
        // Not base64 either: handed on unchanged for the JSON parser to report.
        assertThat(ContentDecoder.decodeStoreBody(null, "not json!".getBytes(), LIMIT)).isEqualTo("not json!".getBytes());
    }

    @Test
    void storeBodyBombInsideBase64StopsAtTheLimit() throws IOException {
        byte[] legacy = Base64.getEncoder().encode(deflate(new byte[20 * LIMIT], false));

        assertThatThrownBy(() -> ContentDecoder.decodeStoreBody(null, legacy, LIMIT))
                .isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.status()).isEqualTo(413));
    }

    static byte[] brotli(String fixture) {
        try (var in = ContentDecoderTest.class.getResourceAsStream("/brotli/" + fixture)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    static byte[] deflate(byte[] data, boolean raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream d = new DeflaterOutputStream(out, new Deflater(Deflater.DEFAULT_COMPRESSION, raw))) {
            d.write(data);
        }
        return out.toByteArray();
    }
}
