package io.faultwatch.jobs;

import io.faultwatch.model.ErrorEvent;
import io.faultwatch.model.ErrorEvent.ExceptionInfo;
import io.faultwatch.model.ErrorEvent.Frame;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The first grouping algorithm: one bug, one fingerprint.
 *
 * <ol>
 *   <li>An exception with frames groups by its type and the frame that raised it: the last in-app
 *       frame, or the last frame when none is in-app. The frame contributes module (or file) and
 *       function, never line numbers, so an edit elsewhere in the file keeps the issue.</li>
 *   <li>An exception without frames groups by its type and normalized value.</li>
 *   <li>A message event groups by its logging template, or by its message with the variable parts
 *       (UUIDs, hex ids, numbers) replaced, so "user 123 not found" and "user 456 not found" are one
 *       issue.</li>
 * </ol>
 *
 * <p>The fingerprint is the md5 hex of the contributing values. It must stay stable across
 * releases: changing what contributes regroups every project's issues.
 */
public final class Fingerprinter {

    static final int MAX_TITLE_LENGTH = 200;
    static final String UNLABELED_TITLE = "<unlabeled event>";
    private static final String DEFAULT_LEVEL = "error";

    private static final Pattern UUID = Pattern.compile(
            "\\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\b");
    /** 0x-prefixed, or 8+ hex digits with at least one digit so that plain words stay words. */
    private static final Pattern HEX_ID =
            Pattern.compile("\\b0[xX][0-9a-fA-F]+\\b|\\b(?=[0-9a-fA-F]*[0-9])[0-9a-fA-F]{8,}\\b");
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:\\.\\d+)?");

    private Fingerprinter() {}

    public static Grouping group(ErrorEvent event) {
        ExceptionInfo thrown = event.thrownException();
        Frame culpritFrame = thrown == null ? null : culpritFrame(thrown.frames());
        List<String> components = new ArrayList<>();
        if (thrown != null && culpritFrame != null) {
            components.add("exception-frame");
            components.add(nullToEmpty(thrown.type()));
            components.add(frameLocation(culpritFrame));
            components.add(nullToEmpty(culpritFrame.function()));
        } else if (thrown != null) {
            components.add("exception-value");
            components.add(nullToEmpty(thrown.type()));
            components.add(normalize(nullToEmpty(thrown.value())));
        } else if (!isBlank(event.messageTemplate())) {
            components.add("message-template");
            components.add(event.messageTemplate());
        } else {
            components.add("message");
            components.add(normalize(nullToEmpty(event.message())));
        }
        return new Grouping(md5Hex(components), title(event, thrown), culprit(event, culpritFrame));
    }

    /** The level an event without one is treated as: what Sentry assumes for errors. */
    public static String levelOf(ErrorEvent event) {
        return isBlank(event.level()) ? DEFAULT_LEVEL : event.level();
    }

    /** Replaces the parts of a message that vary between occurrences of the same error. */
    static String normalize(String message) {
        String result = UUID.matcher(message).replaceAll("<uuid>");
        result = HEX_ID.matcher(result).replaceAll("<hex>");
        return NUMBER.matcher(result).replaceAll("<num>");
    }

    /** Frames are outermost first, so the raising frame is the last one (of the in-app ones). */
    private static Frame culpritFrame(List<Frame> frames) {
        for (int i = frames.size() - 1; i >= 0; i--) {
            if (frames.get(i).isInApp()) {
                return frames.get(i);
            }
        }
        return frames.isEmpty() ? null : frames.get(frames.size() - 1);
    }

    private static String frameLocation(Frame frame) {
        if (!isBlank(frame.module())) {
            return frame.module();
        }
        return isBlank(frame.filename()) ? nullToEmpty(frame.absPath()) : frame.filename();
    }

    private static String title(ErrorEvent event, ExceptionInfo thrown) {
        String title;
        if (thrown != null && !isBlank(thrown.type())) {
            title = isBlank(thrown.value()) ? thrown.type() : thrown.type() + ": " + thrown.value();
        } else if (thrown != null && !isBlank(thrown.value())) {
            title = thrown.value();
        } else if (!isBlank(event.message())) {
            title = event.message();
        } else if (!isBlank(event.messageTemplate())) {
            title = event.messageTemplate();
        } else {
            title = UNLABELED_TITLE;
        }
        String firstLine = title.strip().lines().findFirst().orElse(UNLABELED_TITLE);
        return firstLine.length() <= MAX_TITLE_LENGTH
                ? firstLine
                : firstLine.substring(0, MAX_TITLE_LENGTH - 1) + "…";
    }

    private static String culprit(ErrorEvent event, Frame frame) {
        if (frame == null) {
            return isBlank(event.transaction()) ? null : event.transaction();
        }
        if (!isBlank(frame.module())) {
            return isBlank(frame.function()) ? frame.module() : frame.module() + "." + frame.function();
        }
        String file = frameLocation(frame);
        return file.isEmpty() ? frame.function() : file;
    }

    private static String md5Hex(List<String> components) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            for (String component : components) {
                md5.update(component.getBytes(StandardCharsets.UTF_8));
                // A separator that cannot occur in the values keeps ("ab","c") apart from ("a","bc").
                md5.update((byte) 0);
            }
            return HexFormat.of().formatHex(md5.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM provides MD5", e);
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
