package io.faultwatch.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CreateTokenArgsTest {

    @Test
    void readsEveryOption() {
        assertThat(CreateTokenArgs.fromArgs("--name", "ops", "--scopes", "read, admin", "--organization", "7",
                "--keep-in", "/tmp/t")).isEqualTo(new CreateTokenArgs(7, "ops", Set.of(Scope.READ, Scope.ADMIN), Path.of("/tmp/t")));
    }

    @Test
    void theDefaultOrganizationAndNoFileUnlessGiven() {
        assertThat(CreateTokenArgs.fromArgs("--name", "ops", "--scopes", "write"))
                .isEqualTo(new CreateTokenArgs(TenantStore.DEFAULT_ORGANIZATION, "ops", Set.of(Scope.WRITE), null));
    }

    @Test
    void refusesWhatIsMissingOrWrong() {
        assertThatThrownBy(() -> CreateTokenArgs.fromArgs("--scopes", "read"))
                .hasMessageStartingWith("--name must be 1 to 200 characters; usage: CreateTokenMain");
        assertThatThrownBy(() -> CreateTokenArgs.fromArgs("--name", "ops"))
                .hasMessageStartingWith("--scopes must name at least one of read, write, admin");
        assertThatThrownBy(() -> CreateTokenArgs.fromArgs("--name", "ops", "--scopes", "root"))
                .hasMessage("--scopes must be a comma-separated list of read, write, admin, got 'root'");
        assertThatThrownBy(() -> CreateTokenArgs.fromArgs("--name", "ops", "--scopes", "read", "--organization", "one"))
                .hasMessage("--organization must be a positive id, got 'one'");
        assertThatThrownBy(() -> CreateTokenArgs.fromArgs("--name", "ops", "--scopes", "read", "--organization", "0"))
                .hasMessage("--organization must be a positive id, got 0");
        assertThatThrownBy(() -> CreateTokenArgs.fromArgs("--name", "ops", "--scopes", "read", "--colour", "red"))
                .hasMessageStartingWith("unknown option --colour");
        assertThatThrownBy(() -> CreateTokenArgs.fromArgs("--name"))
                .hasMessageStartingWith("--name needs a value");
    }
}
