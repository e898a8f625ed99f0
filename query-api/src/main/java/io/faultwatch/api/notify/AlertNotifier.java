package io.faultwatch.api.notify;

import io.faultwatch.model.AlertChannel;
import io.faultwatch.model.AlertNotification;
import io.faultwatch.model.RecordJson;
import io.faultwatch.model.ServiceAddresses;
import io.faultwatch.model.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the pipeline job's notifications exactly once per id. The job writes them to fw.alerts at least
 * once (a restore writes some again, with the same ids); this reads them, inserts each into
 * {@code alert_history} with ON CONFLICT DO NOTHING and delivers only those it inserted, to every channel of
 * the rule, retrying with exponential backoff up to a bound and recording every attempt. Offsets are
 * committed after the inserts, so a crash before them re-reads notifications that the insert then skips.
 * A crash between the insert and the delivery leaves the notification pending: a sweep every
 * {@link #SWEEP_INTERVAL} takes over those pending longer than {@link #STALE_AFTER} and delivers them.
 */
public final class AlertNotifier implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AlertNotifier.class);
    static final Duration POLL = Duration.ofMillis(100);
    static final Duration SWEEP_INTERVAL = Duration.ofSeconds(30);
    /** Longer than any delivery with all its retries takes. */
    static final Duration STALE_AFTER = Duration.ofMinutes(5);
    static final int SWEEP_BATCH = 100;
    static final int DELIVERY_THREADS = 4;

    private final NotifierConfig config;
    private final ServiceAddresses services;
    private final NotificationLedger ledger;
    private final HttpChannelSender http;
    private final SmtpSender smtp;
    private final ExecutorService deliveries = Executors.newFixedThreadPool(DELIVERY_THREADS, daemon("fw-notifier-delivery"));
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(daemon("fw-notifier-sweep"));
    private final Thread consumerThread;
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean reading;

    private AlertNotifier(NotifierConfig config, ServiceAddresses services) {
        this.config = config;
        this.services = services;
        this.ledger = new NotificationLedger(services);
        this.http = new HttpChannelSender(config.requestTimeout());
        this.smtp = config.emailConfigured()
                ? new SmtpSender(config.smtpHost(), config.smtpPort(), config.smtpFrom(), config.requestTimeout()) : null;
        this.consumerThread = daemon("fw-notifier-consumer").newThread(this::consume);
    }

    public static AlertNotifier start(NotifierConfig config, ServiceAddresses services) {
        AlertNotifier notifier = new AlertNotifier(config, services);
        notifier.consumerThread.start();
        notifier.sweeper.scheduleWithFixedDelay(notifier::sweep, SWEEP_INTERVAL.toMillis(), SWEEP_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
        return notifier;
    }

    private KafkaConsumer<String, byte[]> newConsumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, services.kafkaBootstrap());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, config.startAtLatest() ? "latest" : "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100);
        KafkaConsumer<String, byte[]> created = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        created.subscribe(List.of(Topics.ALERTS), new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                // Fixes where reading starts now (with FW_NOTIFIER_START=latest: the end as of now), so what
                // is written after isReading() turned true is never skipped.
                partitions.forEach(created::position);
                reading = true;
            }

            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {}
        });
        return created;
    }

    /** Reads until closed; when PostgreSQL fails, starts over from the committed offsets after a pause. */
    private void consume() {
        while (running) {
            try (KafkaConsumer<String, byte[]> current = newConsumer()) {
                consumer = current;
                while (running) {
                    for (ConsumerRecord<String, byte[]> record : current.poll(POLL)) {
                        take(record);
                    }
                    current.commitSync();
                }
            } catch (WakeupException e) {
                return;
            } catch (Exception e) {
                LOG.warn("The notifier stopped reading {}; starting over from the committed offsets", Topics.ALERTS, e);
                pause();
            }
        }
    }

    /** Whether the notifier has its partitions and knows where to read them from. */
    public boolean isReading() {
        return reading;
    }

    private void take(ConsumerRecord<String, byte[]> record) throws Exception {
        AlertNotification notification;
        try {
            notification = RecordJson.fromBytes(record.value(), AlertNotification.class);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Skipped record {} of {}-{}: not a notification", record.offset(), record.topic(),
                    record.partition());
            return;
        }
        if (ledger.insertIfNew(notification)) {
            deliveries.execute(() -> deliver(notification));
        }
    }

    private void sweep() {
        try {
            for (AlertNotification notification : ledger.claimStale(STALE_AFTER, SWEEP_BATCH)) {
                LOG.info("Delivering notification {} again: its delivery never finished", notification.id());
                deliveries.execute(() -> deliver(notification));
            }
        } catch (Exception e) {
            LOG.warn("The sweep for unfinished deliveries failed; the next one tries again", e);
        }
    }

    private void deliver(AlertNotification notification) {
        try {
            NotificationTarget target = ledger.target(notification, config.publicApiUrl());
            if (target.channels().isEmpty()) {
                ledger.finish(notification, "no_channels");
                return;
            }
            List<CompletableFuture<Boolean>> channels = new ArrayList<>();
            for (AlertChannel channel : target.channels()) {
                channels.add(attempt(notification, target, channel, 1));
            }
            CompletableFuture.allOf(channels.toArray(CompletableFuture[]::new)).thenRun(() -> {
                boolean delivered = channels.stream().allMatch(CompletableFuture::join);
                finish(notification, delivered ? "delivered" : "failed");
            });
        } catch (Exception e) {
            // Left pending: the sweep delivers it later.
            LOG.warn("Could not start delivering notification {}", notification.id(), e);
        }
    }

    /** One attempt, then the next after the backoff when it may pass later; completes with whether it passed. */
    private CompletableFuture<Boolean> attempt(AlertNotification notification, NotificationTarget target,
                                               AlertChannel channel, int attempt) {
        DeliveryResult result = send(notification, target, channel);
        if (attempt >= config.maxAttempts()) {
            result = result.asFinal();
        }
        try {
            ledger.recordAttempt(notification, channel, attempt, result);
        } catch (Exception e) {
            LOG.warn("Could not record attempt {} of notification {}", attempt, notification.id(), e);
        }
        if (result.outcome() != DeliveryResult.Outcome.RETRY) {
            if (result.outcome() == DeliveryResult.Outcome.FAILED) {
                LOG.warn("Gave up delivering notification {} to {} after {} attempts: {}", notification.id(),
                        channel.type().wireName(), attempt, result.error());
            }
            return CompletableFuture.completedFuture(result.outcome() == DeliveryResult.Outcome.OK);
        }
        Duration wait = config.backoffAfter(attempt);
        return CompletableFuture.supplyAsync(() -> attempt(notification, target, channel, attempt + 1),
                        CompletableFuture.delayedExecutor(wait.toMillis(), TimeUnit.MILLISECONDS, deliveries))
                .thenCompose(next -> next);
    }

    private DeliveryResult send(AlertNotification notification, NotificationTarget target, AlertChannel channel) {
        return switch (channel.type()) {
            case SLACK -> http.post(channel.target(), bytes(NotificationFormat.slack(notification, target).toString()));
            case WEBHOOK -> http.post(channel.target(), bytes(NotificationFormat.webhook(notification, target).toString()));
            case EMAIL -> smtp == null
                    ? new DeliveryResult(DeliveryResult.Outcome.FAILED, null, "email is not configured (FW_SMTP_HOST)",
                            Instant.now(), 0)
                    : smtp.send(channel.target(), NotificationFormat.emailSubject(notification),
                            NotificationFormat.emailBody(notification, target));
        };
    }

    private void finish(AlertNotification notification, String status) {
        try {
            ledger.finish(notification, status);
        } catch (Exception e) {
            LOG.warn("Could not record the end of delivering notification {}", notification.id(), e);
        }
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private void pause() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void close() {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        try {
            consumerThread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sweeper.shutdownNow();
        deliveries.shutdownNow();
    }
}
