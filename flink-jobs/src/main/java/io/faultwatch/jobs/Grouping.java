package io.faultwatch.jobs;

/** How an event groups: the fingerprint (md5 hex) and what the issue list shows for it. */
public record Grouping(String fingerprint, String title, String culprit) {}
