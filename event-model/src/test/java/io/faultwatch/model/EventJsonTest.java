package io.faultwatch.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.faultwatch.model.sentry.SentryEventConverter;
import io.faultwatch.testing.WireSamples;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventJsonTest {

    private static ErrorEvent everyField() {
        return new ErrorEvent("0123456789abcdef0123456789abcdef", 7, 1_700_000_000_123L, 1_700_000_000_000L,
                "error", "java", "production", "app@1.2.3", "web-1", "GET /orders", "boom", "user %s failed",
                List.of("42"),
                List.of(new ErrorEvent.ExceptionInfo("IllegalStateException", "boom", "java.lang",
                        List.of(new ErrorEvent.Frame("java.util.Objects", "requireNonNull", null, null, 209, null, null, null),
                        new ErrorEvent.Frame("com.acme.Orders", "place", "Orders.java", null, 12, null, true, null)))),
                Map.of("region", "eu"), new ErrorEvent.UserInfo("u1", null, null, null), List.of("{{ default }}"),
                "build-7", List.of(new ErrorEvent.Context("os", Map.of("name", "Linux")),
                        new ErrorEvent.Context("trace", Map.of("data", "{\"k\":1}"))),
                new ErrorEvent.RequestInfo("GET", "https://shop.example/orders", "page=2", Map.of("Accept", "*/*")),
                new ErrorEvent.SdkInfo("sentry.java", "8.62.0"),
                List.of(new ErrorEvent.Breadcrumb(1_699_999_999_000L, "http", "xhr", "GET /api", "info",
                        Map.of("status_code", "200")), new ErrorEvent.Breadcrumb(null, null, null, "bare", null, null)),
                Map.of("cart_items", "3"), Map.of("exceptions[].frames", 12));
    }

    @Test
    void roundTripsEveryField() throws IOException {
        ErrorEvent event = everyField();
        assertThat(EventJson.fromBytes(EventJson.toBytes(event))).isEqualTo(event);
    }

    /** The hand-written writer and Jackson's serializer of the record agree byte for byte. */
    @Test
    void writesWhatJacksonWritesForTheRecord() throws Exception {
        List<ErrorEvent> events = new ArrayList<>(List.of(everyField(),
                new ErrorEvent("e1", 1, 2, 3, null, null, null, null, null, null, "quote \" backslash \\ tab \t é ☃ \uD83D\uDE00",
                        null, null, null, null, null, null, null, null, null, null, null, null, null)));
        for (String name : WireSamples.withItem("event")) {
            events.add(SentryEventConverter.convert(WireSamples.eventItem(name).payload(), 7, 1_000L, null));
        }
        for (ErrorEvent event : events) {
            assertThat(new String(EventJson.toBytes(event), StandardCharsets.UTF_8))
                    .isEqualTo(new String(RecordJson.MAPPER.writeValueAsBytes(event), StandardCharsets.UTF_8));
        }
    }

    @Test
    void ignoresFieldsAddedByNewerProducers() throws IOException {
        ErrorEvent event = EventJson.fromBytes(
                "{\"eventId\":\"e1\",\"projectId\":3,\"addedLater\":true}".getBytes(StandardCharsets.UTF_8));
        assertThat(event.eventId()).isEqualTo("e1");
        assertThat(event.exceptions()).isEmpty();
        assertThat(event.tags()).isEmpty();
    }

    @Test
    void rejectsRecordsThatAreNotEvents() {
        assertThatThrownBy(() -> EventJson.fromBytes("{\"projectId\":3}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class).hasMessageContaining("eventId and projectId are required");
        assertThatThrownBy(() -> EventJson.fromBytes("not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IOException.class);
    }
}
