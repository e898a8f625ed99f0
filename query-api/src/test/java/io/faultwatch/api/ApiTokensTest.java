package io.faultwatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiTokensTest {

    @Test
    void tokensAreRandomAndWellFormed() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            String token = ApiTokens.generate();
            assertThat(token).matches("fwt_[0-9a-f]{64}");
            assertThat(ApiTokens.wellFormed(token)).isTrue();
            assertThat(seen.add(token)).isTrue();
        }
    }

    @Test
    void theHashIsTheSha256OfTheTokenTextInHex() {
        // The FIPS 180-2 test vector: what sha256sum prints, so a hash can be checked by hand.
        assertThat(ApiTokens.hash("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(ApiTokens.hash("fwt_" + "0".repeat(64))).isEqualTo("6bbbaa7c533e3e11680b650552bfd91fa0d2c0db3eb2274fc92c0259393e1af1");
    }

    @Test
    void theShownPrefixIsTheStartOfTheSecret() {
        String token = ApiTokens.generate();
        assertThat(ApiTokens.shownPrefix(token)).hasSize(12).isEqualTo(token.substring(0, 12)).startsWith("fwt_");
    }

    @Test
    void anythingElseIsNotAToken() {
        assertThat(ApiTokens.wellFormed(null)).isFalse();
        assertThat(ApiTokens.wellFormed("")).isFalse();
        assertThat(ApiTokens.wellFormed("fwt_" + "0".repeat(63))).isFalse();
        assertThat(ApiTokens.wellFormed("fwt_" + "A".repeat(64))).isFalse();
        assertThat(ApiTokens.wellFormed("xyz_" + "0".repeat(64))).isFalse();
    }
}
