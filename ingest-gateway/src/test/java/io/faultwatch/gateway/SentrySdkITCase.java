package io.faultwatch.gateway;

import static io.faultwatch.gateway.GatewayTestKit.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.faultwatch.gateway.GatewayTestKit.TestProject;
import io.faultwatch.model.ErrorEvent;
import io.sentry.Sentry;
import io.sentry.protocol.SentryId;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The official Java SDK, configured with nothing but a DSN pointing at the gateway. */
class SentrySdkITCase {

    @Test
    void capturedExceptionArrivesInKafka() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (GatewayTestKit kit = new GatewayTestKit()) {
            IngestGateway gateway = await(IngestGateway.start(vertx, kit.config()));
            TestProject project = kit.newProject(true);
            try {
                Sentry.init(options -> {
                    options.setDsn(project.dsn(gateway.port()));
                    options.setRelease("gateway-it@1.0.0");
                    options.setEnvironment("it");
                    options.setEnableUncaughtExceptionHandler(false);
                    options.addInAppInclude("io.faultwatch");
                });
                SentryId id = Sentry.captureException(
                        new IllegalStateException("checkout failed", new NumberFormatException("For input string: \"x\"")));
                Sentry.flush(10_000);

                List<ConsumerRecord<String, ErrorEvent>> records = recordsWithin(kit, project, 20);
                assertThat(records).hasSize(1);
                assertThat(records.get(0).key()).isEqualTo(Long.toString(project.id()));
                ErrorEvent event = records.get(0).value();
                assertThat(event.eventId()).isEqualTo(id.toString());
                assertThat(event.platform()).isEqualTo("java");
                assertThat(event.release()).isEqualTo("gateway-it@1.0.0");
                assertThat(event.environment()).isEqualTo("it");
                assertThat(event.exceptions()).extracting(ErrorEvent.ExceptionInfo::type)
                        .containsExactly("NumberFormatException", "IllegalStateException");
                assertThat(event.thrownException().value()).isEqualTo("checkout failed");
                assertThat(event.thrownException().frames()).last().satisfies(f -> {
                    assertThat(f.module()).isEqualTo(SentrySdkITCase.class.getName());
                    assertThat(f.function()).isEqualTo("capturedExceptionArrivesInKafka");
                    assertThat(f.isInApp()).isTrue();
                });
            } finally {
                Sentry.close();
                await(gateway.close());
            }
        } finally {
            await(vertx.close());
        }
    }

    /** flush() returns when the SDK has sent; the event is in Kafka by then, the loop only guards slow CI. */
    private static List<ConsumerRecord<String, ErrorEvent>> recordsWithin(GatewayTestKit kit, TestProject project,
                                                                          int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<ConsumerRecord<String, ErrorEvent>> records = kit.records(project.id());
        while (records.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(200);
            records = kit.records(project.id());
        }
        return records;
    }
}
