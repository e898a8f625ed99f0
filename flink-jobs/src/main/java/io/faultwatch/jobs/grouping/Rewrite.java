package io.faultwatch.jobs.grouping;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** One regular-expression replacement of a normalization; lists of them run in order. */
record Rewrite(Pattern pattern, String replacement) {

    /** Pairs of a pattern and its {@link java.util.regex.Matcher#replaceAll} replacement. */
    static List<Rewrite> of(String... patternReplacementPairs) {
        List<Rewrite> result = new ArrayList<>();
        for (int i = 0; i < patternReplacementPairs.length; i += 2) {
            result.add(new Rewrite(Pattern.compile(patternReplacementPairs[i]), patternReplacementPairs[i + 1]));
        }
        return List.copyOf(result);
    }

    /** Each rewrite applied to the output of the one before. */
    static String applyAll(List<Rewrite> rewrites, String text) {
        String result = text;
        for (Rewrite rewrite : rewrites) {
            result = rewrite.pattern.matcher(result).replaceAll(rewrite.replacement);
        }
        return result;
    }
}
