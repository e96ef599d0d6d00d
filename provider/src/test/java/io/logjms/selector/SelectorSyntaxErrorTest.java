package io.logjms.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.InvalidSelectorException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(10)
class SelectorSyntaxErrorTest {

    @ParameterizedTest(name = "[{0}] fails at {1}: {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        // unbalanced parentheses
        "(a = 1                        | 7  | expected ')' to close the '(' at position 1 but found end of selector",
        "a = 1)                        | 6  | expected an operator or end of selector but found ')'",
        "((a = 1)                      | 9  | expected ')' to close the '(' at position 1",
        "()                            | 2  | expected an expression but found ')'",
        // bad tokens
        "a = 'open                     | 5  | unterminated string literal",
        "a # 1                         | 3  | unexpected character '#'",
        "a != 1                        | 3  | unknown operator '!=' (use '<>' for not equal)",
        "a == 1                        | 3  | unknown operator '==' (use '=' for equal)",
        "a = \"x\"                     | 5  | string literals use single quotes",
        "a = 12abc                     | 5  | malformed number '12abc'",
        "a = 1.2.3                     | 5  | malformed number '1.2.3'",
        "a = 1E                        | 5  | exponent has no digits",
        "a = 9223372036854775808       | 5  | out of the range of long",
        "a = 1E999                     | 5  | out of the range of double",
        "a = .                         | 5  | unexpected character '.'",
        "a = 09                        | 5  | malformed number '09': a number with a leading 0 is octal",
        "a = 0x                        | 5  | malformed number '0x'",
        "a = 0xg1                      | 5  | malformed number '0xg1'",
        "a = 0b12                      | 5  | malformed number '0b12'",
        "a = 1_                        | 5  | malformed number '1_'",
        "a = 0x_1                      | 5  | malformed number '0x_1'",
        "a = 1._5                      | 5  | malformed number '1._5'",
        "a = 1LL                       | 5  | malformed number '1LL'",
        "a = 1.5L                      | 5  | malformed number '1.5L'",
        "a = 1e5L                      | 5  | malformed number '1e5L'",
        "a = 1E+                       | 5  | exponent has no digits",
        "a = 1e5e5                     | 5  | malformed number '1e5e5'",
        "a = 9223372036854775808L      | 5  | exact numeric literal 9223372036854775808L is out of the range of long",
        "a = -9223372036854775809      | 5  | out of the range of long",
        "a = 0x10000000000000000L      | 5  | out of the range of long",
        "a = 3.5E38F                   | 5  | approximate numeric literal 3.5E38F is out of the range of float",
        "a = 1E-999                    | 5  | approximate numeric literal 1E-999 is too small for double",
        "a = 1E-50f                    | 5  | too small for float",
        // strings and booleans compare only with = and <>
        "p > 'foo'                     | 3  | strings can only be compared with = and <>",
        "p >= 'foo'                    | 3  | strings can only be compared with = and <>",
        "p < 'foo'                     | 3  | strings can only be compared with = and <>",
        "p <= 'foo'                    | 3  | strings can only be compared with = and <>",
        "'foo' < p                     | 7  | strings can only be compared with = and <>",
        "'a' < 'b'                     | 5  | strings can only be compared with = and <>",
        "p > TRUE                      | 3  | booleans can only be compared with = and <>",
        "p <= false                    | 3  | booleans can only be compared with = and <>",
        "FALSE < p                     | 7  | booleans can only be compared with = and <>",
        "(a = 1) >= (b = 2)            | 9  | booleans can only be compared with = and <>",
        // not a condition at the top level or under a logical operator
        "5 + 3                         | 1  | a selector needs a condition but found a numeric expression",
        "'abc'                         | 1  | a selector needs a condition but found a string expression",
        "a = 1 AND 5                   | 11 | AND needs a condition but found a numeric expression",
        "'x' OR a                      | 1  | OR needs a condition but found a string expression",
        "NOT 3                         | 5  | NOT needs a condition but found a numeric expression",
        // operands of the wrong type
        "a + 'x' > 1                   | 5  | + needs a numeric operand but found a string expression",
        "TRUE * 2 > 1                  | 1  | * needs a numeric operand but found a boolean expression",
        "-'x' = 1                      | 2  | unary - needs a numeric operand",
        "a BETWEEN 'a' AND 'z'         | 11 | BETWEEN needs a numeric operand but found a string expression",
        "'m' BETWEEN 1 AND 2           | 1  | BETWEEN needs a numeric operand",
        // misplaced or missing keywords and operands
        "a =                           | 4  | expected an expression but found end of selector",
        "a = = 1                       | 5  | expected an expression but found '='",
        "a = 1 b = 2                   | 7  | expected an operator or end of selector but found 'b'",
        "a = 1 = 2                     | 7  | expected an operator or end of selector but found '='",
        "a AND                         | 6  | expected an expression but found end of selector",
        "OR a                          | 1  | expected an expression but found 'OR'",
        "a NOT = 1                     | 7  | expected BETWEEN, IN or LIKE after NOT but found '='",
        "a BETWEEN 1 OR 2              | 13 | expected AND between the bounds of BETWEEN but found 'OR'",
        "a IS 1                        | 6  | expected NULL after IS but found '1'",
        "a IS NOT TRUE                 | 10 | expected NULL after IS NOT but found 'TRUE'",
        "a = NULL                      | 5  | NULL is only allowed in IS NULL and IS NOT NULL",
        "NULL = a                      | 1  | NULL is only allowed in IS NULL",
        "1 IS NULL                     | 1  | IS NULL needs an identifier on its left",
        // IN
        "a IN ()                       | 7  | expected a string literal in the IN list but found ')'",
        "a IN ('x', 1)                 | 12 | expected a string literal in the IN list but found '1'",
        "a IN 'x'                      | 6  | expected '(' to open the IN list",
        "a IN ('x' 'y')                | 11 | expected ',' or ')' in the IN list but found string literal 'y'",
        "'a' IN ('a')                  | 1  | IN needs an identifier on its left",
        // LIKE
        "a LIKE b                      | 8  | expected a string literal pattern after LIKE but found 'b'",
        "a LIKE 'x' ESCAPE 'ab'        | 19 | ESCAPE must be exactly one character but was 'ab'",
        "a LIKE 'x' ESCAPE ''          | 19 | ESCAPE must be exactly one character but was ''",
        "a LIKE 'x!' ESCAPE '!'        | 8  | LIKE pattern 'x!' ends with its escape character",
        "a LIKE 'x' ESCAPE b           | 19 | expected a string literal after ESCAPE",
        "`a || b`                      | 3  | unexpected character '|'",
        // reserved words cannot be identifiers
        "a = 1 AND IN = 2              | 11 | expected an expression but found 'IN'",
        "between = 1                   | 1  | expected an expression but found 'between'",
        "escape = 'x'                  | 1  | expected an expression but found 'escape'",
        "a = Like                      | 5  | expected an expression but found 'Like'",
    })
    void invalidSelectorIsRejectedWithProblemAndPosition(String selector, int position, String problem) {
        assertThatThrownBy(() -> Selector.parse(selector))
                .isInstanceOf(InvalidSelectorException.class)
                .hasMessageContaining(problem)
                .hasMessageContaining("at position " + position)
                .hasMessageContaining("\"" + selector + "\"");
    }

    @Test
    void exceptionKeepsTheSyntaxErrorAsCause() {
        assertThatThrownBy(() -> Selector.parse("a = "))
                .isInstanceOfSatisfying(InvalidSelectorException.class, e -> {
                    assertThat(e.getLinkedException()).isInstanceOf(SelectorSyntaxException.class);
                    assertThat(((SelectorSyntaxException) e.getCause()).position()).isEqualTo(5);
                });
    }

    @Test
    void controlCharacterIsShownEscaped() {
        assertThatThrownBy(() -> Selector.parse("a = 1 \u0001"))
                .isInstanceOf(InvalidSelectorException.class)
                .hasMessageContaining("unexpected character '\\u0001' at position 7");
    }

    @Test
    void parenthesesNestedTooDeeplyAreRejected() {
        int depth = SelectorParser.MAX_DEPTH + 1;
        String text = "(".repeat(depth) + "a = 1" + ")".repeat(depth);

        assertThatThrownBy(() -> Selector.parse(text))
                .isInstanceOf(InvalidSelectorException.class)
                .hasMessageContaining("nested more than " + SelectorParser.MAX_DEPTH + " levels deep");
    }

    @Test
    void notsNestedTooDeeplyAreRejected() {
        String text = "NOT ".repeat(100_000) + "a";

        assertThatThrownBy(() -> Selector.parse(text))
                .isInstanceOf(InvalidSelectorException.class)
                .hasMessageContaining("nested more than");
    }

    @Test
    void arithmeticChainTooLongIsRejected() {
        String text = "a" + " + 1".repeat(SelectorParser.MAX_DEPTH + 1) + " > 0";

        assertThatThrownBy(() -> Selector.parse(text))
                .isInstanceOf(InvalidSelectorException.class)
                .hasMessageContaining("nested more than");
    }
}
