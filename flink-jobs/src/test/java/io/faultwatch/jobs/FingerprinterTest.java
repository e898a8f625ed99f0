package io.faultwatch.jobs;

import static io.faultwatch.jobs.TestEvents.exception;
import static io.faultwatch.jobs.TestEvents.frame;
import static io.faultwatch.jobs.TestEvents.message;
import static io.faultwatch.jobs.TestEvents.userServiceNpe;
import static org.assertj.core.api.Assertions.assertThat;

import io.faultwatch.jobs.grouping.Language;
import io.faultwatch.model.ErrorEvent;
import io.faultwatch.model.ErrorEvent.ExceptionInfo;
import io.faultwatch.model.ErrorEvent.Frame;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
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
    void everyInAppFrameContributesButNoLibraryFrame() {
        ErrorEvent viaController = userServiceNpe(PROJECT, NOW, 57);
        ErrorEvent direct = exception(PROJECT, NOW, "java.lang.NullPointerException", "user is null",
                frame("com.acme.users.UserService", "load", 57, true));
        ErrorEvent otherLibraries = exception(PROJECT, NOW, "java.lang.NullPointerException", "user is null",
                frame("java.util.concurrent.ForkJoinWorkerThread", "run", 165, false),
                frame("com.acme.api.UserController", "get", 31, true),
                frame("com.acme.users.UserService", "load", 57, true),
                frame("com.google.common.base.Preconditions", "checkNotNull", 907, false));

        assertThat(fingerprint(viaController)).isNotEqualTo(fingerprint(direct)).isEqualTo(fingerprint(otherLibraries));
        assertThat(Fingerprinter.group(viaController).culprit()).isEqualTo("com.acme.users.UserService.load");
    }

    @Test
    void withoutInAppFramesAllFramesContribute() {
        Grouping a = Fingerprinter.group(exception(PROJECT, NOW, "java.net.SocketTimeoutException", "a",
                frame("com.acme.Poller", "poll", 1, false), frame("java.net.Socket", "read", 10, false)));
        Grouping b = Fingerprinter.group(exception(PROJECT, NOW, "java.net.SocketTimeoutException", "b",
                frame("com.acme.Exporter", "push", 2, false), frame("java.net.Socket", "read", 10, false)));

        assertThat(a.fingerprint()).isNotEqualTo(b.fingerprint());
        assertThat(a.culprit()).isEqualTo("java.net.Socket.read");
    }

    @Test
    void theWholeExceptionChainContributes() {
        Frame service = frame("com.acme.Service", "run", 10, true);
        ErrorEvent parseCause = chain(new ExceptionInfo("NumberFormatException", "x", "java.lang",
                List.of(service, frame("com.acme.Parser", "parse", 3, true))), "IllegalStateException", service);
        ErrorEvent readCause = chain(new ExceptionInfo("NumberFormatException", "x", "java.lang",
                List.of(service, frame("com.acme.Reader", "read", 3, true))), "IllegalStateException", service);

        assertThat(fingerprint(parseCause)).isNotEqualTo(fingerprint(readCause));
    }

    @Test
    void aCauseWithoutContributingFramesContributesItsTypeAndParameterizedValue() {
        Frame service = frame("com.acme.Service", "run", 10, true);
        ErrorEvent a = chain(new ExceptionInfo("SQLException", "row 17 locked", null,
                List.of(frame("org.postgresql.Driver", "exec", 1, false))), "DataAccessException", service);
        ErrorEvent b = chain(new ExceptionInfo("SQLException", "row 4411 locked", null,
                List.of(frame("org.postgresql.Driver", "exec", 2, false))), "DataAccessException", service);
        ErrorEvent c = chain(new ExceptionInfo("SQLException", "deadlock detected", null, null),
                "DataAccessException", service);

        assertThat(fingerprint(a)).isEqualTo(fingerprint(b)).isNotEqualTo(fingerprint(c));
    }

    @Test
    void anExceptionWithoutFramesGroupsByTypeAndNormalizedValue() {
        Grouping a = Fingerprinter.group(exception(PROJECT, NOW, "TimeoutError", "timed out after 3000 ms"));
        Grouping b = Fingerprinter.group(exception(PROJECT, NOW, "TimeoutError", "timed out after 5 s"));
        Grouping c = Fingerprinter.group(exception(PROJECT, NOW, "ValueError", "timed out after 5 s"));

        assertThat(a.fingerprint()).isEqualTo(b.fingerprint()).isNotEqualTo(c.fingerprint());
        assertThat(a.culprit()).isNull();
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
    void aMessageTemplateIsUsedAsIs() {
        ErrorEvent a = withTemplate("Payment p-1 of alice failed", "Payment {} of {} failed");
        ErrorEvent b = withTemplate("Payment p-2 of bob failed", "Payment {} of {} failed");
        // Not parameterized: a number in a template is part of the code, not an id.
        ErrorEvent v1 = withTemplate("Retry 1 of job x", "Retry 1 of job {}");
        ErrorEvent v2 = withTemplate("Retry 2 of job x", "Retry 2 of job {}");

        assertThat(fingerprint(a)).isEqualTo(fingerprint(b));
        assertThat(fingerprint(v1)).isNotEqualTo(fingerprint(v2));
        assertThat(Fingerprinter.group(a).title()).isEqualTo("Payment p-1 of alice failed");
    }

    @Test
    void aCustomFingerprintIsUsedAsGiven() {
        ErrorEvent npe = withFingerprint(userServiceNpe(PROJECT, NOW, 57), "db", "down");
        ErrorEvent message = withFingerprint(message(PROJECT, NOW, "error", "x"), "db", "down");
        ErrorEvent other = withFingerprint(message(PROJECT, NOW, "error", "x"), "db", "slow");

        assertThat(fingerprint(npe)).isEqualTo(fingerprint(message)).isNotEqualTo(fingerprint(other));
        assertThat(Fingerprinter.components(npe, Language.JAVA))
                .containsExactly("custom", "db", "down");
    }

    @Test
    void defaultAloneIsTheDefaultGroupingAndCombinesWithValues() {
        ErrorEvent plain = userServiceNpe(PROJECT, NOW, 57);
        ErrorEvent onlyDefault = withFingerprint(plain, "{{ default }}");
        ErrorEvent defaultAndValue = withFingerprint(plain, "{{default}}", "tenant-a");

        assertThat(fingerprint(onlyDefault)).isEqualTo(fingerprint(plain));
        assertThat(fingerprint(defaultAndValue)).isNotEqualTo(fingerprint(plain));
        List<String> defaults = Fingerprinter.components(plain, Language.JAVA);
        assertThat(Fingerprinter.components(defaultAndValue, Language.JAVA))
                .startsWith("custom").containsSubsequence(defaults).endsWith("tenant-a");
    }

    @Test
    void expandsTypeTransactionAndLevelVariables() {
        ErrorEvent npe = userServiceNpe(PROJECT, NOW, 57);
        ErrorEvent message = message(PROJECT, NOW, null, "x");

        assertThat(Fingerprinter.components(withFingerprint(npe, "{{ type }}", "{{ TRANSACTION }}", "{{level}}"),
                Language.JAVA))
                .containsExactly("custom", "java.lang.NullPointerException", "<no-transaction>", "error");
        assertThat(Fingerprinter.components(withFingerprint(message, "{{ type }}", "{{ transaction }}",
                "{{ release }}"), Language.JAVA))
                .containsExactly("custom", "<no-type>", "GET /users", "{{ release }}");
    }

    @Test
    void theFingerprintIsMd5OverZeroTerminatedUtf8Components() throws Exception {
        ErrorEvent event = exception(PROJECT, NOW, "java.lang.NullPointerException", "user is null",
                frame("java.lang.Thread", "run", 840, false),
                frame("com.acme.users.UserService", "lambda$load$2", 57, true));

        assertThat(Fingerprinter.group(event).fingerprint()).isEqualTo(md5(
                "stacktrace", "1", "java.lang.NullPointerException", "frames", "1",
                "com.acme.users.UserService", "lambda$load$", ""));
        assertThat(Fingerprinter.group(message(PROJECT, NOW, "error", "user 123 not found")).fingerprint())
                .isEqualTo(md5("message", "user <num> not found"));
    }

    @Test
    void theCulpritNamesTheFrameWithStableNames() {
        ErrorEvent lambda = exception(PROJECT, NOW, "IllegalStateException", "x",
                frame("com.acme.Svc$$Lambda$77/0x0000000800c4b440", "apply", 3, true));
        Frame jsWithModule = new Frame("src.routes:orders", "?", "/srv/a/src/routes/orders.js", null, 3, 1, true, null);
        Frame jsWithoutModule = new Frame(null, "handler", "app/routes.js", null, 10, 4, true, null);

        assertThat(Fingerprinter.group(lambda).culprit()).isEqualTo("com.acme.Svc$$Lambda$.apply");
        assertThat(Fingerprinter.group(node(jsWithModule)).culprit()).isEqualTo("src.routes:orders");
        assertThat(Fingerprinter.group(node(jsWithoutModule)).culprit()).isEqualTo("app/routes.js");
    }

    @Test
    void titleIsTypeAndValueTruncated() {
        String longValue = "x".repeat(500);
        Grouping grouping = Fingerprinter.group(exception(PROJECT, NOW, "ValueError", longValue));

        assertThat(grouping.title()).startsWith("ValueError: xxx").endsWith("…")
                .hasSize(Fingerprinter.MAX_TITLE_LENGTH);
        assertThat(Fingerprinter.group(exception(PROJECT, NOW, "ValueError", null)).title()).isEqualTo("ValueError");
        assertThat(Fingerprinter.group(exception(PROJECT, NOW, null, "User jane failed")).title())
                .isEqualTo("User jane failed");
    }

    @Test
    void anEmptyEventStillGetsAStableGrouping() {
        Grouping a = Fingerprinter.group(message(PROJECT, NOW, null, null));
        Grouping b = Fingerprinter.group(message(PROJECT, NOW, null, null));

        assertThat(a).isEqualTo(b);
        assertThat(a.title()).isEqualTo(Fingerprinter.UNLABELED_TITLE);
        assertThat(Fingerprinter.levelOf(message(PROJECT, NOW, null, null))).isEqualTo("error");
    }

    private static String fingerprint(ErrorEvent event) {
        return Fingerprinter.group(event).fingerprint();
    }

    private static String md5(String... components) throws Exception {
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        for (String component : components) {
            md5.update((component + "\0").getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(md5.digest());
    }

    private static ErrorEvent chain(ExceptionInfo cause, String thrownType, Frame thrownFrame) {
        ErrorEvent base = exception(PROJECT, NOW, thrownType, "wrapped", thrownFrame);
        return with(base, base.platform(), List.of(cause, base.thrownException()), base.fingerprint());
    }

    private static ErrorEvent node(Frame frame) {
        ErrorEvent base = exception(PROJECT, NOW, "TypeError", "x is undefined", frame);
        return with(base, "node", base.exceptions(), base.fingerprint());
    }

    private static ErrorEvent withFingerprint(ErrorEvent base, String... fingerprint) {
        return with(base, base.platform(), base.exceptions(), List.of(fingerprint));
    }

    private static ErrorEvent with(ErrorEvent b, String platform, List<ExceptionInfo> exceptions,
            List<String> fingerprint) {
        return new ErrorEvent(b.eventId(), b.projectId(), b.receivedAt(), b.timestamp(), b.level(), platform,
                b.environment(), b.release(), b.serverName(), b.transaction(), b.message(), b.messageTemplate(),
                b.messageParams(), exceptions, b.tags(), b.user(), fingerprint, b.dist(), b.contexts(), b.request(),
                b.sdk(), b.breadcrumbs(), b.extra(), b.trimmed());
    }

    private static ErrorEvent withTemplate(String message, String template) {
        ErrorEvent base = message(PROJECT, NOW, "warning", message);
        return new ErrorEvent(base.eventId(), base.projectId(), base.receivedAt(), base.timestamp(), base.level(),
                base.platform(), base.environment(), base.release(), base.serverName(), base.transaction(),
                message, template, List.of(), null, null, null, null, null, null, null, null, null, null, null);
    }
}
