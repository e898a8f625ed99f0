package io.faultwatch.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What became of data an SDK sent or meant to send: the record of {@link Topics#OUTCOMES}, keyed by
 * project id. Counted per data category (Sentry's: error, transaction, session, span, log_item,
 * monitor, attachment, ...), so accepted, rejected and SDK-discarded volumes can be compared.
 *
 * @param timestamp epoch milliseconds: when the gateway saw it, or the client report's own time
 * @param outcome   one of {@link #ACCEPTED}, {@link #FILTERED}, {@link #RATE_LIMITED}, {@link #INVALID},
 *                  {@link #CLIENT_DISCARD}
 * @param reason    why, for anything but accepted (e.g. project_quota, too_large, ratelimit_backoff); may be null
 * @param quantity  how many items of the category (bytes for attachments, as in Sentry)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Outcome(long projectId, long timestamp, String category, String outcome, String reason, long quantity)
        implements ProjectRecord {
    public static final String ACCEPTED = "accepted";
    public static final String FILTERED = "filtered";
    public static final String RATE_LIMITED = "rate_limited";
    public static final String INVALID = "invalid";
    public static final String CLIENT_DISCARD = "client_discard";
}
