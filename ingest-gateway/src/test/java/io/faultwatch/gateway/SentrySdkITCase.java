package io.faultwatch.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultwatch.gateway.GatewayTestKit.TestProject;
import io.faultwatch.model.ErrorEvent;
import io.faultwatch.model.SessionRecord;
import io.sentry.Breadcrumb;
import io.sentry.Sentry;
import io.sentry.SentryEvent;
import io.sentry.SentryLevel;
import io.sentry.protocol.Message;
import io.sentry.protocol.SentryId;
import io.sentry.protocol.User;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The official Java SDK, configured with nothing but a DSN pointing at the gateway (and a release,
 * which release health needs): what it sends is read back from Kafka and checked field by field.
 */
class SentrySdkITCase {

    @Test
    void eventsAndSessionsOfTheRealSdkArriveInKafka() throws Exception {
        try (GatewayTestKit kit = new GatewayTestKit()) {
            IngestGateway gateway = kit.startGateway();
            TestProject project = kit.newProject(true);
            try {
                Sentry.init(options -> {
                    options.setDsn(project.dsn(gateway.port()));
                    options.setRelease("gateway-it@1.0.0");
                    options.setEnvironment("it");
                    options.setEnableUncaughtExceptionHandler(false);
                    options.addInAppInclude("io.faultwatch");
                });
                Sentry.startSession();
                User user = new User();
                user.setId("user-7");
                user.setEmail("ada@example.com");
                user.setUsername("ada");
                Sentry.setUser(user);
                Sentry.setTag("checkout.step", "payment");
                Breadcrumb crumb = new Breadcrumb("cart loaded");
                crumb.setCategory("cart");
                crumb.setLevel(SentryLevel.INFO);
                Sentry.addBreadcrumb(crumb);

                SentryId exceptionId = Sentry.captureException(
                        new IllegalStateException("checkout failed", new NumberFormatException("For input string: \"x\"")));
                SentryId messageId = Sentry.captureMessage("payment provider slow", SentryLevel.WARNING);
                SentryEvent parameterized = new SentryEvent();
                Message message = new Message();
                message.setMessage("User %s failed to pay %s dollars");
                message.setParams(List.of("ada", "42"));
                message.setFormatted("User ada failed to pay 42 dollars");
                parameterized.setMessage(message);
                SentryId parameterizedId = Sentry.captureEvent(parameterized);
                Sentry.endSession();
                Sentry.flush(10_000);

                List<ErrorEvent> events = within(() -> kit.events(project.id()), 3);
                assertThat(events).extracting(ErrorEvent::eventId)
                        .containsExactlyInAnyOrder(exceptionId.toString(), messageId.toString(),
                                parameterizedId.toString());
                Map<String, ErrorEvent> byId = new java.util.HashMap<>();
                events.forEach(e -> byId.put(e.eventId(), e));

                ErrorEvent exception = byId.get(exceptionId.toString());
                assertThat(exception.projectId()).isEqualTo(project.id());
                assertThat(exception.platform()).isEqualTo("java");
                assertThat(exception.level()).isEqualTo("error");
                assertThat(exception.release()).isEqualTo("gateway-it@1.0.0");
                assertThat(exception.environment()).isEqualTo("it");
                assertThat(exception.exceptions()).extracting(ErrorEvent.ExceptionInfo::type)
                        .containsExactly("NumberFormatException", "IllegalStateException");
                assertThat(exception.thrownException().value()).isEqualTo("checkout failed");
                assertThat(exception.thrownException().frames()).last().satisfies(f -> {
                    assertThat(f.module()).isEqualTo(SentrySdkITCase.class.getName());
                    assertThat(f.function()).isEqualTo("eventsAndSessionsOfTheRealSdkArriveInKafka");
                    assertThat(f.isInApp()).isTrue();
                });
                assertThat(exception.user()).satisfies(u -> {
                    assertThat(u.id()).isEqualTo("user-7");
                    assertThat(u.username()).isEqualTo("ada");
                });
                assertThat(exception.tags()).containsEntry("checkout.step", "payment");
                assertThat(exception.breadcrumbs()).anySatisfy(b -> {
                    assertThat(b.message()).isEqualTo("cart loaded");
                    assertThat(b.category()).isEqualTo("cart");
                });
                assertThat(exception.sdk().name()).isEqualTo("sentry.java");

                ErrorEvent warning = byId.get(messageId.toString());
                assertThat(warning.level()).isEqualTo("warning");
                assertThat(warning.message()).isEqualTo("payment provider slow");
                assertThat(warning.exceptions()).isEmpty();

                ErrorEvent withParams = byId.get(parameterizedId.toString());
                assertThat(withParams.messageTemplate()).isEqualTo("User %s failed to pay %s dollars");
                assertThat(withParams.messageParams()).containsExactly("ada", "42");
                assertThat(withParams.message()).isEqualTo("User ada failed to pay 42 dollars");

                // startSession (init), the updates sent with the events, endSession (exited).
                List<SessionRecord> sessions = within(() -> kit.sessions(project.id()), 2);
                assertThat(sessions).allSatisfy(s -> {
                    assertThat(s.kind()).isEqualTo(SessionRecord.SESSION);
                    assertThat(s.release()).isEqualTo("gateway-it@1.0.0");
                    assertThat(s.environment()).isEqualTo("it");
                    assertThat(s.sessionId()).isEqualTo(sessions.get(0).sessionId());
                });
                assertThat(sessions.get(0).init()).isTrue();
                assertThat(sessions).last().satisfies(s -> {
                    assertThat(s.status()).isEqualTo("exited");
                    assertThat(s.errors()).isEqualTo(1);
                    assertThat(s.duration()).isNotNull();
                });
            } finally {
                Sentry.close();
            }
        }
    }

    /** flush() returns when the SDK has sent; the loop only guards a slow machine. */
    private static <T> List<T> within(Supplier<List<T>> read, int atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        List<T> records = read.get();
        while (records.size() < atLeast && System.nanoTime() < deadline) {
            Thread.sleep(200);
            records = read.get();
        }
        return records;
    }
}
