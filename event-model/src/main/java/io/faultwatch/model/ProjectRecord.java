package io.faultwatch.model;

/** A record of a topic keyed by project id ({@link SessionRecord}, {@link Outcome}). */
public interface ProjectRecord {
    long projectId();
}
