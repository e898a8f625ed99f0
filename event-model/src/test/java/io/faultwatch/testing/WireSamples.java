package io.faultwatch.testing;

import static org.assertj.core.api.Assertions.fail;

import io.faultwatch.model.sentry.Envelope;
import io.faultwatch.model.sentry.InvalidEventException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The captured SDK requests in ../shared/sentry-wire-samples (next to the repository). */
public final class WireSamples {
    private static final String ENVELOPE_SUFFIX = ".envelope";

    private WireSamples() {}

    public static Path dir() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared/sentry-wire-samples");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return fail("shared/sentry-wire-samples not found above " + Path.of("").toAbsolutePath());
    }

    /** A file of the samples, e.g. {@code java-exception.envelope.gz}. */
    public static byte[] read(String fileName) {
        try {
            return Files.readAllBytes(dir().resolve(fileName));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The decoded body of sample {@code name}, as the SDK serialized it. */
    public static byte[] envelope(String name) {
        return read(name + ENVELOPE_SUFFIX);
    }

    /**
     * The names of the samples (as {@link #envelope} takes them) whose envelope carries an item of
     * {@code type}, sorted; so that a new capture is covered by every test that iterates them.
     */
    public static List<String> withItem(String type) {
        try (Stream<Path> files = Files.list(dir())) {
            List<String> names = new ArrayList<>();
            for (Path file : (Iterable<Path>) files.sorted()::iterator) {
                String fileName = file.getFileName().toString();
                if (fileName.endsWith(ENVELOPE_SUFFIX)) {
                    String name = fileName.substring(0, fileName.length() - ENVELOPE_SUFFIX.length());
                    if (Envelope.parse(envelope(name)).items().stream().anyMatch(i -> i.type().equals(type))) {
                        names.add(name);
                    }
                }
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InvalidEventException e) {
            throw new AssertionError("a wire sample does not parse: " + e.getMessage(), e);
        }
    }

    /** The first event item's payload and the envelope header's event_id, as the gateway sees them. */
    public static Envelope.Item eventItem(String name) throws InvalidEventException {
        return Envelope.parse(envelope(name)).items().stream()
                .filter(i -> i.type().equals("event"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(name + " has no event item"));
    }
}
