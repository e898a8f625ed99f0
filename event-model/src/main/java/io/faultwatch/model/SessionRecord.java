package io.faultwatch.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Release health, the denominator of error rates: the record of {@link Topics#SESSIONS}, keyed by
 * project id. Either one update of a single session ({@link #SESSION}, from a {@code session} item;
 * a session is reported several times, first with {@code init} true, last with its final status) or
 * one bucket of pre-aggregated sessions ({@link #AGGREGATE}, from a {@code sessions} item, sent by
 * SDKs in request mode). Times are epoch milliseconds.
 *
 * @param kind        {@link #SESSION} or {@link #AGGREGATE}
 * @param started     when the session started, or the start of the aggregate's bucket
 * @param sessionId   sid, a session update only; updates of one session share it
 * @param distinctId  did, the user the session belongs to, if the SDK sent one
 * @param init        true on the first update of a session (count it as started once)
 * @param status      ok, exited, crashed, abnormal or errored (a session update only)
 * @param errors      errors seen in the session so far (a session update only)
 * @param duration    seconds the session lasted, on its final update
 * @param timestamp   when the update was made
 * @param seq         the SDK's ordering of updates of one session
 * @param exited      aggregate: sessions that ended normally without errors
 * @param errored     aggregate: sessions that ended normally with handled errors
 * @param abnormal    aggregate: sessions that ended abnormally (e.g. the app was killed)
 * @param crashed     aggregate: sessions that ended in a crash
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SessionRecord(
        long projectId,
        long receivedAt,
        String kind,
        String release,
        String environment,
        long started,
        String sessionId,
        String distinctId,
        Boolean init,
        String status,
        Integer errors,
        Double duration,
        Long timestamp,
        Long seq,
        Long exited,
        Long errored,
        Long abnormal,
        Long crashed) implements ProjectRecord {
    public static final String SESSION = "session";
    public static final String AGGREGATE = "aggregate";

    /** A single session's update. */
    public static SessionRecord update(long projectId, long receivedAt, String release, String environment,
                                       long started, String sessionId, String distinctId, boolean init,
                                       String status, int errors, Double duration, long timestamp, Long seq) {
        return new SessionRecord(projectId, receivedAt, SESSION, release, environment, started, sessionId, distinctId,
                init, status, errors, duration, timestamp, seq, null, null, null, null);
    }

    /** One bucket of a {@code sessions} item. */
    public static SessionRecord aggregate(long projectId, long receivedAt, String release, String environment,
                                          long started, String distinctId, long exited, long errored,
                                          long abnormal, long crashed) {
        return new SessionRecord(projectId, receivedAt, AGGREGATE, release, environment, started, null, distinctId,
                null, null, null, null, null, null, exited, errored, abnormal, crashed);
    }

    /** Sessions of an aggregate bucket, all of which started in it; a Sentry aggregate has no separate count. */
    public long aggregateTotal() {
        return AGGREGATE.equals(kind) ? exited + errored + abnormal + crashed : 0;
    }
}
