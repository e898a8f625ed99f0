package io.faultwatch.bench;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

/**
 * Makes many distinct fw.events records from one canonical record (the bytes the gateway writes) by
 * overwriting, in place, its event id, project id and receive time: what differs between events of
 * the same shape. The fields keep their length, so stamping is a copy and three small writes.
 */
final class CanonicalRecordStamper {

    private final byte[] template;
    private final int eventIdAt;
    private final int projectIdAt;
    private final int projectIdDigits;
    private final int receivedAtAt;

    /** @param template a canonical record whose eventId has 32 hex digits and receivedAt 13 */
    CanonicalRecordStamper(byte[] template) {
        this.template = template;
        this.eventIdAt = valueAt(template, "\"eventId\":\"");
        this.projectIdAt = valueAt(template, "\"projectId\":");
        this.receivedAtAt = valueAt(template, "\"receivedAt\":");
        this.projectIdDigits = digits(template, projectIdAt);
        if (digits(template, receivedAtAt) != 13 || template[eventIdAt + EventIds.LENGTH] != '"') {
            throw new IllegalArgumentException("the template needs a 32-digit eventId and a 13-digit receivedAt");
        }
    }

    /** The record with these values; {@code projectId} must have as many digits as the template's. */
    byte[] stamp(Random random, long projectId, long receivedAt) {
        byte[] record = Arrays.copyOf(template, template.length);
        byte[] eventId = new byte[EventIds.LENGTH];
        EventIds.randomInto(random, eventId);
        System.arraycopy(eventId, 0, record, eventIdAt, EventIds.LENGTH);
        write(record, projectIdAt, projectIdDigits, projectId);
        write(record, receivedAtAt, 13, receivedAt);
        return record;
    }

    private static void write(byte[] record, int at, int digits, long value) {
        byte[] text = Long.toString(value).getBytes(StandardCharsets.US_ASCII);
        if (text.length != digits) {
            throw new IllegalArgumentException(value + " does not have the template's " + digits + " digits");
        }
        System.arraycopy(text, 0, record, at, digits);
    }

    private static int valueAt(byte[] record, String field) {
        byte[] needle = field.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + needle.length <= record.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (record[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i + needle.length;
        }
        throw new IllegalArgumentException("the template has no " + field);
    }

    private static int digits(byte[] record, int at) {
        int end = at;
        while (end < record.length && record[end] >= '0' && record[end] <= '9') {
            end++;
        }
        return end - at;
    }
}
