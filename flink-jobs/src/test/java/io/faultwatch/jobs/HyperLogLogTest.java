package io.faultwatch.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HyperLogLogTest {

    private static final double MAX_RELATIVE_ERROR = 0.02;
    private static final long HASH_OF_ID_42 = 5538489024655485573L;
    private static final long HASH_OF_NOTHING = -1166397803181037274L;

    private static HyperLogLog sketchOf(int distinct, String prefix) {
        HyperLogLog sketch = HyperLogLog.empty();
        for (int i = 0; i < distinct; i++) {
            sketch.add(prefix + i);
        }
        return sketch;
    }

    @ParameterizedTest
    @ValueSource(ints = {1_000, 5_000, 20_000, 100_000, 1_000_000})
    void estimatesWithinTwoPercent(int distinct) {
        for (String prefix : new String[] {"id:", "email:user", "ip:10.0."}) {
            long estimate = sketchOf(distinct, prefix).estimate();
            assertThat(Math.abs(estimate - distinct) / (double) distinct)
                    .as("estimate %d of %d distinct %s values", estimate, distinct, prefix)
                    .isLessThanOrEqualTo(MAX_RELATIVE_ERROR);
        }
    }

    @Test
    void isOffByAtMostOneForTheFewUsersMostIssuesHave() {
        HyperLogLog sketch = HyperLogLog.empty();
        assertThat(sketch.estimate()).isZero();
        for (int distinct = 1; distinct <= 300; distinct++) {
            sketch.add("id:" + distinct);
            assertThat(sketch.estimate()).as("%d distinct", distinct).isBetween(distinct - 1L, distinct + 1L);
        }
    }

    @Test
    void countsRepeatsOnceAndSaysWhenNothingChanged() {
        HyperLogLog sketch = HyperLogLog.empty();
        assertThat(sketch.add("id:1")).isTrue();
        assertThat(sketch.add("id:1")).isFalse();
        for (int i = 0; i < 10_000; i++) {
            sketch.add("id:" + (i % 500));
        }
        assertThat(sketch.estimate()).isEqualTo(sketchOf(500, "id:").estimate());
    }

    @Test
    void staysSmallWhileSparseAndTurnsDenseWithoutChangingTheEstimate() {
        HyperLogLog few = sketchOf(10, "id:");
        assertThat(few.isSparse()).isTrue();
        assertThat(few.toBytes()).hasSize(1 + 10 * Integer.BYTES);

        HyperLogLog sparse = sketchOf(HyperLogLog.MAX_SPARSE_ENTRIES - 50, "id:");
        assertThat(sparse.isSparse()).isTrue();
        long sparseEstimate = sparse.estimate();
        sparse.toDense();
        assertThat(sparse.isSparse()).isFalse();
        assertThat(sparse.estimate()).isEqualTo(sparseEstimate);

        HyperLogLog many = sketchOf(5_000, "id:");
        assertThat(many.isSparse()).isFalse();
        assertThat(many.toBytes()).hasSize(1 + HyperLogLog.REGISTERS);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 900, 50_000})
    void survivesItsBytesInBothForms(int distinct) {
        HyperLogLog sketch = sketchOf(distinct, "id:");
        HyperLogLog restored = HyperLogLog.fromBytes(sketch.toBytes());

        assertThat(restored.estimate()).isEqualTo(sketch.estimate());
        assertThat(restored.toBytes()).isEqualTo(sketch.toBytes());
        assertThat(restored.add("id:0")).as("already counted").isFalse();
    }

    @Test
    void anAbsentSketchIsEmptyAndGarbageIsRefused() {
        assertThat(HyperLogLog.fromBytes(null).estimate()).isZero();
        assertThat(HyperLogLog.fromBytes(new byte[0]).estimate()).isZero();
        assertThat(HyperLogLog.fromBytes(HyperLogLog.empty().toBytes()).estimate()).isZero();
        assertThatThrownBy(() -> HyperLogLog.fromBytes(new byte[] {9, 1, 2}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Sketches live in checkpoints across releases: the hash must never change. */
    @Test
    void theHashIsStable() {
        assertThat(HyperLogLog.hash("id:42".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(HASH_OF_ID_42);
        assertThat(HyperLogLog.hash(new byte[0])).isEqualTo(HASH_OF_NOTHING);
    }
}
