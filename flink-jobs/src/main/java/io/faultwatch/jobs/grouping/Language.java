package io.faultwatch.jobs.grouping;

import java.util.Locale;

/** The language family of an event's {@code platform}, which decides what its frames contribute. */
public enum Language {
    /** Java and the other JVM languages the Java SDK reports: module (class) + function. */
    JAVA,
    /** Browser JavaScript and Node: module or file, function and source line. */
    JAVASCRIPT,
    PYTHON,
    PHP,
    RUBY,
    /** Any other platform: module or file and function, the common part of every frame. */
    OTHER;

    public static Language of(String platform) {
        if (platform == null) {
            return OTHER;
        }
        return switch (platform.toLowerCase(Locale.ROOT)) {
            case "java" -> JAVA;
            case "javascript", "node" -> JAVASCRIPT;
            case "python" -> PYTHON;
            case "php" -> PHP;
            case "ruby" -> RUBY;
            default -> OTHER;
        };
    }

    /** Whether the source line is part of a frame: for languages whose function names alone are weak. */
    boolean usesContextLine() {
        return this == JAVASCRIPT || this == PYTHON || this == PHP || this == RUBY;
    }
}
