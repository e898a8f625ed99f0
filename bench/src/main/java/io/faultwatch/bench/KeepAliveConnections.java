package io.faultwatch.bench;

import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

/**
 * HTTP/1.1 keep-alive connections to one server, all driven by the thread that calls
 * {@link #poll}: each connection carries one request at a time (no pipelining, as SDKs send),
 * requests wait in one queue for a free connection, and a request goes out as its prebuilt head
 * and body in one gathering write. Responses are read only as far as a load generator needs: the
 * status, and where they end. Replaces Vert.x's HTTP client, whose per-request machinery (request
 * and header objects, futures, pooling) took about 80 µs of CPU per request at 3,000 requests/s
 * against about 30 µs for this, on the two cores the generator shares with the gateway.
 */
final class KeepAliveConnections implements AutoCloseable {
    /** Called on the polling thread with the status, or with the error that left the request unanswered. */
    interface Answer {
        void answered(int status, Throwable error);
    }

    private static final byte[] HEADER_END = {'\r', '\n', '\r', '\n'};
    private static final byte[] LAST_CHUNK = {'0', '\r', '\n', '\r', '\n'};
    private static final int RESPONSE_BUFFER_BYTES = 16 * 1024;

    private record Pending(ByteBuffer[] request, Answer answer) {}

    private final InetSocketAddress address;
    private final int connectTimeoutMillis;
    private final long timeoutNanos;
    private final Selector selector;
    private final Connection[] connections;
    private final ArrayDeque<Connection> idle = new ArrayDeque<>();
    private final ArrayDeque<Pending> waiting = new ArrayDeque<>();

    /** @param timeoutMillis how long a request may go unanswered; also the connect timeout */
    KeepAliveConnections(InetSocketAddress address, int count, int timeoutMillis) throws IOException {
        this.address = address;
        this.connectTimeoutMillis = timeoutMillis;
        this.timeoutNanos = timeoutMillis * 1_000_000L;
        this.selector = Selector.open();
        this.connections = new Connection[count];
        for (int i = 0; i < count; i++) {
            connections[i] = new Connection();
            connections[i].open();
            idle.add(connections[i]);
        }
    }

    void submit(byte[] head, byte[] body, Answer answer) {
        Pending request = new Pending(new ByteBuffer[] {ByteBuffer.wrap(head), ByteBuffer.wrap(body)}, answer);
        Connection free = idle.poll();
        if (free == null) {
            waiting.add(request);
        } else {
            free.send(request);
        }
    }

    /** Handles the I/O that is ready within {@code maxWaitMillis} and ends requests that timed out. */
    void poll(long maxWaitMillis) throws IOException {
        selector.select(key -> ((Connection) key.attachment()).ready(key), maxWaitMillis);
        long now = System.nanoTime();
        for (Connection c : connections) {
            if (c.current != null && now - c.sentAt > timeoutNanos) {
                c.fail(new TimeoutException("no answer within " + timeoutNanos / 1_000_000 + " ms"));
            }
        }
    }

    @Override
    public void close() throws IOException {
        for (Connection c : connections) {
            c.closeChannel();
        }
        selector.close();
    }

    private final class Connection {
        private final ByteBuffer response = ByteBuffer.allocate(RESPONSE_BUFFER_BYTES);
        private SocketChannel channel;
        private SelectionKey key;
        private Pending current;
        private long sentAt;

        void open() throws IOException {
            SocketChannel opened = SocketChannel.open();
            try {
                opened.setOption(StandardSocketOptions.TCP_NODELAY, true);
                opened.socket().connect(address, connectTimeoutMillis);
                opened.configureBlocking(false);
                key = opened.register(selector, 0, this);
            } catch (IOException e) {
                opened.close();
                throw e;
            }
            channel = opened;
        }

        void send(Pending request) {
            current = request;
            sentAt = System.nanoTime();
            response.clear();
            if (channel == null) {
                try {
                    open();
                } catch (IOException e) {
                    fail(e);
                    return;
                }
            }
            write();
        }

        void ready(SelectionKey ready) {
            if (ready.isWritable()) {
                write();
            } else if (ready.isReadable()) {
                read();
            }
        }

        private void write() {
            try {
                channel.write(current.request());
                key.interestOps(current.request()[1].hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
            } catch (IOException e) {
                fail(e);
            }
        }

        private void read() {
            int status;
            try {
                if (channel.read(response) < 0) {
                    throw new EOFException("the server closed the connection");
                }
                status = completeResponseStatus();
                if (status < 0 && !response.hasRemaining()) {
                    throw new IOException("response larger than " + RESPONSE_BUFFER_BYTES + " bytes");
                }
            } catch (IOException e) {
                fail(e);
                return;
            }
            if (status >= 0) {
                if (closeRequested()) {
                    closeChannel();
                }
                finish(status, null);
            }
        }

        /** The status once the whole response is in the buffer, else -1. */
        private int completeResponseStatus() throws IOException {
            byte[] bytes = response.array();
            int length = response.position();
            int headEnd = indexOf(bytes, 0, length, HEADER_END);
            if (headEnd < 0) {
                return -1;
            }
            String head = new String(bytes, 0, headEnd, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
            int bodyStart = headEnd + HEADER_END.length;
            String contentLength = header(head, "content-length");
            boolean complete;
            if (contentLength != null) {
                complete = length - bodyStart >= Long.parseLong(contentLength.trim());
            } else if ("chunked".equals(header(head, "transfer-encoding"))) {
                complete = length - bodyStart >= LAST_CHUNK.length
                        && indexOf(bytes, length - LAST_CHUNK.length, length, LAST_CHUNK) >= 0;
            } else {
                throw new IOException("response without Content-Length or chunked encoding");
            }
            if (!complete) {
                return -1;
            }
            // "HTTP/1.1 200 OK"
            return Integer.parseInt(head.substring(9, 12));
        }

        private boolean closeRequested() {
            String head = new String(response.array(), 0, response.position(), StandardCharsets.ISO_8859_1)
                    .toLowerCase(Locale.ROOT);
            return "close".equals(header(head, "connection"));
        }

        void fail(Throwable error) {
            closeChannel();
            finish(0, error);
        }

        /** Answers the current request and takes the next waiting one, or goes idle. */
        private void finish(int status, Throwable error) {
            Answer answer = current.answer();
            current = null;
            Pending next = waiting.poll();
            if (next != null) {
                send(next);
            } else {
                if (key != null && key.isValid()) {
                    key.interestOps(0);
                }
                idle.add(this);
            }
            answer.answered(status, error);
        }

        void closeChannel() {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // closing after a failure: nothing more to learn from it
                }
                channel = null;
                key = null;
            }
        }
    }

    /** The value of the first header called {@code name} in a lowercased response head, or null. */
    private static String header(String head, String name) {
        int at = head.indexOf("\r\n" + name + ":");
        if (at < 0) {
            return null;
        }
        int start = at + name.length() + 3;
        int end = head.indexOf("\r\n", start);
        return head.substring(start, end < 0 ? head.length() : end).trim();
    }

    private static int indexOf(byte[] bytes, int from, int to, byte[] needle) {
        outer:
        for (int i = from; i + needle.length <= to; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (bytes[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
