package io.logjms.selector;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.InvalidSelectorException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The AND, OR and NOT tables of Jakarta Messaging 3.1 section 3.8.1.2. Properties t and f hold TRUE
 * and FALSE; u is absent, so it is UNKNOWN as a condition.
 */
@Timeout(10)
class ThreeValuedLogicTest {

    private static final MapMessageView MESSAGE = MapMessageView.of("t", true, "f", false);

    private static Truth evaluate(String selector) throws InvalidSelectorException {
        return Selector.parse(selector).evaluate(MESSAGE);
    }

    @ParameterizedTest(name = "{0} AND {1} = {2}")
    @CsvSource({
        "t, t, TRUE",    "t, f, FALSE",   "t, u, UNKNOWN",
        "f, t, FALSE",   "f, f, FALSE",   "f, u, FALSE",
        "u, t, UNKNOWN", "u, f, FALSE",   "u, u, UNKNOWN",
    })
    void andTable(String left, String right, Truth expected) throws InvalidSelectorException {
        assertThat(evaluate(left + " AND " + right)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} OR {1} = {2}")
    @CsvSource({
        "t, t, TRUE",    "t, f, TRUE",    "t, u, TRUE",
        "f, t, TRUE",    "f, f, FALSE",   "f, u, UNKNOWN",
        "u, t, TRUE",    "u, f, UNKNOWN", "u, u, UNKNOWN",
    })
    void orTable(String left, String right, Truth expected) throws InvalidSelectorException {
        assertThat(evaluate(left + " OR " + right)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "NOT {0} = {1}")
    @CsvSource({"t, FALSE", "f, TRUE", "u, UNKNOWN"})
    void notTable(String operand, Truth expected) throws InvalidSelectorException {
        assertThat(evaluate("NOT " + operand)).isEqualTo(expected);
    }

    @Test
    void onlyTrueSelectsAMessage() throws InvalidSelectorException {
        assertThat(Selector.parse("t").matches(MESSAGE)).isTrue();
        assertThat(Selector.parse("f").matches(MESSAGE)).isFalse();
        assertThat(Selector.parse("u").matches(MESSAGE)).isFalse();
        assertThat(Selector.parse("NOT u").matches(MESSAGE)).isFalse();
    }

    @Test
    void chainsEvaluateLikeNestedPairs() throws InvalidSelectorException {
        List<String> operands = List.of("t", "f", "u");
        for (String a : operands) {
            for (String b : operands) {
                for (String c : operands) {
                    String chain = a + " AND " + b + " AND " + c;
                    assertThat(evaluate(chain)).as(chain).isEqualTo(evaluate("(" + a + " AND " + b + ") AND " + c));
                    chain = a + " OR " + b + " OR " + c;
                    assertThat(evaluate(chain)).as(chain).isEqualTo(evaluate("(" + a + " OR " + b + ") OR " + c));
                }
            }
        }
    }

    @Test
    void truthOperationsMatchTheTables() {
        assertThat(Truth.UNKNOWN.and(Truth.FALSE)).isEqualTo(Truth.FALSE);
        assertThat(Truth.UNKNOWN.and(Truth.TRUE)).isEqualTo(Truth.UNKNOWN);
        assertThat(Truth.UNKNOWN.or(Truth.TRUE)).isEqualTo(Truth.TRUE);
        assertThat(Truth.UNKNOWN.or(Truth.FALSE)).isEqualTo(Truth.UNKNOWN);
        assertThat(Truth.UNKNOWN.not()).isEqualTo(Truth.UNKNOWN);
        assertThat(Truth.UNKNOWN.toBoolean()).isNull();
        assertThat(Truth.ofValue("true")).isEqualTo(Truth.UNKNOWN);
    }
}
