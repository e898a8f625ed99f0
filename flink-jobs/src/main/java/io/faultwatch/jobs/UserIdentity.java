package io.faultwatch.jobs;

import io.faultwatch.model.ErrorEvent.UserInfo;
import java.nio.charset.StandardCharsets;

/**
 * Who an event happened to, for counting the distinct users an issue affects: the user id, else the
 * email, else the username, else the IP address (a hash unless the project keeps IPs). The kind
 * prefix keeps user id "42" and username "42" apart.
 */
public final class UserIdentity {

    /** The {@link #hash} of "no user". */
    public static final long NO_USER = 0;

    private UserIdentity() {}

    /**
     * The identity as a number for counting distinct users in ClickHouse (metrics and the events table
     * use the same one): {@link HyperLogLog}'s stable hash, kept below 2^63 so it is the same value as a
     * Java long and as a ClickHouse UInt64, and never {@link #NO_USER} for a real identity.
     */
    public static long hash(String identity) {
        if (identity == null) {
            return NO_USER;
        }
        long hash = HyperLogLog.hash(identity.getBytes(StandardCharsets.UTF_8)) >>> 1;
        return hash == NO_USER ? 1 : hash;
    }

    /** The identity, or null when the event names no user. */
    public static String of(UserInfo user) {
        if (user == null) {
            return null;
        }
        if (present(user.id())) {
            return "id:" + user.id();
        }
        if (present(user.email())) {
            return "email:" + user.email();
        }
        if (present(user.username())) {
            return "username:" + user.username();
        }
        if (present(user.ipAddress())) {
            return "ip:" + user.ipAddress();
        }
        return null;
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
