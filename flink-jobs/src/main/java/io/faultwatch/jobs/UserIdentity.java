package io.faultwatch.jobs;

import io.faultwatch.model.ErrorEvent.UserInfo;

/**
 * Who an event happened to, for counting the distinct users an issue affects: the user id, else the
 * email, else the username, else the IP address (a hash unless the project keeps IPs). The kind
 * prefix keeps user id "42" and username "42" apart.
 */
public final class UserIdentity {

    private UserIdentity() {}

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
