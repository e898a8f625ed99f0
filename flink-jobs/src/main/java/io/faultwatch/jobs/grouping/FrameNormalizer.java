package io.faultwatch.jobs.grouping;

import io.faultwatch.model.ErrorEvent.Frame;
import java.util.List;
import java.util.Locale;

/**
 * What one stack frame contributes to a fingerprint, with the names that compilers, proxies and
 * bundlers generate replaced by stable ones. Line and column numbers never contribute: an edit
 * elsewhere in a file must not open a new issue.
 */
public final class FrameNormalizer {

    /** Longer source lines are minified code or generated data, which change with every build. */
    static final int MAX_CONTEXT_LINE_CHARS = 120;

    /** What every anonymous JavaScript function is called. */
    public static final String ANONYMOUS = "<anonymous>";
    private static final String GENERATED = "<auto>";

    /**
     * The values a frame contributes, never null; {@code context} is empty where the language does
     * not use source lines or the line is too long.
     */
    public record FrameKey(String location, String function, String context) {
        boolean isEmpty() {
            return location.isEmpty() && function.isEmpty() && context.isEmpty();
        }
    }

    /** Class and method names the JVM or a bytecode library made up at runtime; their numbers vary per run. */
    private static final List<Rewrite> JAVA_GENERATED = Rewrite.of(
            // JDK 8: Foo$$Lambda$15/1234567, JDK 17: Foo$$Lambda$123/0x0000000800c02a00, JDK 21: Foo$$Lambda/0x...
            "\\$\\$Lambda(?:\\$\\d+)?(?:/(?:0x)?[0-9a-fA-F]+)?", "\\$\\$Lambda\\$",
            // Other hidden classes, e.g. LambdaForm$MH/0x0000000800c0c000.
            "/(?:0x[0-9a-fA-F]+|\\d+)$", "",
            // javac's lambda bodies (lambda$process$3) and Kotlin's (process$lambda$0, process$lambda-1).
            "lambda\\$([^$]*)\\$\\d+", "lambda\\$$1\\$",
            "\\$lambda[-$]\\d+", "\\$lambda\\$",
            // CGLIB and Spring proxies: $$EnhancerByCGLIB$$1a2b3c, $$FastClassBySpringCGLIB$$9f8e, $$SpringCGLIB$$0.
            "\\$\\$(\\w*CGLIB\\w*)\\$\\$[0-9a-zA-Z_]+", "\\$\\$$1\\$\\$" + GENERATED,
            // javassist (old Hibernate): _$$_javassist_42, _$$_jvst3c1_2a.
            "_\\$\\$_javassist_\\w+", "_\\$\\$_javassist_" + GENERATED,
            "_\\$\\$_jvst\\w+", "_\\$\\$_jvst" + GENERATED,
            // ByteBuddy (Hibernate 5+, Mockito).
            "\\$(HibernateProxy|ByteBuddy|MockitoMock)\\$\\w+", "\\$$1\\$" + GENERATED,
            // Reflection accessors and JDK dynamic proxies: GeneratedMethodAccessor123, jdk.proxy2.$Proxy57.
            "(Generated(?:Serialization)?(?:Method|Constructor)Accessor)\\d+", "$1",
            "\\$Proxy\\d+", "\\$Proxy",
            "\\bjdk\\.proxy\\d+\\.", "jdk.proxy.");

    private static final List<Rewrite> JAVASCRIPT_FUNCTION = Rewrite.of(
            "^async ", "",
            // V8's alias of a method assigned under another name: "Foo.bar [as baz]".
            " \\[as [^\\]]*\\]$", "",
            // Firefox's names of nested anonymous functions: "handleClick/<", "init/</<".
            "(?:/<)+$", "");

    /** Ruby numbers nested blocks and Rails numbers compiled templates; both change with unrelated edits. */
    private static final List<Rewrite> RUBY_FUNCTION = Rewrite.of(
            "^block \\(\\d+ levels\\) in ", "block in ",
            "___?-?\\d+_-?\\d+$", "");

