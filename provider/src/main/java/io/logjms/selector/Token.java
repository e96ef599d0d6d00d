package io.logjms.selector;

/**
 * One token of a selector.
 *
 * @param type what kind of token it is
 * @param text the token's value: the unquoted, unescaped content of a string literal, otherwise the
 *     source text
 * @param index the 0-based index of the token's first character in the selector
 */
record Token(TokenType type, String text, int index) {

    /** The token as error messages show it. */
    String describe() {
        return switch (type) {
            case END -> "end of selector";
            case STRING -> "string literal " + Literal.ofString(text);
            default -> "'" + text + "'";
        };
    }
}
