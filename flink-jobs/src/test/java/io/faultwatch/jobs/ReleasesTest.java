package io.faultwatch.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReleasesTest {

    /** Releases that are not versions of one package cannot be ordered: a different one counts as newer. */
    @ParameterizedTest(name = "{0} newer than {1}: {2}")
    @CsvSource(nullValues = "null", value = {
        "shop@1.4.3, shop@1.4.2, true",
        "shop@1.4.2, shop@1.4.3, false",
        "shop@1.10.0, shop@1.9.9, true",
        "shop@1.4.2, shop@1.4.2, false",
        "shop@2, shop@1.9.9, true",
        "shop@1.4, shop@1.4.0, false",
        "v2.0.0, v1.0.0, true",
        "2.0.0, 2.0.0-rc.1, true",
        "2.0.0-rc.1, 2.0.0, false",
        "2.0.0-rc.2, 2.0.0-rc.1, true",
        "1.0.0+build.2, 1.0.0+build.1, false",
        "123456789012345678901234567890.0, 99.0, true",
        "other@1.0.0, shop@2.0.0, true",
        "a1b2c3d, 9f8e7d6, true",
        "9f8e7d6, a1b2c3d, true",
        "shop@1.4.2, null, true",
        "null, shop@1.4.2, false",
        "null, null, false"})
    void comparesVersionsAndTreatsOtherReleasesAsNewerWhenDifferent(String candidate, String base, boolean newer) {
        assertThat(Releases.isNewer(candidate, base)).isEqualTo(newer);
    }
}
