package io.faultwatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class KeepAliveConnectionsTest {
    private static final String HEAD = "POST /api/1/envelope/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 4\r\n\r\n";

    /** Answers each request on one connection with the next of {@code responses}. */
    private static Thread server(ServerSocket socket, List<String> responses, List<String> received) {
        Thread thread = new Thread(() -> {
            int next = 0;
            try {
                while (next < responses.size()) {
                    try (Socket s = socket.accept()) {
                        InputStream in = s.getInputStream();
                        OutputStream out = s.getOutputStream();
                        while (next < responses.size()) {
                            ByteArrayOutputStream request = new ByteArrayOutputStream();
                            while (!request.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\nbody")) {
                                int b = in.read();
                                if (b < 0) {
                                    return;
                                }
                                request.write(b);
                            }
                            received.add(request.toString(StandardCharsets.ISO_8859_1));
                            String response = responses.get(next++);
                            out.write(response.getBytes(StandardCharsets.ISO_8859_1));
                            out.flush();
                            if (response.contains("Connection: close")) {
                                break;
                            }
                        }
                    }
                }
            } catch (Exception e) {
                received.add("server failed: " + e);
            }
        });
        thread.start();
        return thread;
    }

    @Test
    void sendsPrebuiltRequestsAndReadsStatusesOverKeptAliveOrReopenedConnections() throws Exception {
        List<String> responses = List.of(
                "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}",
                "HTTP/1.1 429 Too Many Requests\r\nretry-after: 1\r\ncontent-length: 0\r\n\r\n",
                "HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 3\r\n\r\nbad",
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n");
        List<String> received = new CopyOnWriteArrayList<>();
        List<Integer> statuses = new ArrayList<>();
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread server = server(socket, responses, received);
            try (KeepAliveConnections connections = new KeepAliveConnections(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getLocalPort()), 1, 5_000)) {
                for (int i = 0; i < responses.size(); i++) {
                    connections.submit(HEAD.getBytes(StandardCharsets.ISO_8859_1),
                            "body".getBytes(StandardCharsets.ISO_8859_1), (status, error) -> statuses.add(
                                    error == null ? status : -1));
                }
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (statuses.size() < responses.size() && System.nanoTime() < deadline) {
                    connections.poll(10);
                }
            }
            server.join(5_000);
        }

        assertThat(statuses).containsExactly(200, 429, 400, 200);
        assertThat(received).hasSize(4).allSatisfy(r -> assertThat(r).isEqualTo(HEAD + "body"));
    }
}
