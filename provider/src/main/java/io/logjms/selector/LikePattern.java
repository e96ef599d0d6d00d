package io.logjms.selector;

import java.util.Arrays;

/**
 * A compiled LIKE pattern: {@code _} matches any one character, {@code %} any sequence of characters
 * (also none), every other character only itself; the escape character, if any, makes the character
 * after it literal. Characters are Unicode code points, so {@code _} matches a supplementary
 * character as a whole. No regular expressions are involved, so characters such as {@code . * [} are
 * ordinary, and matching allocates nothing.
 */
final class LikePattern {

    private static final int ANY_ONE = -1;
    private static final int ANY_SEQUENCE = -2;

    private final String source;
    private final String escape;
    /** Code points, or {@link #ANY_ONE} / {@link #ANY_SEQUENCE}; consecutive '%' collapsed to one. */
    private final int[] elements;

    private LikePattern(String source, String escape, int[] elements) {
        this.source = source;
        this.escape = escape;
        this.elements = elements;
    }

    /**
     * @param pattern the pattern literal's value
     * @param escape the escape literal's value, or null without an ESCAPE clause
     * @param patternIndex where the pattern literal starts in the selector, for error positions
     * @param escapeIndex where the escape literal starts in the selector, for error positions
     */
    static LikePattern compile(String pattern, String escape, int patternIndex, int escapeIndex)
            throws SelectorSyntaxException {
        int escapeCodePoint = -1;
        if (escape != null) {
            if (escape.codePointCount(0, escape.length()) != 1) {
                throw new SelectorSyntaxException(
                        "ESCAPE must be exactly one character but was '" + escape + "'", escapeIndex);
            }
            escapeCodePoint = escape.codePointAt(0);
        }
        int[] elements = new int[pattern.length()];
        int count = 0;
        int index = 0;
        while (index < pattern.length()) {
            int codePoint = pattern.codePointAt(index);
            index += Character.charCount(codePoint);
            if (codePoint == escapeCodePoint) {
                if (index >= pattern.length()) {
                    throw new SelectorSyntaxException(
                            "LIKE pattern '" + pattern + "' ends with its escape character", patternIndex);
                }
                codePoint = pattern.codePointAt(index);
                index += Character.charCount(codePoint);
                elements[count++] = codePoint;
            } else if (codePoint == '%') {
                if (count == 0 || elements[count - 1] != ANY_SEQUENCE) {
                    elements[count++] = ANY_SEQUENCE;
                }
            } else if (codePoint == '_') {
                elements[count++] = ANY_ONE;
            } else {
                elements[count++] = codePoint;
            }
        }
        return new LikePattern(pattern, escape, Arrays.copyOf(elements, count));
    }

    /**
     * Matches with the usual wildcard scan: advance through text and pattern together; on a
     * mismatch, go back to the last '%' and let it swallow one more character. Worst case
     * O(text × pattern), linear for typical patterns.
     */
    boolean matches(String text) {
        int element = 0;
        int position = 0;
        int lastSequence = -1;
        int sequenceEnd = 0;
        while (position < text.length()) {
            if (element < elements.length) {
                int expected = elements[element];
                if (expected == ANY_SEQUENCE) {
                    lastSequence = element++;
                    sequenceEnd = position;
                    continue;
                }
                int actual = text.codePointAt(position);
                if (expected == ANY_ONE || expected == actual) {
                    element++;
                    position += Character.charCount(actual);
                    continue;
                }
            }
            if (lastSequence < 0) {
                return false;
            }
            element = lastSequence + 1;
            sequenceEnd += Character.charCount(text.codePointAt(sequenceEnd));
            position = sequenceEnd;
        }
        while (element < elements.length && elements[element] == ANY_SEQUENCE) {
            element++;
        }
        return element == elements.length;
    }

    @Override
    public String toString() {
        String rendered = Literal.ofString(source).toString();
        return escape == null ? rendered : rendered + " ESCAPE " + Literal.ofString(escape);
    }
}