    /**
     * Content hashes and versions that bundlers and CDNs put into file names, which change with every
     * release: main.3f9a2c1b.chunk.js, index-BxK3a9Zq.js, jquery-3.6.0.min.js.
     */
    private static final List<Rewrite> FILE_NAME = Rewrite.of(
            "[.-](?=[0-9a-fA-F]*\\d)[0-9a-fA-F]{7,}(?=\\.)", "",
            "[.-](?=\\w*\\d)(?=\\w*[a-z])(?=\\w*[A-Z])\\w{8,}(?=\\.)", "",
            "[.@-]v?\\d+(?:\\.\\d+)+(?=\\.)", "");

    private FrameNormalizer() {}

    public static FrameKey key(Language language, Frame frame) {
        String location;
        if (isBlank(frame.module())) {
            location = fileBasename(frame);
        } else {
            location = language == Language.JAVA ? javaName(frame.module()) : frame.module();
        }
        String context = language.usesContextLine() ? contextLine(frame.contextLine()) : "";
        return new FrameKey(location, function(language, frame.function()), context);
    }

    /**
     * A Java class or method name with the generated parts replaced. Every rewrite needs a '$', a '/',
     * "Generated" or "jdk.proxy" to match, and most names have none: those skip the eleven regular
     * expressions, which were a large part of the job's time per event.
     */
    static String javaName(String name) {
        if (name.indexOf('$') < 0 && name.indexOf('/') < 0 && !name.contains("Generated")
                && !name.contains("jdk.proxy")) {
            return name;
        }
        return Rewrite.applyAll(JAVA_GENERATED, name);
    }

    static String function(Language language, String function) {
        return switch (language) {
            case JAVA -> javaName(nullToEmpty(function));
            case JAVASCRIPT -> javascriptFunction(function);
            case RUBY -> Rewrite.applyAll(RUBY_FUNCTION, nullToEmpty(function));
            default -> nullToEmpty(function);
        };
    }

    /** V8 says {@code ?} or {@code <anonymous>} (also as {@code Object.<anonymous>}), Firefox says nothing. */
    private static String javascriptFunction(String function) {
        if (isBlank(function) || function.equals("?") || function.endsWith(ANONYMOUS)) {
            return ANONYMOUS;
        }
        return Rewrite.applyAll(JAVASCRIPT_FUNCTION, function);
    }

    /** The lowercased last path segment, without query, fragment, content hash or version. */
    static String fileBasename(Frame frame) {
        String path = file(frame);
        String basename = path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
        return Rewrite.applyAll(FILE_NAME, basename).toLowerCase(Locale.ROOT);
    }

    /** The frame's file (or absolute path) without query and fragment, which cache busting varies; "" if none. */
    public static String file(Frame frame) {
        String path = isBlank(frame.filename()) ? nullToEmpty(frame.absPath()) : frame.filename();
        int end = path.length();
        for (char cut : new char[] {'?', '#'}) {
            int at = path.indexOf(cut);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        return path.substring(0, end);
    }

    /** Whitespace collapsed so that re-indenting keeps the issue; empty when absent or too long. */
    static String contextLine(String line) {
        if (line == null) {
            return "";
        }
        String collapsed = collapseWhitespace(line).strip();
        return collapsed.length() > MAX_CONTEXT_LINE_CHARS ? "" : collapsed;
    }

    /**
     * Each run of the characters regular expressions call {@code \s} (space, tab, line feed, vertical
     * tab, form feed, carriage return) as one space: what {@code replaceAll("\\s+", " ")} does, for every
     * frame of every event, without the regular expression.
     */
    static String collapseWhitespace(String text) {
        StringBuilder collapsed = new StringBuilder(text.length());
        boolean inRun = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean space = c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
            if (!space) {
                collapsed.append(c);
            } else if (!inRun) {
                collapsed.append(' ');
            }
            inRun = space;
        }
        return collapsed.toString();
    }

    static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
