package io.faultwatch.bench;

import io.faultwatch.gateway.ContentDecoder;
import io.faultwatch.model.ErrorEvent;
import io.faultwatch.model.EventJson;
import io.faultwatch.model.sentry.Envelope;
import io.faultwatch.model.sentry.InvalidEventException;
import io.faultwatch.model.sentry.PiiScrubber;
import io.faultwatch.model.sentry.SentryEventConverter;
import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntToLongFunction;
import java.util.function.Supplier;

/**
 * The single-thread CPU cost of the gateway's work on a request body, per envelope of the load
 * generator's mix: undo the Content-Encoding, split the envelope, parse, scrub and convert the
 * event, write the canonical record. Each step is timed on its own (its input made by the steps
 * before it) and all of them together. No HTTP, no Kafka: the rest of the gateway's time per event
 * goes to those two.
 *
 * <p>With {@code --baseline}, the class path of an earlier build of event-model (its
 * {@code target/classes}), the same steps of that build run in the same JVM, in a class loader of
 * their own, taking turns with the current ones; the ratio of the two is what to compare on a
 * shared, noisy machine, not absolute times.
 *
 * <p>{@code java -cp "bench/target/bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" io.faultwatch.bench.BodyPipelineCost
 * [--templates 1000] [--seconds 2] [--rounds 5] [--mix java=50,node=30,python=20]
 * [--steps decode,envelope,convert,write,all] [--baseline DIR]}
 */
public final class BodyPipelineCost implements Supplier<Map<String, IntToLongFunction>> {
    private static final List<String> NAMES = List.of("templates", "seconds", "rounds", "mix", "steps", "baseline");
    private static final List<String> STEPS = List.of("decode", "envelope", "convert", "write", "all");
    private static final int LIMIT = 100 * 1024 * 1024;
    private static final long PROJECT_ID = 1;
    private static final String CLIENT_IP = "127.0.0.1";
    // Fixed, so that a baseline in another class loader makes the very same envelopes.
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    private final PiiScrubber scrubber = new PiiScrubber("bench-salt");
    private final List<String> encodings = new ArrayList<>();
    private final List<byte[]> wire = new ArrayList<>();
    private final List<byte[]> decoded = new ArrayList<>();
    private final List<Envelope> envelopes = new ArrayList<>();
    private final List<ErrorEvent> events = new ArrayList<>();

    private interface Step {
        long run(int i) throws Exception;
    }

    /** Public with these parameters: a baseline's class loader creates it by reflection. */
    public BodyPipelineCost(Integer count, String mix) throws InvalidEventException {
        Random ids = new Random(1);
        for (EnvelopeTemplate template : new SentryEventFactory(1, "0".repeat(32), NOW).mixed(count, LoadConfig.mix(mix))) {
            byte[] body = template.body(EventIds.random(ids).getBytes(StandardCharsets.US_ASCII));
            encodings.add(template.profile().gzip() ? "gzip" : null);
            wire.add(template.wireBody(body));
            decoded.add(body);
            Envelope envelope = Envelope.parse(body);
            envelopes.add(envelope);
            events.add(convert(envelope));
        }
    }

