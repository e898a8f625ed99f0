package io.faultwatch.model;

/**
 * How large a canonical {@link ErrorEvent} may get. Values beyond a limit are cut when the event is
 * built, never rejected, and every cut is counted in {@link ErrorEvent#trimmed()} so a reader can
 * tell a short value from a shortened one. The numbers follow Sentry's Relay where it has one, so an
 * event looks the same here as it would in Sentry.
 */
public final class EventLimits {
    /** Appended to a truncated string, as Relay does; the result is exactly the limit long. */
    public static final String TRUNCATION_MARKER = "...";

    /** Message, message template and exception values: the text a person reads first. */
    public static final int MESSAGE_CHARS = 8192;
    /** Every string that no other limit names: frame fields, user, request, sdk, breadcrumbs, data values. */
    public static final int STRING_CHARS = 1024;
    /** Tag keys and values are indexed and shown in lists, so Sentry keeps them short. */
    public static final int TAG_CHARS = 200;
    /** Release and transaction names appear in filters and titles. */
    public static final int NAME_CHARS = 200;
    /** Environment and dist are short labels in Sentry. */
    public static final int LABEL_CHARS = 64;

    /** Chained exceptions per event; the thrown one and the root cause survive a cut. */
    public static final int EXCEPTIONS = 25;
    /** Frames per stack trace; the outermost and innermost frames survive a cut, as in Sentry. */
    public static final int FRAMES = 250;
    /** Breadcrumbs per event; the most recent ones survive a cut, as in the SDKs and Sentry. */
    public static final int BREADCRUMBS = 100;
    public static final int TAGS = 200;
    /** Entries of every other map (contexts, a context's fields, extra, headers, breadcrumb data) and list. */
    public static final int ENTRIES = 100;

    private EventLimits() {}
}
