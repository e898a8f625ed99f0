package io.faultwatch.api;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What an API token may do. Each scope includes the ones before it: {@code read} reads an organization's
 * data, {@code write} also changes issues, {@code admin} also manages projects, settings, keys and tokens.
 */
public enum Scope {
    READ, WRITE, ADMIN;

    static final String NAMES = Arrays.stream(values()).map(Scope::wireName).collect(Collectors.joining(", "));

    public String wireName() {
        return name().toLowerCase();
    }

    /** Null when {@code name} is not a scope. */
    public static Scope fromWireName(String name) {
        for (Scope scope : values()) {
            if (scope.wireName().equals(name)) {
                return scope;
            }
        }
        return null;
    }

    public boolean includes(Scope required) {
        return compareTo(required) >= 0;
    }
}
