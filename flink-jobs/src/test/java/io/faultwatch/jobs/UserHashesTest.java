package io.faultwatch.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UserHashesTest {

    @Test
    void addedAreTheHashesTheEarlierSetLacks() {
        assertThat(UserHashes.added(new long[] {1, 3, 5, 8, 13}, new long[] {3, 8})).containsExactly(1, 5, 13);
        assertThat(UserHashes.added(new long[] {2, 4}, new long[] {1, 2, 3, 4, 5})).isEmpty();
        assertThat(UserHashes.added(new long[] {-7, 0, 9}, new long[] {-7})).containsExactly(0, 9);
    }

    @Test
    void withNothingEarlierEveryHashIsAdded() {
        assertThat(UserHashes.added(new long[] {1, 2}, null)).containsExactly(1, 2);
        assertThat(UserHashes.added(new long[] {1, 2}, new long[0])).containsExactly(1, 2);
        assertThat(UserHashes.added(new long[0], new long[] {1})).isEmpty();
    }

    @Test
    void theUnionIsSortedAndDistinct() {
        assertThat(UserHashes.union(new long[] {-7, 1, 5}, new long[] {1, 3, 9})).containsExactly(-7, 1, 3, 5, 9);
        assertThat(UserHashes.union(new long[] {2}, new long[] {1})).containsExactly(1, 2);
        assertThat(UserHashes.union(new long[] {1, 2, 3}, new long[] {1, 3})).containsExactly(1, 2, 3);
        assertThat(UserHashes.union(new long[0], new long[] {4})).containsExactly(4);
        assertThat(UserHashes.union(new long[] {4}, new long[0])).containsExactly(4);
    }
}
