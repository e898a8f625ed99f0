package io.faultwatch.model;

/** A record of a topic that belongs to one project ({@link SessionRecord}, {@link Outcome}, {@link IssueCommand}, ...). */
public interface ProjectRecord {
    long projectId();
}
