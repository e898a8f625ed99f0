package io.faultwatch.api.notify;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/** POSTs a JSON message to a Slack incoming webhook or a generic webhook; one call is one attempt. */
final class HttpChannelSender {

    private final HttpClient http;
    private final Duration timeout;

    HttpChannelSender(Duration timeout) {
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        this.timeout = timeout;
    }

    DeliveryResult post(String url, byte[] json) {
        Instant sentAt = Instant.now();
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "FaultWatch-Notifier")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json))
                    .build(), HttpResponse.BodyHandlers.ofString());
            return DeliveryResult.ofHttpStatus(response.statusCode(), response.body(), sentAt, elapsedMs(start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DeliveryResult.unreachable(e, sentAt, elapsedMs(start));
        } catch (Exception e) {
            return DeliveryResult.unreachable(e, sentAt, elapsedMs(start));
        }
    }

    static long elapsedMs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
