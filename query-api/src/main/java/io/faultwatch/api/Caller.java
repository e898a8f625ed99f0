package io.faultwatch.api;

import java.util.Set;

/** Who a request comes from: an API token of one organization, with its scopes. */
record Caller(long tokenId, long organizationId, Set<Scope> scopes) {

    Caller {
        scopes = Set.copyOf(scopes);
    }

    boolean has(Scope required) {
        return scopes.stream().anyMatch(scope -> scope.includes(required));
    }
}
