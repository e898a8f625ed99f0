package io.faultwatch.jobs;

import static io.faultwatch.jobs.TestEvents.exception;
import static io.faultwatch.jobs.TestEvents.frame;
import static io.faultwatch.jobs.TestEvents.message;
import static io.faultwatch.jobs.TestEvents.userServiceNpe;
import static org.assertj.core.api.Assertions.assertThat;

import io.faultwatch.model.ErrorEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

class FingerprinterTest {

    private static final long PROJECT = 42;
    private static final long NOW = 1_795_000_000_000L;

    @Test
    void sameExceptionWithDifferentLineNumbersGroupsTogether() {
        Grouping a = Fingerprinter.group(userServiceNpe(PROJECT, NOW, 57));
        Grouping b = Fingerprinter.group(userServiceNpe(PROJECT, NOW + 1000, 61));

        assertThat(a.fingerprint()).isEqualTo(b.fingerprint()).matches("[0-9a-f]{32}");
    }

    @Test
    void differentExceptionTypesAtTheSameFrameDoNotGroup() {
        Grouping npe = Fingerprinter.group(exception(PROJECT, NOW, "java.lang.NullPointerException", "x",
                frame("com.acme.users.UserService", "load", 57, true)));
        Grouping ise = Fingerprinter.group(exception(PROJECT, NOW, "java.lang.IllegalStateException", "x",
                frame("com.acme.users.UserService", "load", 57, true)));

        assertThat(npe.fingerprint()).isNotEqualTo(ise.fingerprint());
    }

    @Test
    void differentInAppCallSitesDoNotGroup() {
        Grouping load = Fingerprinter.group(exception(PROJECT, NOW, "java.lang.NullPointerException", "x",
                frame("com.acme.users.UserService", "load", 57, true)));
        Grouping save = Fingerprinter.group(exception(PROJECT, NOW, "java.lang.NullPointerException", "x",
                frame("com.acme.users.UserService", "save", 57, true)));

        assertThat(load.fingerprint()).isNotEqualTo(save.fingerprint());
    }

    @Test
    void theRaisingInAppFrameWinsOverLibraryFramesAboveIt() {
        ErrorEvent viaObjects = userServiceNpe(PROJECT, NOW, 57);
        ErrorEvent direct = exception(PROJECT, NOW, "java.lang.NullPointerException", "other value",
                frame("com.acme.users.UserService", "load", 99, true));

        assertThat(Fingerprinter.group(viaObjects).fingerprint())
                .isEqualTo(Fingerprinter.group(direct).fingerprint());
        assertThat(Fingerprinter.group(viaObjects).culprit()).isEqualTo("com.acme.users.UserService.load");
    }

    @Test
    void withoutInAppFramesTheLastFrameContributes() {
        Grouping a = Fingerprinter.group(exception(PROJECT, NOW, "java.net.SocketTimeoutException", "a",
                frame("java.lang.Thread", "run", 1, false), frame("java.net.Socket", "read", 10, false)));
        Grouping b = Fingerprinter.group(exception(PROJECT, NOW, "java.net.SocketTimeoutException", "b",
                frame("java.lang.Thread", "run", 2, false), frame("java.net.Socket", "connect", 10, false)));

        assertThat(a.fingerprint()).isNotEqualTo(b.fingerprint());
        assertThat(a.culprit()).isEqualTo("java.net.Socket.read");
    }

    @Test
    void messagesDifferingOnlyInIdsGroupTogether() {
        Grouping a = Fingerprinter.group(message(PROJECT, NOW, "error", "user 123 not found"));
        Grouping b = Fingerprinter.group(message(PROJECT, NOW, "error", "user 456 not found"));
        Grouping c = Fingerprinter.group(message(PROJECT, NOW, "error", "order 123 not found"));

        assertThat(a.fingerprint()).isEqualTo(b.fingerprint()).isNotEqualTo(c.fingerprint());
        assertThat(a.title()).isEqualTo("user 123 not found");
        assertThat(a.culprit()).isEqualTo("GET /users");
    }

    @Test
    void normalizesUuidsHexIdsAndNumbers() {
        assertThat(Fingerprinter.normalize(
                "request 3f2b8c1e-9a7d-4e21-b6f0-0c1d2e3f4a5b for 0xdeadbeef, sha 9f86d081884c7d65 took 12.5 ms"))
                .isEqualTo("request <uuid> for <hex>, sha <hex> took <num> ms");
        assertThat(Fingerprinter.normalize("cache miss for decade")).isEqualTo("cache miss for decade");
    }

    @Test
    void aMessageTemplateGroupsRegardlessOfItsParameters() {
        ErrorEvent a = withTemplate("Payment p-1 of alice failed", "Payment {} of {} failed");
        ErrorEvent b = withTemplate("Payment p-2 of bob failed", "Payment {} of {} failed");

        assertThat(Fingerprinter.group(a).fingerprint()).isEqualTo(Fingerprinter.group(b).fingerprint());
        assertThat(Fingerprinter.group(a).title()).isEqualTo("Payment p-1 of alice failed");
    }

    @Test
    void anExceptionWithoutFramesGroupsByTypeAndNormalizedValue() {
        Grouping a = Fingerprinter.group(exception(PROJECT, NOW, "TimeoutError", "timed out after 3000 ms"));
        Grouping b = Fingerprinter.group(exception(PROJECT, NOW, "TimeoutError", "timed out after 5000 ms"));
        Grouping c = Fingerprinter.group(exception(PROJECT, NOW, "ValueError", "timed out after 5000 ms"));

        assertThat(a.fingerprint()).isEqualTo(b.fingerprint()).isNotEqualTo(c.fingerprint());
        assertThat(a.culprit()).isNull();
    }

    @Test
    void titleIsTypeAndValueTruncated() {
        String longValue = "x".repeat(500);
        Grouping grouping = Fingerprinter.group(exception(PROJECT, NOW, "ValueError", longValue));

        assertThat(grouping.title()).startsWith("ValueError: xxx").endsWith("…")
                .hasSize(Fingerprinter.MAX_TITLE_LENGTH);
        assertThat(Fingerprinter.group(exception(PROJECT, NOW, "ValueError", null)).title()).isEqualTo("ValueError");
    }

    @Test
    void aFrameWithoutModuleContributesItsFile() {
        ErrorEvent.Frame jsFrame = new ErrorEvent.Frame(null, "handler", "app/routes.js", null, 10, 4, true, null);
        Grouping grouping = Fingerprinter.group(exception(PROJECT, NOW, "TypeError", "x is undefined", jsFrame));

        assertThat(grouping.culprit()).isEqualTo("app/routes.js");
    }

    @Test
    void anEmptyEventStillGetsAStableGrouping() {
        Grouping a = Fingerprinter.group(message(PROJECT, NOW, null, null));
        Grouping b = Fingerprinter.group(message(PROJECT, NOW, null, null));

        assertThat(a).isEqualTo(b);
        assertThat(a.title()).isEqualTo(Fingerprinter.UNLABELED_TITLE);
        assertThat(Fingerprinter.levelOf(message(PROJECT, NOW, null, null))).isEqualTo("error");
    }

    private static ErrorEvent withTemplate(String message, String template) {
        ErrorEvent base = message(PROJECT, NOW, "warning", message);
        return new ErrorEvent(base.eventId(), base.projectId(), base.receivedAt(), base.timestamp(), base.level(),
                base.platform(), base.environment(), base.release(), base.serverName(), base.transaction(),
                message, template, List.of(), null, null, null, null, null, null, null, null, null, null, null);
    }
}
