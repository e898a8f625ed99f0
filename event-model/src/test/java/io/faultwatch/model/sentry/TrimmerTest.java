package io.faultwatch.model.sentry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TrimmerTest {
    private final Trimmer trim = new Trimmer();

    private static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    @Test
    void stringsAtTheLimitStayAndLongerOnesEndInTheMarker() {
        assertThat(trim.string("abcde", 5, "s")).isEqualTo("abcde");
        assertThat(trim.string(null, 5, "s")).isNull();
        assertThat(trim.string("abcdefgh", 5, "s")).isEqualTo("ab...");
        assertThat(trim.string("abcdefghij", 6, "s")).isEqualTo("abc...");
        assertThat(trim.removed()).isEqualTo(Map.of("s", 6 + 7));
    }

    @Test
    void aSurrogatePairIsNeverSplit() {
        String emoji = "\uD83D\uDE00"; // one code point, two chars
        String cut = trim.string("ab" + emoji + "cdef", 6, "s");

        assertThat(cut).isEqualTo("ab...");
        assertThat(trim.removed()).isEqualTo(Map.of("s", 6));
    }

    @Test
    void listsKeepTheirHeadTailOrEnds() {
        assertThat(trim.keepFirst(range(5), 3, "first")).containsExactly(0, 1, 2);
        assertThat(trim.keepLast(range(5), 3, "last")).containsExactly(2, 3, 4);
        assertThat(trim.keepEnds(range(10), 5, "ends")).containsExactly(0, 1, 2, 8, 9);
        assertThat(trim.keepEnds(range(10), 4, "ends")).containsExactly(0, 1, 8, 9);
        assertThat(trim.keepEnds(range(3), 4, "ends")).containsExactly(0, 1, 2);
        assertThat(trim.removed()).isEqualTo(Map.of("first", 2, "last", 2, "ends", 5 + 6));
    }
}
