package io.faultwatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ScopeTest {

    @Test
    void eachScopeIncludesTheOnesBeforeIt() {
        assertThat(Scope.ADMIN.includes(Scope.WRITE)).isTrue();
        assertThat(Scope.ADMIN.includes(Scope.READ)).isTrue();
        assertThat(Scope.WRITE.includes(Scope.READ)).isTrue();
        assertThat(Scope.WRITE.includes(Scope.ADMIN)).isFalse();
        assertThat(Scope.READ.includes(Scope.WRITE)).isFalse();
    }

    @Test
    void aCallerHasAScopeWhenAnyOfItsScopesIncludesIt() {
        assertThat(new Caller(1, 1, Set.of(Scope.READ, Scope.WRITE)).has(Scope.WRITE)).isTrue();
        assertThat(new Caller(1, 1, Set.of(Scope.READ)).has(Scope.ADMIN)).isFalse();
    }

    @Test
    void wireNames() {
        assertThat(Scope.fromWireName("admin")).isEqualTo(Scope.ADMIN);
        assertThat(Scope.fromWireName("ADMIN")).isNull();
        assertThat(Scope.NAMES).isEqualTo("read, write, admin");
    }
}
