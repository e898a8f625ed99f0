package io.faultwatch.api;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

/**
 * The command line of {@link CreateTokenMain}, read once:
 * {@code --name <name> --scopes read[,write,admin] [--organization <id>] [--keep-in <file>]}.
 *
 * @param organization the token's organization (default: the default organization, the demo projects' one)
 * @param keepIn       null, or a file that keeps the secret: a token still valid there is printed again
 *                     instead of making a new one, so repeated runs print the same token
 */
public record CreateTokenArgs(long organization, String name, Set<Scope> scopes, Path keepIn) {

    static final String USAGE = "usage: CreateTokenMain --name <name> --scopes read[,write,admin]"
            + " [--organization <id>] [--keep-in <file>]";

    public CreateTokenArgs {
        if (organization < 1) {
            throw new IllegalArgumentException("--organization must be a positive id, got " + organization);
        }
        if (name == null || name.isBlank() || name.length() > JsonBody.MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("--name must be 1 to " + JsonBody.MAX_NAME_LENGTH + " characters; " + USAGE);
        }
        if (scopes == null || scopes.isEmpty()) {
            throw new IllegalArgumentException("--scopes must name at least one of " + Scope.NAMES + "; " + USAGE);
        }
        scopes = Set.copyOf(scopes);
    }

    public static CreateTokenArgs fromArgs(String... args) {
        long organization = TenantStore.DEFAULT_ORGANIZATION;
        String name = null;
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        Path keepIn = null;
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value; " + USAGE);
            }
            String value = args[i + 1];
            switch (args[i]) {
                case "--organization" -> organization = parseId(value);
                case "--name" -> name = value.strip();
                case "--scopes" -> scopes = scopes(value);
                case "--keep-in" -> keepIn = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; " + USAGE);
            }
        }
        return new CreateTokenArgs(organization, name, scopes, keepIn);
    }

    private static long parseId(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--organization must be a positive id, got '" + value + "'", e);
        }
    }

    private static Set<Scope> scopes(String value) {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String name : value.split(",")) {
            Scope scope = Scope.fromWireName(name.strip());
            if (scope == null) {
                throw new IllegalArgumentException("--scopes must be a comma-separated list of " + Scope.NAMES
                        + ", got '" + value + "'");
            }
            scopes.add(scope);
        }
        return scopes;
    }
}
