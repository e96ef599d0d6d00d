package io.logjms.selector;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.InvalidSelectorException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(10)
class SelectorParseTest {

    private static String parsed(String text) throws InvalidSelectorException {
        return Selector.parse(text).parsedForm();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " ", "\t\n\r\f "})
    void noSelectorMatchesEverything(String text) throws InvalidSelectorException {
        Selector selector = Selector.parse(text);

        assertThat(selector).isSameAs(Selector.MATCH_ALL);
        assertThat(selector.isMatchAll()).isTrue();
        assertThat(selector.text()).isEmpty();
        assertThat(selector.matches(MapMessageView.of())).isTrue();
    }

    @Test
    void parsedSelectorKeepsItsText() throws InvalidSelectorException {
        Selector selector = Selector.parse("color = 'red'");

        assertThat(selector.text()).isEqualTo("color = 'red'");
        assertThat(selector.isMatchAll()).isFalse();
        assertThat(selector).isEqualTo(Selector.parse("color = 'red'")).hasSameHashCodeAs(Selector.parse("color = 'red'"));
        assertThat(selector).isNotEqualTo(Selector.parse("color = 'blue'"));
    }

    @ParameterizedTest(name = "{0}  →  {1}")
    @CsvSource(delimiter = '|', value = {
        "a + b * c > 0                 | ((a + (b * c)) > 0)",
        "a * b + c > 0                 | (((a * b) + c) > 0)",
        "a - b - c > 0                 | (((a - b) - c) > 0)",
        "a / b / c > 0                 | (((a / b) / c) > 0)",
        "(a + b) * c > 0               | (((a + b) * c) > 0)",
        "-a * b > 0                    | (((-a) * b) > 0)",
        "- - a > 0                     | ((-(-a)) > 0)",
        "+a > 0                        | ((+a) > 0)",
        "a - -5 > 0                    | ((a - -5) > 0)",
        "a OR b AND c                  | (a OR (b AND c))",
        "a AND b OR c AND d            | ((a AND b) OR (c AND d))",
        "NOT a AND b                   | ((NOT a) AND b)",
        "NOT a OR b                    | ((NOT a) OR b)",
        "NOT a = 1                     | (NOT (a = 1))",
        "NOT NOT a                     | (NOT (NOT a))",
        "a = 1 AND b = 2 AND c = 3     | ((a = 1) AND (b = 2) AND (c = 3))",
        "a = 1 OR b = 2 OR c = 3       | ((a = 1) OR (b = 2) OR (c = 3))",
        "(a OR b) AND c                | ((a OR b) AND c)",
        "a + 1 BETWEEN b AND c * 2 AND d | (((a + 1) BETWEEN b AND (c * 2)) AND d)",
        "a NOT BETWEEN 1 AND 2         | (a NOT BETWEEN 1 AND 2)",
        "a IN ('x', 'y''s')            | (a IN ('x', 'y''s'))",
        "a NOT IN ('x')                | (a NOT IN ('x'))",
        "a LIKE 'x%' ESCAPE '!'        | (a LIKE 'x%' ESCAPE '!')",
        "a NOT LIKE '_'                | (a NOT LIKE '_')",
        "a IS NULL OR b IS NOT NULL    | ((a IS NULL) OR (b IS NOT NULL))",
        "(a = 1) = TRUE                | ((a = 1) = TRUE)",
        "a <> b                        | (a <> b)",
        "a <= b OR a >= b OR a < b OR a > b | ((a <= b) OR (a >= b) OR (a < b) OR (a > b))",
    })
    void operatorsGroupByPrecedence(String selector, String expected) throws InvalidSelectorException {
        assertThat(parsed(selector)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}  →  {1}")
    @CsvSource(delimiter = '|', value = {
        "x = 57                        | (x = 57)",
        "x = -957                      | (x = -957)",
        "x = +62                       | (x = 62)",
        "x = 007                       | (x = 7)",
        "x = 9223372036854775807       | (x = 9223372036854775807L)",
        "x = -9223372036854775808      | (x = -9223372036854775808L)",
        "x = 9223372036854775807L      | (x = 9223372036854775807L)",
        "x = -9223372036854775808l     | (x = -9223372036854775808L)",
        "x = 2147483647                | (x = 2147483647)",
        "x = -2147483648               | (x = -2147483648)",
        "x = 2147483648                | (x = 2147483648L)",
        "x = 035                       | (x = 29)",
        "x = 0x1d                      | (x = 29)",
        "x = 0X1D                      | (x = 29)",
        "x = 0b11101                   | (x = 29)",
        "x = -0x1dL                    | (x = -29L)",
        "x = 29L                       | (x = 29L)",
        "x = 1_000                     | (x = 1000)",
        "x = 0xFFFFFFFF                | (x = -1)",
        "x = 0xFFFFFFFFFFFFFFFFL       | (x = -1L)",
        "x = 0                         | (x = 0)",
        "x = 1.5F                      | (x = 1.5F)",
        "x = 1f                        | (x = 1.0F)",
        "x = 2.0D                      | (x = 2.0)",
        "x = 2d                        | (x = 2.0)",
        "x = 1e-3                      | (x = 0.001)",
        "x = 5.e1                      | (x = 50.0)",
        "x = 09.5                      | (x = 9.5)",
        "x = 1_0.2_5e0_1               | (x = 102.5)",
        "x = 0x1e+1                    | (x = (30 + 1))",
        "x = 7E3                       | (x = 7000.0)",
        "x = -57.9E2                   | (x = -5790.0)",
        "x = 7.                        | (x = 7.0)",
        "x = 1.5                       | (x = 1.5)",
        "x = .5                        | (x = 0.5)",
        "x = 5e-1                      | (x = 0.5)",
        "x = 2E+2                      | (x = 200.0)",
        "x = 'it''s'                   | (x = 'it''s')",
        "x = ''                        | (x = '')",
        "x = TRUE                      | (x = TRUE)",
        "x = false                     | (x = FALSE)",
        "x = True                      | (x = TRUE)",
    })
    void literals(String selector, String expected) throws InvalidSelectorException {
        assertThat(parsed(selector)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "a and b or not c",
        "a AnD b Or NoT c",
        "a between 1 and 2",
        "a not in ('x')",
        "a like 'x' escape '!'",
        "a is not null",
        "a Is Null",
    })
    void keywordsAreCaseInsensitive(String selector) throws InvalidSelectorException {
        assertThat(Selector.parse(selector).text()).isEqualTo(selector);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "_underscore", "$dollar", "a1", "émile", "JMSXGroupID", "JMS_logjms_Partition", "Andy", "ORDER",
        "notice", "Island", "IN_STOCK", "nulls", "trueValue", "änd",
    })
    void identifiersFollowJavaRulesAndMayContainKeywords(String identifier) throws InvalidSelectorException {
        Selector selector = Selector.parse(identifier + " = 1");

        assertThat(selector.parsedForm()).isEqualTo("(" + identifier + " = 1)");
        assertThat(selector.matches(MapMessageView.of(identifier, 1))).isTrue();
    }

    @Test
    void bareIdentifierIsABooleanCondition() throws InvalidSelectorException {
        Selector selector = Selector.parse("urgent");

        assertThat(selector.matches(MapMessageView.of("urgent", true))).isTrue();
        assertThat(selector.matches(MapMessageView.of("urgent", false))).isFalse();
        assertThat(selector.matches(MapMessageView.of("urgent", "true"))).isFalse();
        assertThat(selector.matches(MapMessageView.of())).isFalse();
    }

    @Test
    void booleanLiteralsAreConditions() throws InvalidSelectorException {
        assertThat(Selector.parse("TRUE").matches(MapMessageView.of())).isTrue();
        assertThat(Selector.parse("FALSE").matches(MapMessageView.of())).isFalse();
        assertThat(Selector.parse("TRUE AND (FALSE OR TRUE)").matches(MapMessageView.of())).isTrue();
    }

    @Test
    void whitespaceOfAnyJavaKindSeparatesTokens() throws InvalidSelectorException {
        assertThat(parsed("a\t=\n1\rAND\fb<>2")).isEqualTo("((a = 1) AND (b <> 2))");
    }

    @Test
    void longChainsOfAndOrStayShallow() throws InvalidSelectorException {
        StringBuilder text = new StringBuilder("a = 0");
        for (int i = 1; i < 5_000; i++) {
            text.append(i % 2 == 0 ? " OR a = " : " AND a = ").append(i);
        }

        Selector selector = Selector.parse(text.toString());

        assertThat(selector.matches(MapMessageView.of("a", 0))).isFalse();
        assertThat(selector.matches(MapMessageView.of("a", 4998))).isFalse();
        assertThat(Selector.parse("a = 1 OR " + text).matches(MapMessageView.of("a", 1))).isTrue();
    }

    @Test
    void nestingUpToTheLimitIsAccepted() throws InvalidSelectorException {
        int depth = SelectorParser.MAX_DEPTH - 2;
        String text = "(".repeat(depth) + "a = 1" + ")".repeat(depth);

        assertThat(Selector.parse(text).matches(MapMessageView.of("a", 1))).isTrue();
    }
}
