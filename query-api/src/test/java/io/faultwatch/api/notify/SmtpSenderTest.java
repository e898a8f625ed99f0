package io.faultwatch.api.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultwatch.api.notify.DeliveryResult.Outcome;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The SMTP conversation against a local receiver that plays a relay and records what it was sent. */
class SmtpSenderTest {

    /** Answers the commands of one session; {@code rcptReply} is what it says to RCPT TO. */
    private static CompletableFuture<List<String>> relay(ServerSocket server, String rcptReply) {
        return CompletableFuture.supplyAsync(() -> {
            List<String> received = new ArrayList<>();
            try (Socket client = server.accept()) {
                BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
                OutputStream out = client.getOutputStream();
                reply(out, "220 relay.test ESMTP");
                boolean data = false;
                for (String line; (line = in.readLine()) != null; ) {
                    received.add(line);
                    if (data) {
                        if (line.equals(".")) {
                            data = false;
                            reply(out, "250 2.0.0 queued");
                        }
                    } else if (line.startsWith("EHLO")) {
                        reply(out, "250-relay.test\r\n250 8BITMIME");
                    } else if (line.startsWith("RCPT")) {
                        reply(out, rcptReply);
                        if (!rcptReply.startsWith("250")) {
                            break;
                        }
                    } else if (line.equals("DATA")) {
                        data = true;
                        reply(out, "354 go ahead");
                    } else if (line.equals("QUIT")) {
                        reply(out, "221 bye");
                        break;
                    } else {
                        reply(out, "250 ok");
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return received;
        });
    }

    private static void reply(OutputStream out, String reply) throws Exception {
        out.write((reply + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Test
    void sendsTheMessageThroughTheRelay() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<List<String>> received = relay(server, "250 ok");
            SmtpSender sender = new SmtpSender("127.0.0.1", server.getLocalPort(), "alerts@fw.test", Duration.ofSeconds(5));

            DeliveryResult result = sender.send("oncall@example.com", "[FaultWatch] FIRING: x", "line one\n.dot line\n");

            assertThat(result.outcome()).isEqualTo(Outcome.OK);
            List<String> lines = received.get(5, TimeUnit.SECONDS);
            assertThat(lines.subList(0, 4)).containsExactly("EHLO faultwatch", "MAIL FROM:<alerts@fw.test>",
                    "RCPT TO:<oncall@example.com>", "DATA");
            assertThat(lines).contains("From: alerts@fw.test", "To: oncall@example.com",
                    "Subject: [FaultWatch] FIRING: x", "Content-Type: text/plain; charset=UTF-8", "line one",
                    "..dot line");
            assertThat(lines.subList(lines.size() - 2, lines.size())).containsExactly(".", "QUIT");
        }
    }

    @Test
    void aRefusedRecipientIsFinalAndABusyRelayIsRetried() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            SmtpSender sender = new SmtpSender("127.0.0.1", server.getLocalPort(), "a@fw.test", Duration.ofSeconds(5));

            CompletableFuture<List<String>> refused = relay(server, "550 5.1.1 no such user");
            DeliveryResult unknown = sender.send("nobody@example.com", "s", "b");
            refused.get(5, TimeUnit.SECONDS);
            CompletableFuture<List<String>> busy = relay(server, "451 4.3.0 try later");
            DeliveryResult later = sender.send("oncall@example.com", "s", "b");
            busy.get(5, TimeUnit.SECONDS);

            assertThat(unknown.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(unknown.error()).isEqualTo("SMTP 550 5.1.1 no such user");
            assertThat(later.outcome()).isEqualTo(Outcome.RETRY);
        }
    }

    @Test
    void noRelayIsRetried() throws Exception {
        int port;
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = server.getLocalPort();
        }
        DeliveryResult result = new SmtpSender("127.0.0.1", port, "a@fw.test", Duration.ofSeconds(2)).send("b@x.io", "s", "b");

        assertThat(result.outcome()).isEqualTo(Outcome.RETRY);
        assertThat(result.error()).startsWith("ConnectException");
    }
}
