package io.nutrisage.predictor.features;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds which groups of keywords occur in a {@link CategorySignals#normalise normalised} text in one pass over its
 * words, instead of one {@code String.contains} per keyword (about 230 per record).
 *
 * <p>Every keyword starts with a space and is at least three characters long, and a normalised text has a single
 * space before every word, so a keyword can only occur at a space; keywords are bucketed by the two characters
 * after their space, and at each space of the text only that bucket is tried. The result is exactly the set of
 * groups for which {@code text.contains(keyword)} holds for some keyword. Immutable and thread-safe.
 */
final class KeywordIndex {
    private static final int SYMBOLS = 38; // a-z, 0-9, '%', ' '

    private final String[][] keywords = new String[SYMBOLS * SYMBOLS][];
    private final int[][] groups = new int[SYMBOLS * SYMBOLS][];

    /** {@code groupKeywords.get(g)} are the keywords of group g, reported as bit g of {@link #match}. */
    KeywordIndex(List<List<String>> groupKeywords) {
        if (groupKeywords.size() > 31) {
            throw new IllegalArgumentException("at most 31 groups");
        }
        List<List<String>> bucketKeywords = new ArrayList<>();
        List<List<Integer>> bucketGroups = new ArrayList<>();
        for (int i = 0; i < SYMBOLS * SYMBOLS; i++) {
            bucketKeywords.add(new ArrayList<>());
            bucketGroups.add(new ArrayList<>());
        }
        for (int g = 0; g < groupKeywords.size(); g++) {
            for (String keyword : groupKeywords.get(g)) {
                int bucket = keyword.length() < 3 || keyword.charAt(0) != ' '
                        ? -1
                        : bucket(keyword.charAt(1), keyword.charAt(2));
                if (bucket < 0) {
                    throw new IllegalArgumentException("keyword \"" + keyword + "\" must be ' ' + [a-z0-9% ]{2,}");
                }
                bucketKeywords.get(bucket).add(keyword);
                bucketGroups.get(bucket).add(g);
            }
        }
        for (int b = 0; b < SYMBOLS * SYMBOLS; b++) {
            if (!bucketKeywords.get(b).isEmpty()) {
                keywords[b] = bucketKeywords.get(b).toArray(String[]::new);
                groups[b] =
                        bucketGroups.get(b).stream().mapToInt(Integer::intValue).toArray();
            }
        }
    }

    /** Bit g is set when some keyword of group g occurs in {@code text}. */
    int match(String text) {
        int found = 0;
        int end = text.length() - 2;
        for (int p = 0; p < end; p++) {
            if (text.charAt(p) != ' ') {
                continue;
            }
            int bucket = bucket(text.charAt(p + 1), text.charAt(p + 2));
            if (bucket < 0 || keywords[bucket] == null) {
                continue;
            }
            String[] candidates = keywords[bucket];
            int[] candidateGroups = groups[bucket];
            for (int i = 0; i < candidates.length; i++) {
                int bit = 1 << candidateGroups[i];
                if ((found & bit) == 0 && text.startsWith(candidates[i], p)) {
                    found |= bit;
                }
            }
        }
        return found;
    }

    private static int bucket(char a, char b) {
        int x = symbol(a);
        int y = symbol(b);
        return x < 0 || y < 0 ? -1 : x * SYMBOLS + y;
    }

    private static int symbol(char c) {
        if (c >= 'a' && c <= 'z') {
            return c - 'a';
        }
        if (c >= '0' && c <= '9') {
            return 26 + c - '0';
        }
        return c == '%' ? 36 : c == ' ' ? 37 : -1;
    }
}
