package io.logjms.selector;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a selector into tokens. Whitespace is what Java counts as white space between tokens
 * (space, tab, form feed, line terminators). Identifiers follow Java's identifier rules; a word that
 * spells a keyword in any case is that keyword. String literals are single-quoted with {@code ''}
 * for a quote. Numbers follow Java's literal syntax ({@link NumericLiterals}) and are unsigned here: the
 * parser folds a leading sign into the literal.
 */
final class SelectorLexer {

    private final String text;
    private int index;

    SelectorLexer(String text) {
        this.text = text;
    }

    /** All tokens of the selector, ending with one {@link TokenType#END} token. */
    List<Token> tokenize() throws SelectorSyntaxException {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            skipWhitespace();
            if (index >= text.length()) {
                tokens.add(new Token(TokenType.END, "", index));
                return tokens;
            }
            tokens.add(next());
        }
    }

    private void skipWhitespace() {
        while (index < text.length() && isWhitespace(text.charAt(index))) {
            index++;
        }
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\f' || c == '\n' || c == '\r';
    }

    private Token next() throws SelectorSyntaxException {
        int start = index;
        char c = text.charAt(index);
        if (c == '\'') {
            return string(start);
        }
        if (isDigit(c) || c == '.' && index + 1 < text.length() && isDigit(text.charAt(index + 1))) {
            return number(start);
        }
        int codePoint = text.codePointAt(index);
        if (Character.isJavaIdentifierStart(codePoint)) {
            return word(start);
        }
        return operator(start, c);
    }

    private Token string(int start) throws SelectorSyntaxException {
        StringBuilder value = new StringBuilder();
        index++;
        while (index < text.length()) {
            char c = text.charAt(index++);
            if (c != '\'') {
                value.append(c);
            } else if (index < text.length() && text.charAt(index) == '\'') {
                value.append('\'');
                index++;
            } else {
                return new Token(TokenType.STRING, value.toString(), start);
            }
        }
        throw new SelectorSyntaxException("unterminated string literal", start);
    }

    /**
     * A number is the longest run of identifier characters and dots from its first digit (or dot), plus a
     * sign right after the exponent letter of a decimal number; {@link NumericLiterals} then decides whether
     * the whole word is a valid literal, so {@code 12abc} is one malformed number rather than two tokens.
     */
    private Token number(int start) throws SelectorSyntaxException {
        boolean hexadecimal = text.startsWith("0x", start) || text.startsWith("0X", start);
        index++;
        while (index < text.length()) {
            char c = text.charAt(index);
            char previous = text.charAt(index - 1);
            boolean exponentSign = (c == '+' || c == '-') && (previous == 'e' || previous == 'E') && !hexadecimal;
            if (!Character.isJavaIdentifierPart(c) && c != '.' && !exponentSign) {
                break;
            }
            index++;
        }
        String word = text.substring(start, index);
        return new Token(NumericLiterals.classify(word, start), word, start);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private Token word(int start) {
        index += Character.charCount(text.codePointAt(index));
        while (index < text.length()) {
            int codePoint = text.codePointAt(index);
            if (!Character.isJavaIdentifierPart(codePoint)) {
                break;
            }
            index += Character.charCount(codePoint);
        }
        String word = text.substring(start, index);
        TokenType keyword = TokenType.keyword(word);
        return new Token(keyword == null ? TokenType.IDENTIFIER : keyword, word, start);
    }

    private Token operator(int start, char c) throws SelectorSyntaxException {
        char following = index + 1 < text.length() ? text.charAt(index + 1) : 0;
        TokenType type = switch (c) {
            case '=' -> {
                if (following == '=') {
                    throw new SelectorSyntaxException("unknown operator '==' (use '=' for equal)", start);
                }
                yield TokenType.EQUAL;
            }
            case '<' -> following == '>' ? TokenType.NOT_EQUAL
                    : following == '=' ? TokenType.LESS_OR_EQUAL : TokenType.LESS;
            case '>' -> following == '=' ? TokenType.GREATER_OR_EQUAL : TokenType.GREATER;
            case '+' -> TokenType.PLUS;
            case '-' -> TokenType.MINUS;
            case '*' -> TokenType.STAR;
            case '/' -> TokenType.SLASH;
            case '(' -> TokenType.LEFT_PAREN;
            case ')' -> TokenType.RIGHT_PAREN;
            case ',' -> TokenType.COMMA;
            default -> throw unexpectedCharacter(start, c, following);
        };
        boolean twoCharacters = type == TokenType.NOT_EQUAL || type == TokenType.LESS_OR_EQUAL
                || type == TokenType.GREATER_OR_EQUAL;
        index += twoCharacters ? 2 : 1;
        return new Token(type, text.substring(start, index), start);
    }

    private SelectorSyntaxException unexpectedCharacter(int start, char c, char following) {
        if (c == '!' && following == '=') {
            return new SelectorSyntaxException("unknown operator '!=' (use '<>' for not equal)", start);
        }
        if (c == '"') {
            return new SelectorSyntaxException("unexpected character '\"' (string literals use single quotes)", start);
        }
        String shown = Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c);
        return new SelectorSyntaxException("unexpected character '" + shown + "'", start);
    }
}
