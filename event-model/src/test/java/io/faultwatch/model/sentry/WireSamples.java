package io.faultwatch.model.sentry;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The captured SDK requests in ../shared/sentry-wire-samples (next to the repository). */
final class WireSamples {
    private WireSamples() {}

    static Path dir() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared/sentry-wire-samples");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return fail("shared/sentry-wire-samples not found above " + Path.of("").toAbsolutePath());
    }

    static byte[] envelope(String name) {
        try {
            return Files.readAllBytes(dir().resolve(name + ".envelope"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first event item's payload and the envelope header's event_id, as the gateway sees them. */
    static Envelope.Item eventItem(String name) throws InvalidEventException {
        return Envelope.parse(envelope(name)).items().stream()
                .filter(i -> i.type().equals("event"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(name + " has no event item"));
    }
}
