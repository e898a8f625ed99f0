package io.faultwatch.jobs.alerting;

/**
 * Matches a tag value against a rule's pattern: {@code *} stands for any run of characters, and in a
 * pattern of digits and {@code x} (such as {@code 5xx}) each {@code x} stands for one digit, so HTTP
 * status classes read as users write them. Anything else must be equal.
 */
final class TagPattern {

    private TagPattern() {}

    static boolean matches(String pattern, String value) {
        if (value == null) {
            return false;
        }
        if (pattern.matches("[0-9]*x[0-9x]*")) {
            return value.matches(pattern.replace("x", "[0-9]"));
        }
        return matchesGlob(pattern, 0, value, 0);
    }

    private static boolean matchesGlob(String pattern, int p, String value, int v) {
        while (p < pattern.length()) {
            char c = pattern.charAt(p);
            if (c == '*') {
                for (int rest = v; rest <= value.length(); rest++) {
                    if (matchesGlob(pattern, p + 1, value, rest)) {
                        return true;
                    }
                }
                return false;
            }
            if (v >= value.length() || value.charAt(v) != c) {
                return false;
            }
            p++;
            v++;
        }
        return v == value.length();
    }
}
