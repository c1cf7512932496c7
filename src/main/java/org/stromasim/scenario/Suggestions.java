package org.stromasim.scenario;

import java.util.Collection;
import java.util.Locale;

/** "Did you mean …?" for mistyped keys and names: the closest candidate by edit distance, if close enough. */
final class Suggestions {

    private Suggestions() {
    }

    /** The candidate closest to {@code typed}, or {@code null} when none is plausibly what was meant. */
    static String closest(String typed, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String typedNormal = normalise(typed);
        for (String candidate : candidates) {
            // camelCase, dashes and capitals are the most common slips: compare without them first
            int d = normalise(candidate).equals(typedNormal) ? 0 : editDistance(typed, candidate);
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        int tolerated = Math.max(2, typed.length() / 3);
        return bestDistance <= tolerated ? best : null;
    }

    /** " Did you mean x_min?" or "" — ready to append to a message. */
    static String didYouMean(String typed, Collection<String> candidates) {
        String s = closest(typed, candidates);
        return s == null ? "" : " Did you mean " + s + "?";
    }

    private static String normalise(String s) {
        return s.replace("_", "").replace("-", "").toLowerCase(Locale.ROOT);
    }

    /** Levenshtein distance. */
    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }
}
