package io.faultwatch.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TokenAuthenticationTest {

    @Test
    void theTokenIsTakenFromABearerHeaderOfAnyCase() {
        String token = ApiTokens.generate();
        assertThat(TokenAuthentication.bearerToken("Bearer " + token)).isEqualTo(token);
        assertThat(TokenAuthentication.bearerToken("bearer   " + token + " ")).isEqualTo(token);
    }

    @Test
    void everyOtherHeaderIsRefusedBeforeAnyQuery() {
        assertThatThrownBy(() -> TokenAuthentication.bearerToken(null)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(401);
            assertThat(e.headers()).containsEntry("WWW-Authenticate", "Bearer realm=\"faultwatch\"");
        });
        assertThatThrownBy(() -> TokenAuthentication.bearerToken("Token abc"))
                .hasMessage("the Authorization header must be 'Bearer <token>'");
        assertThatThrownBy(() -> TokenAuthentication.bearerToken("Bearer fwt_short"))
                .hasMessage("the token is unknown or revoked");
    }
}
