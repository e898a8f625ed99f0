package io.faultwatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProjectKeyTest {
    private static final String KEY = "0123456789abcdef0123456789abcdef";

    @Test
    void activeKeyOfTheProjectPasses() {
        assertThat(ProjectKey.check(KEY, new ProjectKey(KEY, 7, true, ProjectSettings.DEFAULTS), 7)).isNull();
    }

    @Test
    void missingAndUnknownKeysAre401() {
        assertThat(ProjectKey.check(null, null, 7)).satisfies(r -> {
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.getMessage()).startsWith("missing authorization information");
        });
        assertThat(ProjectKey.check(KEY, null, 7)).satisfies(r -> {
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.getMessage()).isEqualTo("unknown public key " + KEY);
        });
    }

    @Test
    void keyOfAnotherProjectOrDisabledIs403() {
        assertThat(ProjectKey.check(KEY, new ProjectKey(KEY, 8, true, ProjectSettings.DEFAULTS), 7)).satisfies(r -> {
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.getMessage()).isEqualTo("public key " + KEY + " does not belong to project 7");
        });
        assertThat(ProjectKey.check(KEY, new ProjectKey(KEY, 7, false, ProjectSettings.DEFAULTS), 7)).satisfies(r -> {
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.getMessage()).isEqualTo("public key " + KEY + " is disabled");
        });
    }
}