    public static void main(String[] args) throws Exception {
        BenchArgs values = BenchArgs.parse(args, NAMES);
        int count = values.intArg("templates", 1000, 1, 100_000);
        int seconds = values.intArg("seconds", 2, 1, 60);
        int rounds = values.intArg("rounds", 5, 1, 100);
        String mix = values.get("mix", "java=50,node=30,python=20");
        List<String> steps = List.of(values.get("steps", String.join(",", STEPS)).split(","));
        if (!STEPS.containsAll(steps)) {
            throw new IllegalArgumentException("--steps: some of " + String.join(",", STEPS));
        }
        Map<String, Map<String, IntToLongFunction>> variants = new LinkedHashMap<>();
        if (values.get("baseline") != null) {
            variants.put("baseline", baseline(values.get("baseline"), count, mix));
        }
        variants.put("current", new BodyPipelineCost(count, mix).get());

        Map<String, double[]> micros = new LinkedHashMap<>();
        long sink = 0;
        for (int round = 0; round < rounds; round++) {
            StringBuilder line = new StringBuilder("round " + (round + 1) + ":");
            for (String step : steps) {
                for (Map.Entry<String, Map<String, IntToLongFunction>> variant : variants.entrySet()) {
                    long[] result = time(variant.getValue().get(step), count, seconds);
                    double us = result[0] / 1000.0 / result[1];
                    sink += result[2];
                    micros.computeIfAbsent(variant.getKey() + " " + step, k -> new double[rounds])[round] = us;
                    line.append(String.format("  %s %s %.2f", variant.getKey(), step, us));
                }
            }
            System.out.println(line);
        }
        System.out.printf("median of %d rounds, µs per envelope (%d envelopes of the mix %s):%n", rounds, count, mix);
        for (String step : steps) {
            StringBuilder line = new StringBuilder(String.format("  %-9s", step));
            for (String variant : variants.keySet()) {
                line.append(String.format("  %s %7.2f", variant, median(micros.get(variant + " " + step))));
            }
            if (variants.size() == 2) {
                line.append(String.format("  current/baseline %.2f",
                        median(micros.get("current " + step)) / median(micros.get("baseline " + step))));
            }
            System.out.println(line);
        }
        System.out.println("(checksum " + sink + ")");
    }

    @Override
    public Map<String, IntToLongFunction> get() {
        Map<String, Step> steps = new LinkedHashMap<>();
        steps.put("decode", i -> ContentDecoder.decode(encodings.get(i), wire.get(i), LIMIT).length);
        steps.put("envelope", i -> Envelope.parse(decoded.get(i)).items().size());
        steps.put("convert", i -> convert(envelopes.get(i)).exceptions().size());
        steps.put("write", i -> EventJson.toBytes(events.get(i)).length);
        steps.put("all", i -> EventJson.toBytes(convert(Envelope.parse(
                ContentDecoder.decode(encodings.get(i), wire.get(i), LIMIT)))).length);
        Map<String, IntToLongFunction> functions = new LinkedHashMap<>();
        steps.forEach((name, step) -> functions.put(name, i -> {
            try {
                return step.run(i);
            } catch (Exception e) {
                throw new IllegalStateException("the load generator's envelopes are all valid", e);
            }
        }));
        return functions;
    }

    /** The event item of the envelope, as the gateway converts it with a project's default settings. */
    private ErrorEvent convert(Envelope envelope) throws InvalidEventException {
        for (Envelope.Item item : envelope.items()) {
            if (item.type().equals("event")) {
                return SentryEventConverter.convert(item.payload(), PROJECT_ID, NOW.toEpochMilli(), envelope.eventId(),
                        scrubber, PiiScrubber.Settings.DEFAULT, CLIENT_IP);
            }
        }
        throw new IllegalStateException("the load generator's envelopes all hold an event");
    }

    /**
     * The steps of this class loaded again with {@code eventModel} in place of event-model on the
     * class path; only java.* types cross between the two loaders.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, IntToLongFunction> baseline(String eventModel, int count, String mix) throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry : eventModel.split(File.pathSeparator)) {
            urls.add(Path.of(entry).toUri().toURL());
        }
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.contains("event-model")) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        ClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        Object cost = loader.loadClass(BodyPipelineCost.class.getName())
                .getConstructor(Integer.class, String.class).newInstance(count, mix);
        return ((Supplier<Map<String, IntToLongFunction>>) cost).get();
    }

    /** Runs the step over the envelopes, round robin, for about {@code seconds}: ns, envelopes, checksum. */
    private static long[] time(IntToLongFunction step, int n, int seconds) {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        long start = System.nanoTime();
        long done = 0;
        long sink = 0;
        long now;
        do {
            for (int i = 0; i < n; i++) {
                sink += step.applyAsLong(i);
            }
            done += n;
            now = System.nanoTime();
        } while (now < deadline);
        return new long[] {now - start, done, sink};
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
