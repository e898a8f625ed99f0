package io.faultwatch.gateway;

import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What tells whether {@code KafkaProducer.send()} can block the calling thread. It waits while the
 * producer has no partitions for the topic (at the start, or once it dropped a topic it did not send
 * to for its metadata idle time) and while its buffer is full (the broker is slow or away). So a send
 * cannot block when every topic had a record acknowledged lately, well within the idle time, and
 * little is still waiting for the broker. Thread-safe; pure bookkeeping, no Kafka types.
 */
final class SendBacklog {
    private final long topicKnownMillis;
    private final long maxUnackedBytes;
    private final AtomicLong unackedBytes = new AtomicLong();
    private final ConcurrentHashMap<String, Long> lastAckMillis = new ConcurrentHashMap<>();

    /**
     * @param topicKnownMillis how long after its last acknowledgement a topic counts as known
     * @param maxUnackedBytes  above this many unacknowledged bytes, a send may wait for buffer space
     */
    SendBacklog(long topicKnownMillis, long maxUnackedBytes) {
        this.topicKnownMillis = topicKnownMillis;
        this.maxUnackedBytes = maxUnackedBytes;
    }

    /** A record of {@code bytes} is being handed to the producer. */
    void sending(long bytes) {
        unackedBytes.addAndGet(bytes);
    }

    /** The record is done with: acknowledged, failed, or never taken by the producer. */
    void done(String topic, long bytes, boolean acknowledged, long nowMillis) {
        unackedBytes.addAndGet(-bytes);
        if (acknowledged) {
            lastAckMillis.put(topic, nowMillis);
        }
    }

    boolean sendsWithoutBlocking(Collection<String> topics, long nowMillis) {
        if (unackedBytes.get() > maxUnackedBytes) {
            return false;
        }
        for (String topic : topics) {
            Long acked = lastAckMillis.get(topic);
            if (acked == null || nowMillis - acked > topicKnownMillis) {
                return false;
            }
        }
        return true;
    }
}
