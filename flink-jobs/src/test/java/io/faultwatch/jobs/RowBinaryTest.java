package io.faultwatch.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RowBinaryTest {

    @Test
    void writesIntegersLittleEndianAtTheirWidth() {
        byte[] bytes = new RowBinary(4).uint64(0x0102030405060708L).uint16(0x0A0B).dateTime(0xC0FFEE01L).toByteArray();

        assertThat(bytes).containsExactly(8, 7, 6, 5, 4, 3, 2, 1, 0x0B, 0x0A, 0x01, 0xEE - 256, 0xFF - 256, 0xC0 - 256);
    }

    @Test
    void prefixesStringsWithTheirUtf8LengthAsAVarint() {
        assertThat(new RowBinary(4).string("é").toByteArray()).containsExactly(2, 0xC3 - 256, 0xA9 - 256);
        assertThat(new RowBinary(4).string((String) null).string("").toByteArray()).containsExactly(0, 0);

        byte[] long300 = new RowBinary(4).string("x".repeat(300)).toByteArray();
        assertThat(long300).hasSize(302);
        // 300 = 0b10_0101100: the low seven bits with the continuation bit, then the rest.
        assertThat(long300[0]).isEqualTo((byte) 0xAC);
        assertThat(long300[1]).isEqualTo((byte) 0x02);
        assertThat(new String(long300, 2, 300, StandardCharsets.UTF_8)).isEqualTo("x".repeat(300));

        assertThat(new RowBinary(4).string("x".repeat(127)).toByteArray()[0]).isEqualTo((byte) 127);
        assertThat(new RowBinary(4).string("x".repeat(128)).toByteArray()).startsWith(0x80 - 256, 1);
    }

    @Test
    void writesArraysAsACountAndTheElements() {
        byte[] bytes = new RowBinary(4).stringArray(new String[] {"a", "bc"}).uint64Array(new long[] {1}).toByteArray();

        assertThat(bytes).containsExactly(2, 1, 'a', 2, 'b', 'c', 1, 1, 0, 0, 0, 0, 0, 0, 0);
    }

    @Test
    void growsPastItsInitialCapacityAndStartsOverWhenCleared() {
        RowBinary out = new RowBinary(16);
        out.string(new byte[1000]);
        assertThat(out.size()).isEqualTo(1002);

        out.clear();
        out.uint16(7);
        assertThat(out.toByteArray()).containsExactly(7, 0);
    }

    @Test
    void refusesValuesItsColumnTypesCannotHold() {
        assertThatThrownBy(() -> new RowBinary(4).dateTime(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> new RowBinary(4).dateTime(1L << 32)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RowBinary(4).uint16(65_536)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("65536");
    }
}
