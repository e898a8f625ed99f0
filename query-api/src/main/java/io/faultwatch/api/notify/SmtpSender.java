package io.faultwatch.api.notify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Sends a plain-text email through an SMTP relay (RFC 5321: EHLO, MAIL, RCPT, DATA, QUIT), without TLS or
 * authentication: it is meant for a relay on the local network (a local Postfix or a mail gateway) that
 * takes it from there. A 4xx reply may pass later; a 5xx one will not.
 */
final class SmtpSender {

    private final String host;
    private final int port;
    private final String from;
    private final int timeoutMs;

    SmtpSender(String host, int port, String from, Duration timeout) {
        this.host = host;
        this.port = port;
        this.from = from;
        this.timeoutMs = (int) timeout.toMillis();
    }

    DeliveryResult send(String to, String subject, String body) {
        Instant sentAt = Instant.now();
        long start = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), timeoutMs);
            socket.setSoTimeout(timeoutMs);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            expect(in, 220);
            command(out, in, "EHLO faultwatch", 250);
            command(out, in, "MAIL FROM:<" + from + ">", 250);
            command(out, in, "RCPT TO:<" + to + ">", 250);
            command(out, in, "DATA", 354);
            command(out, in, message(to, subject, body), 250);
            command(out, in, "QUIT", 221);
            return new DeliveryResult(DeliveryResult.Outcome.OK, null, null, sentAt, HttpChannelSender.elapsedMs(start));
        } catch (SmtpReply reply) {
            return new DeliveryResult(reply.code >= 500 ? DeliveryResult.Outcome.FAILED : DeliveryResult.Outcome.RETRY,
                    null, "SMTP " + reply.getMessage(), sentAt, HttpChannelSender.elapsedMs(start));
        } catch (IOException e) {
            return DeliveryResult.unreachable(e, sentAt, HttpChannelSender.elapsedMs(start));
        }
    }

    /** Headers, a blank line and the body, lines ending in CRLF, dot-stuffed, ending with the lone dot. */
    String message(String to, String subject, String body) {
        StringBuilder message = new StringBuilder()
                .append("From: ").append(from).append("\r\n")
                .append("To: ").append(to).append("\r\n")
                .append("Subject: ").append(subject.replaceAll("[\r\n]", " ")).append("\r\n")
                .append("Date: ").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.now().atOffset(ZoneOffset.UTC)))
                .append("\r\n")
                .append("MIME-Version: 1.0\r\n")
                .append("Content-Type: text/plain; charset=UTF-8\r\n")
                .append("Content-Transfer-Encoding: 8bit\r\n\r\n");
        for (String line : body.split("\r?\n", -1)) {
            message.append(line.startsWith(".") ? "." + line : line).append("\r\n");
        }
        return message.append(".").toString();
    }

    private static void command(OutputStream out, BufferedReader in, String line, int expected) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        expect(in, expected);
    }

    /** Reads a reply, multi-line ones ({@code 250-...}) to their last line. */
    private static void expect(BufferedReader in, int expected) throws IOException {
        String line;
        do {
            line = in.readLine();
            if (line == null || line.length() < 3) {
                throw new IOException("the SMTP server closed the connection");
            }
        } while (line.length() > 3 && line.charAt(3) == '-');
        int code;
        try {
            code = Integer.parseInt(line.substring(0, 3));
        } catch (NumberFormatException e) {
            throw new IOException("not an SMTP reply: " + line, e);
        }
        if (code != expected) {
            throw new SmtpReply(code, line);
        }
    }

    private static final class SmtpReply extends IOException {
        final int code;

        SmtpReply(int code, String line) {
            super(line);
            this.code = code;
        }
    }
}
