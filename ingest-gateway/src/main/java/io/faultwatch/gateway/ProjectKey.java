package io.faultwatch.gateway;

/**
 * A row of {@code project_keys} with its project's settings: the DSN public key, the project it
 * belongs to, and whether it is enabled.
 */
public record ProjectKey(String publicKey, long projectId, boolean active, ProjectSettings settings) {

    /**
     * Decides whether {@code key} (null when unknown) may send events to {@code projectId}, in
     * Sentry's terms: no or unknown key is 401, a key that exists but may not send here is 403.
     *
     * @return null when it may, else why not
     */
    public static Rejection check(String publicKey, ProjectKey key, long projectId) {
        if (publicKey == null) {
            return new Rejection(401, "missing authorization information: send X-Sentry-Auth with sentry_key, "
                    + "the sentry_key query parameter, or the dsn in the envelope header");
        }
        if (key == null) {
            return new Rejection(401, "unknown public key " + publicKey);
        }
        if (key.projectId() != projectId) {
            return new Rejection(403, "public key " + publicKey + " does not belong to project " + projectId);
        }
        if (!key.active()) {
            return new Rejection(403, "public key " + publicKey + " is disabled");
        }
        return null;
    }
}
