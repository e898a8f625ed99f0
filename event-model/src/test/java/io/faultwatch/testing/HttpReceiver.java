package io.faultwatch.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A local HTTP server on a free loopback port that stands in for Slack or a webhook receiver: it records
 * every request (path, body, arrival time) and answers each path with the statuses it was told, then 200.
 */
public final class HttpReceiver implements AutoCloseable {

    /** One request as it arrived. */
    public record Request(String path, String body, long receivedAtMillis) {}

    private final HttpServer server;
    private final List<Request> requests = new ArrayList<>();
    private final Map<String, Deque<Integer>> statuses = new ConcurrentHashMap<>();

    private HttpReceiver(HttpServer server) {
        this.server = server;
    }

    public static HttpReceiver start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        HttpReceiver receiver = new HttpReceiver(server);
        server.createContext("/", exchange -> {
            long now = System.currentTimeMillis();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            synchronized (receiver.requests) {
                receiver.requests.add(new Request(path, body, now));
                receiver.requests.notifyAll();
            }
            Deque<Integer> scripted = receiver.statuses.get(path);
            Integer status = scripted == null ? null : scripted.poll();
            byte[] reply = (status == null || status < 300 ? "ok" : "no").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status == null ? 200 : status, reply.length);
            exchange.getResponseBody().write(reply);
            exchange.close();
        });
        server.start();
        return receiver;
    }

    /** The URL of a path on this receiver. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The next requests to {@code path} are answered with these statuses, in order; later ones with 200. */
    public void respond(String path, Integer... statuses) {
        this.statuses.put(path, new ArrayDeque<>(List.of(statuses)));
    }

    /** The requests to {@code path} so far. */
    public List<Request> requests(String path) {
        synchronized (requests) {
            return requests.stream().filter(r -> r.path().equals(path)).toList();
        }
    }

    /** Waits until {@code path} got {@code count} requests or the timeout passed; returns what it got. */
    public List<Request> await(String path, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (requests) {
            while (requests(path).size() < count && System.nanoTime() < deadline) {
                requests.wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            }
            return requests(path);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
