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
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                return true;
            }
        }
        return false;
    }
}
