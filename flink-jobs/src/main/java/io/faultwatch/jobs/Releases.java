package io.faultwatch.jobs;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Release order for "resolved in the next release". Releases that read as versions of the same
 * package ({@code shop@1.4.2}, {@code v2.0.0-rc.1}, {@code 1.10+build.7}) compare by version, so an
 * event from a client still on an older release does not reopen the issue. Any other pair cannot be
 * ordered (a commit hash, a date, another package); then a different release counts as newer, which
 * is what a deploy of new code looks like.
 */
public final class Releases {

    /** Optional package and '@', optional 'v', dotted numbers, optional pre-release, optional build. */
    private static final Pattern VERSION =
            Pattern.compile("(?:(.*)@)?v?(\\d+(?:\\.\\d+)*)(?:-([0-9A-Za-z.-]+))?(?:\\+[0-9A-Za-z.-]+)?");

    private Releases() {}

    /**
     * Whether an event of {@code candidate} is from a newer release than {@code base}. An event without
     * a release is never newer; when there was no release at resolution, any release is newer.
     */
    public static boolean isNewer(String candidate, String base) {
        if (candidate == null || candidate.isBlank()) {
            return false;
        }
        if (base == null || base.isBlank()) {
            return true;
        }
        if (candidate.equals(base)) {
            return false;
        }
        Matcher a = VERSION.matcher(candidate);
        Matcher b = VERSION.matcher(base);
        if (!a.matches() || !b.matches() || !samePackage(a.group(1), b.group(1))) {
            return true;
        }
        int byNumbers = compareNumbers(a.group(2), b.group(2));
        if (byNumbers != 0) {
            return byNumbers > 0;
        }
        return comparePreRelease(a.group(3), b.group(3)) > 0;
    }

    private static boolean samePackage(String a, String b) {
        return a == null ? b == null : a.equals(b);
    }

    private static int compareNumbers(String a, String b) {
        String[] left = a.split("\\.");
        String[] right = b.split("\\.");
        for (int i = 0; i < Math.max(left.length, right.length); i++) {
            int order = compareDigits(i < left.length ? left[i] : "0", i < right.length ? right[i] : "0");
            if (order != 0) {
                return order;
            }
        }
        return 0;
    }

    /** Numerically, without overflow on long digit runs. */
    private static int compareDigits(String a, String b) {
        String left = a.replaceFirst("^0+(?=.)", "");
        String right = b.replaceFirst("^0+(?=.)", "");
        return left.length() != right.length() ? Integer.compare(left.length(), right.length()) : left.compareTo(right);
    }

    /** As in SemVer: a pre-release comes before its release; two pre-releases compare as text. */
    private static int comparePreRelease(String a, String b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : 1) : -1;
        }
        return a.compareTo(b);
    }
}
