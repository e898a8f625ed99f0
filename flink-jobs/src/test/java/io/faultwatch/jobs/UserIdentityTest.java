package io.faultwatch.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultwatch.model.ErrorEvent.UserInfo;
import org.junit.jupiter.api.Test;

class UserIdentityTest {

    @Test
    void prefersIdThenEmailThenUsernameThenIp() {
        assertThat(UserIdentity.of(new UserInfo("42", "a@b.c", "ann", "ip-hash"))).isEqualTo("id:42");
        assertThat(UserIdentity.of(new UserInfo(" ", "a@b.c", "ann", "ip-hash"))).isEqualTo("email:a@b.c");
        assertThat(UserIdentity.of(new UserInfo(null, null, "42", "ip-hash"))).isEqualTo("username:42");
        assertThat(UserIdentity.of(new UserInfo(null, null, null, "ip-hash"))).isEqualTo("ip:ip-hash");
    }

    @Test
    void anEventWithoutAUserHasNoIdentity() {
        assertThat(UserIdentity.of(null)).isNull();
        assertThat(UserIdentity.of(new UserInfo(null, "", null, null))).isNull();
    }

    @Test
    void hashesAreStableNonNegativeAndNeverNoUser() {
        assertThat(UserIdentity.hash(null)).isEqualTo(UserIdentity.NO_USER);
        // Pinned: ClickHouse keeps sketches of these hashes, and events carry them, across releases.
        assertThat(UserIdentity.hash("id:42")).isEqualTo(UserIdentity.hash("id:42")).isPositive();
        assertThat(UserIdentity.hash("id:42")).isNotEqualTo(UserIdentity.hash("username:42"));
        assertThat(UserIdentity.hash("id:1")).isEqualTo(HyperLogLog.hash("id:1".getBytes(java.nio.charset.StandardCharsets.UTF_8)) >>> 1);
    }
}
