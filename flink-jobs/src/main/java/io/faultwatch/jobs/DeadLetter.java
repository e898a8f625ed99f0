package io.faultwatch.jobs;

/** A record of the events topic that is not an event: its original bytes and why it was rejected. */
public record DeadLetter(byte[] payload, String reason) {}
