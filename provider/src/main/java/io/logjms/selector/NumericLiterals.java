package io.logjms.selector;

import java.util.regex.Pattern;

/**
 * Numeric literals in the Java syntax that Jakarta Messaging 3.1 section 3.8.1.1 prescribes (JLS 3.10.1 and
 * 3.10.2, without hexadecimal floating point):
 * <ul>
 *   <li>exact: decimal ({@code 29}), octal ({@code 035}), hexadecimal ({@code 0x1d}) or binary
 *       ({@code 0b11101}), underscores between digits ({@code 1_000}), an optional {@code L}/{@code l}
 *       suffix. Without the suffix a literal that fits an int is an int ({@code 0xFFFFFFFF} is -1, as in
 *       Java); any other value up to the range of long is a long (Java would refuse it; the specification
 *       asks for the whole long range). Hexadecimal, octal and binary literals with the suffix are 64-bit
 *       two's complement, as in Java ({@code 0xFFFFFFFFFFFFFFFFL} is -1).</li>
 *   <li>approximate: {@code 7.}, {@code 95.7}, {@code .5}, {@code 7E3}, {@code 1e-3}, an optional
 *       {@code F}/{@code f} suffix (a float) or {@code D}/{@code d} suffix (a double, the default); a
 *       digit string with a suffix ({@code 2F}) is approximate too.</li>
 * </ul>
 * A leading sign is not part of a literal: the parser folds it in, so {@code -9223372036854775808} and
 * {@code -2147483648} are in range.
 */
final class NumericLiterals {

    private static final String DIGITS = "[0-9](?:[0-9_]*[0-9])?";
    private static final String EXPONENT = "[eE][+-]?" + DIGITS;
    private static final Pattern DECIMAL = Pattern.compile("(?:0|[1-9](?:[0-9_]*[0-9])?)[lL]?");
    private static final Pattern HEXADECIMAL = Pattern.compile("0[xX][0-9a-fA-F](?:[0-9a-fA-F_]*[0-9a-fA-F])?[lL]?");
    private static final Pattern OCTAL = Pattern.compile("0_*[0-7](?:[0-7_]*[0-7])?[lL]?");
    private static final Pattern BINARY = Pattern.compile("0[bB][01](?:[01_]*[01])?[lL]?");
    private static final Pattern FLOATING = Pattern.compile("(?:" + DIGITS + "\\.(?:" + DIGITS + ")?(?:" + EXPONENT
            + ")?|\\." + DIGITS + "(?:" + EXPONENT + ")?|" + DIGITS + EXPONENT + ")[fFdD]?|" + DIGITS + "[fFdD]");
    private static final Pattern OCTAL_WITH_DECIMAL_DIGITS = Pattern.compile("0[0-9_]*[89][0-9_]*[lL]?");
    private static final Pattern EXPONENT_WITHOUT_DIGITS = Pattern.compile("[0-9_.]*[eE][+-]?[fFdD]?");

    private NumericLiterals() {
    }

    /**
     * Whether a number-shaped word is an exact or an approximate literal.
     *
     * @throws SelectorSyntaxException if it is neither
     */
    static TokenType classify(String text, int index) throws SelectorSyntaxException {
        if (DECIMAL.matcher(text).matches() || HEXADECIMAL.matcher(text).matches()
                || OCTAL.matcher(text).matches() || BINARY.matcher(text).matches()) {
            return TokenType.EXACT_NUMBER;
        }
        if (FLOATING.matcher(text).matches()) {
            return TokenType.APPROXIMATE_NUMBER;
        }
        String malformed = "malformed number '" + text + "'";
        if (OCTAL_WITH_DECIMAL_DIGITS.matcher(text).matches()) {
            throw new SelectorSyntaxException(
                    malformed + ": a number with a leading 0 is octal and has only the digits 0-7", index);
        }
        if (EXPONENT_WITHOUT_DIGITS.matcher(text).matches()) {
            throw new SelectorSyntaxException(malformed + ": exponent has no digits", index);
        }
        throw new SelectorSyntaxException(malformed, index);
    }

    /**
     * The literal's value: Integer or Long for an exact literal, Float or Double for an approximate one.
     *
     * @param token a number token
     * @param negative whether a unary minus precedes the literal
     * @param index where the literal (with its sign) starts, for error positions
     */
    static Literal read(Token token, boolean negative, int index) throws SelectorSyntaxException {
        String text = token.text();
        return token.type() == TokenType.EXACT_NUMBER
                ? exact(text, negative, index) : approximate(text, negative, index);
    }

    private static Literal exact(String text, boolean negative, int index) throws SelectorSyntaxException {
        boolean longSuffix = text.endsWith("L") || text.endsWith("l");
        String digits = text.substring(0, text.length() - (longSuffix ? 1 : 0)).replace("_", "");
        int radix = radixOf(digits);
        String magnitude = radix == 10 ? digits : digits.substring(radix == 8 ? 1 : 2);
        long value;
        try {
            value = radix == 10
                    ? Long.parseLong(negative ? "-" + magnitude : magnitude)
                    : Long.parseUnsignedLong(magnitude, radix);
        } catch (NumberFormatException e) {
            throw new SelectorSyntaxException("exact numeric literal " + (negative ? "-" : "") + text
                    + " is out of the range of long", index);
        }
        if (radix != 10) {
            if (!longSuffix && value >>> 32 == 0) {
                int bits = (int) value;
                return Literal.ofInt(negative ? -bits : bits);
            }
            return Literal.ofLong(negative ? -value : value);
        }
        if (!longSuffix && value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE) {
            return Literal.ofInt((int) value);
        }
        return Literal.ofLong(value);
    }

    private static int radixOf(String digits) {
        if (digits.length() < 2 || digits.charAt(0) != '0') {
            return 10;
        }
        return switch (digits.charAt(1)) {
            case 'x', 'X' -> 16;
            case 'b', 'B' -> 2;
            default -> 8;
        };
    }

    private static Literal approximate(String text, boolean negative, int index) throws SelectorSyntaxException {
        char last = text.charAt(text.length() - 1);
        boolean isFloat = last == 'f' || last == 'F';
        boolean suffixed = isFloat || last == 'd' || last == 'D';
        String number = (negative ? "-" : "") + text.substring(0, text.length() - (suffixed ? 1 : 0)).replace("_", "");
        double value = isFloat ? Float.parseFloat(number) : Double.parseDouble(number);
        String type = isFloat ? "float" : "double";
        String shown = (negative ? "-" : "") + text;
        if (Double.isInfinite(value)) {
            throw new SelectorSyntaxException(
                    "approximate numeric literal " + shown + " is out of the range of " + type, index);
        }
        if (value == 0 && hasNonZeroDigit(number)) {
            throw new SelectorSyntaxException(
                    "approximate numeric literal " + shown + " is too small for " + type + " (it rounds to zero)", index);
        }
        return isFloat ? Literal.ofFloat((float) value) : Literal.ofDouble(value);
    }

    /** Whether the significand (the part before any exponent) has a digit other than 0. */
    private static boolean hasNonZeroDigit(String number) {
        for (int i = 0; i < number.length(); i++) {
            char c = number.charAt(i);
            if (c == 'e' || c == 'E') {
                return false;
            }
            if (c >= '1' && c <= '9') {
                return true;
            }
        }
        return false;
    }
}
