package io.faultwatch.gateway;

/**
 * What is known about an authorized request before its body is looked at.
 *
 * @param clientIp the address the request came from, which Sentry SDKs ask the server to fill in as
 *                 the user's IP with {@code {{auto}}}
 */
record IngestRequest(long projectId, long receivedAt, ProjectSettings settings, String clientIp) {}
