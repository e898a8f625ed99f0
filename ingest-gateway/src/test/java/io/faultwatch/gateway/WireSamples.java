package io.faultwatch.gateway;

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

    static byte[] read(String fileName) {
        try {
            return Files.readAllBytes(dir().resolve(fileName));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
