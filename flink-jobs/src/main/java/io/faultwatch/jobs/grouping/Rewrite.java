package io.faultwatch.jobs.grouping;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * One regular-expression replacement of a normalization; lists of them run in order.
 *
 * @param canMatch false only for a text the pattern cannot match (it lacks a character every match
 *                 needs), so the pattern is not run: scanning for a character costs far less than a
 *                 regular expression failing at every position
 */
record Rewrite(Pattern pattern, String replacement, Predicate<String> canMatch) {

    /** Pairs of a pattern and its {@link java.util.regex.Matcher#replaceAll} replacement, each always run. */
    static List<Rewrite> of(String... patternReplacementPairs) {
        List<Rewrite> result = new ArrayList<>();
        for (int i = 0; i < patternReplacementPairs.length; i += 2) {
            result.add(when(text -> true, patternReplacementPairs[i], patternReplacementPairs[i + 1]));
        }
        return List.copyOf(result);
    }

    /** A rewrite run only on texts for which {@code canMatch} holds. */
    static Rewrite when(Predicate<String> canMatch, String pattern, String replacement) {
        return new Rewrite(Pattern.compile(pattern), replacement, canMatch);
    }

    /** Each rewrite applied to the output of the one before. */
    static String applyAll(List<Rewrite> rewrites, String text) {
        String result = text;
        for (Rewrite rewrite : rewrites) {
            if (rewrite.canMatch.test(result)) {
                result = rewrite.pattern.matcher(result).replaceAll(rewrite.replacement);
            }
        }
        return result;
    }

    /** Whether the text holds an ASCII digit, which {@code \d} matches. */
    static boolean hasDigit(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (isDigit(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** Whether an ASCII digit ({@code \d}) is followed right away by a character {@code next} accepts. */
    static boolean hasDigitFollowedBy(String text, Predicate<Character> next) {
        for (int i = 0; i + 1 < text.length(); i++) {
            if (isDigit(text.charAt(i)) && next.test(text.charAt(i + 1))) {
                return true;
            }
        }
        return false;
    }

    /** Whether an ASCII digit is followed by {@code middle} and then by a character {@code next} accepts. */
    static boolean hasDigitFollowedBy(String text, char middle, Predicate<Character> next) {
        for (int i = text.indexOf(middle, 1); i >= 1 && i + 1 < text.length(); i = text.indexOf(middle, i + 1)) {
            if (isDigit(text.charAt(i - 1)) && next.test(text.charAt(i + 1))) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code digits} ASCII digits in a row are followed right away by {@code after}. */
    static boolean hasDigitsThen(String text, int digits, char after) {
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == after && run >= digits) {
                return true;
            }
            run = isDigit(c) ? run + 1 : 0;
        }
        return false;
    }

    /** Whether the text holds at least {@code length} hex digits ({@code [0-9a-fA-F]}) in a row. */
    static boolean hasHexRun(String text, int length) {
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            run = isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' ? run + 1 : 0;
            if (run >= length) {
                return true;
            }
        }
        return false;
    }

    static int count(String text, char c) {
        int n = 0;
        for (int i = text.indexOf(c); i >= 0; i = text.indexOf(c, i + 1)) {
            n++;
        }
        return n;
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
