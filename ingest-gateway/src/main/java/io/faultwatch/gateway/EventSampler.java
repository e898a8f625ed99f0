package io.faultwatch.gateway;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * Decides which error events a project's sample rate keeps. The decision is a function of the event id
 * alone, so an SDK that retries an event (same id) gets the same answer every time, and every gateway
 * instance agrees. Pure.
 */
final class EventSampler {
    private static final double BUCKETS = 1L << 32;

    private EventSampler() {}

    /** @param sampleRate 0 drops every event, 1 keeps every event */
    static boolean keeps(String eventId, double sampleRate) {
        if (sampleRate >= 1) {
            return true;
        }
        if (sampleRate <= 0) {
            return false;
        }
        // Event ids are random hex, but nothing forces an SDK to send them so: a checksum spreads any id.
        CRC32C crc = new CRC32C();
        crc.update(eventId.getBytes(StandardCharsets.UTF_8));
        return crc.getValue() / BUCKETS < sampleRate;
    }
}
