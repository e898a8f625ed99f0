package io.faultwatch.jobs;

import io.faultwatch.jobs.grouping.FrameNormalizer;
import io.faultwatch.jobs.grouping.FrameNormalizer.FrameKey;
import io.faultwatch.jobs.grouping.Language;
import io.faultwatch.jobs.grouping.MessageParameterizer;
import io.faultwatch.jobs.grouping.StackFrames;
import io.faultwatch.model.ErrorEvent;
import io.faultwatch.model.ErrorEvent.ExceptionInfo;
import io.faultwatch.model.ErrorEvent.Frame;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Grouping version 1: one bug, one fingerprint. The first of these that applies decides:
 *
 * <ol>
 *   <li>the event's custom fingerprint, with {@code {{ default }}}, {@code {{ type }}},
 *       {@code {{ transaction }}} and {@code {{ level }}} expanded;</li>
 *   <li>the stack traces of the whole exception chain ({@link StackFrames}, {@link FrameNormalizer});</li>
 *   <li>the types and parameterized values of the exception chain;</li>
 *   <li>the logging template, or the parameterized message ({@link MessageParameterizer}).</li>
 * </ol>
 *
 * <p>The fingerprint is the md5 hex of the contributing values, each UTF-8 encoded and followed by
 * a zero byte. It never changes between releases: docs/grouping.md lists the components and the
 * rule for changing them, and GroupingHashStabilityTest pins the hashes of fixed events.
 */
public final class Fingerprinter {

    static final int MAX_TITLE_LENGTH = 200;
    static final String UNLABELED_TITLE = "<unlabeled event>";
    private static final String DEFAULT_LEVEL = "error";

    private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*(\\w+)\\s*}}");
    private static final String DEFAULT_VARIABLE = "default";

    private Fingerprinter() {}

    public static Grouping group(ErrorEvent event) {
        Language language = Language.of(event.platform());
        return new Grouping(md5Hex(components(event, language)), title(event), culprit(event, language));
    }

    /** The level an event without one is treated as: what Sentry assumes for errors. */
    public static String levelOf(ErrorEvent event) {
        return isBlank(event.level()) ? DEFAULT_LEVEL : event.level();
    }

    /** The values the fingerprint is the md5 of, in order; the layout is documented in docs/grouping.md. */
    static List<String> components(ErrorEvent event, Language language) {
        List<String> fingerprint = event.fingerprint();
        boolean onlyDefault = fingerprint.stream().allMatch(part -> DEFAULT_VARIABLE.equals(variable(part)));
        if (onlyDefault) {
            // Also for ["{{ default }}"]: saying "group as usual" must not move events into a new issue.
            return defaultComponents(event, language);
        }
        List<String> components = new ArrayList<>();
        components.add("custom");
        for (String part : fingerprint) {
            String variable = variable(part);
            if (variable == null) {
                components.add(part);
                continue;
            }
            switch (variable) {
                case DEFAULT_VARIABLE -> components.addAll(defaultComponents(event, language));
                case "type" -> components.add(thrownType(event));
                case "transaction" -> components.add(orDefault(event.transaction(), "<no-transaction>"));
                case "level" -> components.add(levelOf(event));
                // An unknown variable is kept as written, as Sentry does.
                default -> components.add(part);
            }
        }
        return components;
    }

    private static List<String> defaultComponents(ErrorEvent event, Language language) {
        List<ExceptionInfo> chain = event.exceptions();
        List<List<FrameKey>> stacks = StackFrames.contributing(chain, language);
        List<String> components = new ArrayList<>();
        if (stacks.stream().anyMatch(frames -> !frames.isEmpty())) {
            components.add("stacktrace");
            components.add(Integer.toString(chain.size()));
            for (int i = 0; i < chain.size(); i++) {
                ExceptionInfo exception = chain.get(i);
                components.add(nullToEmpty(exception.type()));
                List<FrameKey> frames = stacks.get(i);
                if (frames.isEmpty()) {
                    addValue(components, exception);
                } else {
                    components.add("frames");
                    components.add(Integer.toString(frames.size()));
                    for (FrameKey frame : frames) {
                        components.add(frame.location());
                        components.add(frame.function());
                        components.add(frame.context());
                    }
                }
            }
        } else if (!chain.isEmpty()) {
            components.add("exception");
            components.add(Integer.toString(chain.size()));
            for (ExceptionInfo exception : chain) {
                components.add(nullToEmpty(exception.type()));
                addValue(components, exception);
            }
        } else {
            components.add("message");
            components.add(isBlank(event.messageTemplate())
                    ? MessageParameterizer.parameterize(nullToEmpty(event.message()))
                    : event.messageTemplate());
        }
        return components;
    }

    private static void addValue(List<String> components, ExceptionInfo exception) {
        components.add("value");
        components.add(MessageParameterizer.parameterize(nullToEmpty(exception.value())));
    }

    /** The variable name if {@code part} is exactly one {@code {{ name }}}, lowercased; else null. */
    private static String variable(String part) {
        Matcher m = VARIABLE.matcher(part.strip());
        return m.matches() ? m.group(1).toLowerCase(Locale.ROOT) : null;
    }

    private static String thrownType(ErrorEvent event) {
        ExceptionInfo thrown = event.thrownException();
        return thrown == null ? "<no-type>" : orDefault(thrown.type(), "<no-type>");
    }

    private static String title(ErrorEvent event) {
        ExceptionInfo thrown = event.thrownException();
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

    /**
     * module.function of the blamed frame, with generated names normalized so that every event of
     * the issue names the same culprit; the file when the frame has no module; else the transaction.
     */
    private static String culprit(ErrorEvent event, Language language) {
        Frame frame = StackFrames.culprit(event.exceptions());
        if (frame == null) {
            return isBlank(event.transaction()) ? null : event.transaction();
        }
        if (isBlank(frame.module())) {
            String file = FrameNormalizer.file(frame);
            return file.isEmpty() ? nullToEmpty(frame.function()) : file;
        }
        FrameKey key = FrameNormalizer.key(language, frame);
        boolean named = !key.function().isEmpty() && !key.function().equals(FrameNormalizer.ANONYMOUS);
        return named ? key.location() + "." + key.function() : key.location();
    }

    private static String md5Hex(List<String> components) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            for (String component : components) {
                md5.update(component.getBytes(StandardCharsets.UTF_8));
                // Ends each value, so that ("ab", "c") and ("a", "bc") hash differently.
                md5.update((byte) 0);
            }
            return HexFormat.of().formatHex(md5.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM provides MD5", e);
        }
    }

    private static String orDefault(String value, String fallback) {
        return isBlank(value) ? fallback : value;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
