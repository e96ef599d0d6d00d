package io.logjms.selector;

/** The kinds of token in a selector. Keywords are recognised case-insensitively. */
enum TokenType {
    IDENTIFIER,
    STRING,
    EXACT_NUMBER,
    APPROXIMATE_NUMBER,

    AND,
    OR,
    NOT,
    BETWEEN,
    LIKE,
    IN,
    IS,
    ESCAPE,
    NULL,
    TRUE,
    FALSE,

    EQUAL,
    NOT_EQUAL,
    LESS,
    LESS_OR_EQUAL,
    GREATER,
    GREATER_OR_EQUAL,
    PLUS,
    MINUS,
    STAR,
    SLASH,
    LEFT_PAREN,
    RIGHT_PAREN,
    COMMA,

    END;

    /** The keyword spelled by an identifier-shaped word (ASCII letters, any case), or null. */
    static TokenType keyword(String word) {
        for (int i = 0; i < word.length(); i++) {
            if (word.charAt(i) >= 0x80) {
                return null; // keeps e.g. a dotless 'ı' from upper-casing into "IN"
            }
        }
        return switch (word.toUpperCase(java.util.Locale.ROOT)) {
            case "AND" -> AND;
            case "OR" -> OR;
            case "NOT" -> NOT;
            case "BETWEEN" -> BETWEEN;
            case "LIKE" -> LIKE;
            case "IN" -> IN;
            case "IS" -> IS;
            case "ESCAPE" -> ESCAPE;
            case "NULL" -> NULL;
            case "TRUE" -> TRUE;
            case "FALSE" -> FALSE;
            default -> null;
        };
    }
}
