package io.logjms.selector;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.InvalidSelectorException;
import java.math.BigDecimal;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class SelectorEvaluationTest {

    private static Truth evaluate(String selector, Object... namesAndValues) throws InvalidSelectorException {
        return Selector.parse(selector).evaluate(MapMessageView.of(namesAndValues));
    }

    private static boolean matches(String selector, Object... namesAndValues) throws InvalidSelectorException {
        return Selector.parse(selector).matches(MapMessageView.of(namesAndValues));
    }

    @Nested
    class Comparisons {

        @Test
        void exactNumericsOfEveryWidthCompareAsLongs() throws InvalidSelectorException {
            assertThat(matches("a = 7", "a", (byte) 7)).isTrue();
            assertThat(matches("a = 7", "a", (short) 7)).isTrue();
            assertThat(matches("a = 7", "a", 7)).isTrue();
            assertThat(matches("a = 7", "a", 7L)).isTrue();
            assertThat(matches("a = b", "a", (byte) 7, "b", 7L)).isTrue();
            assertThat(matches("a < 8 AND a <= 7 AND a > 6 AND a >= 7 AND a <> 8", "a", 7)).isTrue();
            assertThat(matches("a < 7 OR a > 7 OR a <> 7", "a", 7)).isFalse();
        }

        @Test
        void exactComparisonKeepsFullLongPrecision() throws InvalidSelectorException {
            // 2^53 + 1 is not a double; a comparison through double would call these equal
            assertThat(matches("a = 9007199254740993", "a", 9007199254740993L)).isTrue();
            assertThat(matches("a = 9007199254740993", "a", 9007199254740992L)).isFalse();
            assertThat(matches("a = -9223372036854775808", "a", Long.MIN_VALUE)).isTrue();
        }

        @Test
        void exactNumericIsPromotedWhenComparedWithApproximate() throws InvalidSelectorException {
            assertThat(matches("a = 1.0", "a", 1)).isTrue();
            assertThat(matches("a = 1", "a", 1.0)).isTrue();
            assertThat(matches("a > 1.5", "a", 2L)).isTrue();
            assertThat(matches("a < 1.5", "a", 2L)).isFalse();
            assertThat(matches("a = 1.5", "a", 1.5f)).isTrue();
            assertThat(matches("a = b", "a", 3, "b", 3.0f)).isTrue();
            assertThat(matches("a = 7E3", "a", 7000)).isTrue();
        }

        @Test
        void notANumberIsUnequalToEverything() throws InvalidSelectorException {
            assertThat(matches("a = a", "a", Double.NaN)).isFalse();
            assertThat(matches("a <> a", "a", Double.NaN)).isTrue();
        }

        @Test
        void stringsCompareForEqualityOnlyAndCaseSensitively() throws InvalidSelectorException {
            assertThat(matches("color = 'red'", "color", "red")).isTrue();
            assertThat(matches("color = 'red'", "color", "Red")).isFalse();
            assertThat(matches("color <> 'red'", "color", "blue")).isTrue();
            assertThat(matches("color = 'it''s'", "color", "it's")).isTrue();
            assertThat(evaluate("color < other", "color", "a", "other", "z")).isEqualTo(Truth.UNKNOWN);
            assertThat(evaluate("color >= other", "color", "a", "other", "a")).isEqualTo(Truth.UNKNOWN);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Selector.parse("color < 'z'"))
                    .isInstanceOf(InvalidSelectorException.class).hasMessageContaining("strings can only be compared");
        }

        @Test
        void booleansCompareForEqualityOnly() throws InvalidSelectorException {
            assertThat(matches("flag = TRUE", "flag", true)).isTrue();
            assertThat(matches("flag <> TRUE", "flag", false)).isTrue();
            assertThat(matches("(a > 1) = FALSE", "a", 0)).isTrue();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Selector.parse("flag > FALSE"))
                    .isInstanceOf(InvalidSelectorException.class).hasMessageContaining("booleans can only be compared");
            assertThat(evaluate("(a > 1) = TRUE")).isEqualTo(Truth.UNKNOWN);
        }

        @Test
        void differentTypesAreFalseNotAnError() throws InvalidSelectorException {
            assertThat(evaluate("a = 1", "a", "1")).isEqualTo(Truth.FALSE);
            assertThat(evaluate("a = '1'", "a", 1)).isEqualTo(Truth.FALSE);
            assertThat(evaluate("a = TRUE", "a", 1)).isEqualTo(Truth.FALSE);
            assertThat(evaluate("a = 'true'", "a", true)).isEqualTo(Truth.FALSE);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Selector.parse("'a' = 1"))
                    .as("two literals of different types are a syntax error").isInstanceOf(InvalidSelectorException.class);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Selector.parse("TRUE > 0"))
                    .isInstanceOf(InvalidSelectorException.class);
            assertThat(matches("NOT (a = 1)", "a", "1")).isTrue();
            assertThat(matches("a <> 1", "a", "1")).isFalse();
        }

        @Test
        void valuesOfNoSelectorTypeAreUnknown() throws InvalidSelectorException {
            assertThat(evaluate("a = 1", "a", BigDecimal.ONE)).isEqualTo(Truth.UNKNOWN);
            assertThat(evaluate("a = 'x'", "a", 'x')).isEqualTo(Truth.UNKNOWN);
            assertThat(evaluate("a + 1 = 2", "a", new byte[] {1})).isEqualTo(Truth.UNKNOWN);
            assertThat(evaluate("a IS NOT NULL", "a", BigDecimal.ONE)).isEqualTo(Truth.TRUE);
        }

        @Test
        void missingPropertyIsUnknownInEveryComparison() throws InvalidSelectorException {
            for (String selector : new String[] {"a = 1", "a <> 1", "a < 1", "1 = a", "a = 'x'", "a = TRUE", "a = a"}) {
                assertThat(evaluate(selector)).as(selector).isEqualTo(Truth.UNKNOWN);
                assertThat(matches("NOT (" + selector + ")")).as("NOT " + selector).isFalse();
            }
        }

        @Test
        void identifiersAreCaseSensitive() throws InvalidSelectorException {
            assertThat(matches("Color = 'red'", "color", "red")).isFalse();
            assertThat(matches("color = 'red'", "color", "red")).isTrue();
        }
    }

    @Nested
    class Arithmetic {

        @Test
        void exactArithmeticStaysExact() throws InvalidSelectorException {
            assertThat(matches("a + b = 5", "a", 2, "b", 3L)).isTrue();
            assertThat(matches("a - b = -1", "a", 2, "b", 3)).isTrue();
            assertThat(matches("a * b = 6", "a", (short) 2, "b", (byte) 3)).isTrue();
            assertThat(matches("a / 2 = 3", "a", 7)).isTrue();
            assertThat(matches("a / 2 = -3", "a", -7)).isTrue();
            assertThat(matches("a + 1 = -9223372036854775808", "a", Long.MAX_VALUE)).isTrue();
        }

        @Test
        void approximateOperandPromotesTheResult() throws InvalidSelectorException {
            assertThat(matches("a / 2.0 = 3.5", "a", 7)).isTrue();
            assertThat(matches("a * 2.5 = 5", "a", 2)).isTrue();
            assertThat(matches("a + b = 3.5", "a", 1, "b", 2.5f)).isTrue();
            assertThat(matches("a - .5 < 1", "a", 1L)).isTrue();
        }

        @Test
        void precedenceDecidesTheValue() throws InvalidSelectorException {
            assertThat(matches("2 + 3 * 4 = 14")).isTrue();
            assertThat(matches("(2 + 3) * 4 = 20")).isTrue();
            assertThat(matches("10 - 4 - 3 = 3")).isTrue();
            assertThat(matches("100 / 10 / 5 = 2")).isTrue();
            assertThat(matches("-2 * -3 = 6")).isTrue();
            assertThat(matches("- a = -4", "a", 4)).isTrue();
            assertThat(matches("-a = 4.5", "a", -4.5)).isTrue();
            assertThat(matches("+a = 4", "a", 4)).isTrue();
        }

        @Test
        void exactDivisionByZeroIsUnknown() throws InvalidSelectorException {
            assertThat(evaluate("a / 0 = 1", "a", 5)).isEqualTo(Truth.UNKNOWN);
            assertThat(evaluate("a / b > 0", "a", 5, "b", 0L)).isEqualTo(Truth.UNKNOWN);
            assertThat(matches("NOT (a / 0 = 1)", "a", 5)).isFalse();
            assertThat(matches("a / 0 = 1 OR a = 5", "a", 5)).isTrue();
        }

        @Test
        void approximateDivisionByZeroFollowsIeee() throws InvalidSelectorException {
            assertThat(matches("a / 0.0 > 1E300", "a", 5)).isTrue();
            assertThat(matches("a / b < -1E300", "a", -5.0, "b", 0)).isTrue();
            assertThat(matches("a / 0.0 = a / 0.0", "a", 0)).isFalse();
        }

        @Test
        void nullOrNonNumericOperandIsUnknown() throws InvalidSelectorException {
            assertThat(evaluate("a + b = 1", "a", 1)).isEqualTo(Truth.UNKNOWN);
            assertThat(evaluate("a + b = 1", "b", 1)).isEqualTo(Truth.UNKNOWN);
            assertThat(evaluate("a + 1 = 2", "a", "1")).isEqualTo(Truth.UNKNOWN);
            assertThat(evaluate("a * 1 = 1", "a", true)).isEqualTo(Truth.UNKNOWN);
            assertThat(evaluate("-a = -1", "a", "1")).isEqualTo(Truth.UNKNOWN);
            assertThat(evaluate("-a = -1")).isEqualTo(Truth.UNKNOWN);
        }
    }

    @Nested
    class Between {

        @Test
        void boundsAreInclusive() throws InvalidSelectorException {
            String selector = "age BETWEEN 15 AND 19";
            assertThat(matches(selector, "age", 15)).isTrue();
            assertThat(matches(selector, "age", 19)).isTrue();
            assertThat(matches(selector, "age", 17.5)).isTrue();
            assertThat(matches(selector, "age", 14)).isFalse();
            assertThat(matches(selector, "age", 20)).isFalse();
        }

        @Test
        void notBetweenIsTheComplement() throws InvalidSelectorException {
            String selector = "age NOT BETWEEN 15 AND 19";
            assertThat(matches(selector, "age", 14)).isTrue();
            assertThat(matches(selector, "age", 20)).isTrue();
            assertThat(matches(selector, "age", 15)).isFalse();
            assertThat(matches(selector, "age", 19)).isFalse();
        }

        @Test
        void boundsMayBeExpressions() throws InvalidSelectorException {
            assertThat(matches("a BETWEEN b - 1 AND b * 2", "a", 6, "b", 3)).isTrue();
            assertThat(matches("a BETWEEN b - 1 AND b * 2", "a", 7, "b", 3)).isFalse();
        }

        @Test
        void nullValueIsUnknownEitherWay() throws InvalidSelectorException {
            assertThat(evaluate("a BETWEEN 1 AND 2")).isEqualTo(Truth.UNKNOWN);
            assertThat(evaluate("a NOT BETWEEN 1 AND 2")).isEqualTo(Truth.UNKNOWN);
            assertThat(evaluate("a BETWEEN 1 AND 2", "a", "1")).as("not alike, so false").isEqualTo(Truth.FALSE);
        }

        @Test
        void nullBoundIsUnknownUnlessTheOtherBoundDecides() throws InvalidSelectorException {
            assertThat(evaluate("a BETWEEN lo AND 10", "a", 5)).isEqualTo(Truth.UNKNOWN);
            assertThat(evaluate("a BETWEEN lo AND 10", "a", 20)).isEqualTo(Truth.FALSE);
            assertThat(evaluate("a NOT BETWEEN lo AND 10", "a", 20)).isEqualTo(Truth.TRUE);
            assertThat(evaluate("a BETWEEN 10 AND hi", "a", 5)).isEqualTo(Truth.FALSE);
            assertThat(evaluate("a BETWEEN 10 AND hi", "a", 15)).isEqualTo(Truth.UNKNOWN);
        }
    }

    @Nested
    class In {

        @Test
        void matchesListedStrings() throws InvalidSelectorException {
            String selector = "Country IN (' UK', 'US', 'France')";
            assertThat(matches(selector, "Country", "US")).isTrue();
            assertThat(matches(selector, "Country", " UK")).isTrue();
            assertThat(matches(selector, "Country", "UK")).isFalse();
            assertThat(matches(selector, "Country", "Peru")).isFalse();
            assertThat(matches(selector, "Country", "us")).isFalse();
        }

        @Test
        void notInIsTheComplement() throws InvalidSelectorException {
            String selector = "Country NOT IN (' UK', 'US', 'France')";
            assertThat(matches(selector, "Country", "US")).isFalse();
            assertThat(matches(selector, "Country", "Peru")).isTrue();
        }

        @Test
        void quotesAndEmptyStringsAreMembers() throws InvalidSelectorException {
            assertThat(matches("a IN ('it''s', '')", "a", "it's")).isTrue();
            assertThat(matches("a IN ('it''s', '')", "a", "")).isTrue();
        }

        @Test
        void nullOrNonStringIsUnknownEitherWay() throws InvalidSelectorException {
            assertThat(evaluate("a IN ('1')")).isEqualTo(Truth.UNKNOWN);
            assertThat(evaluate("a NOT IN ('1')")).isEqualTo(Truth.UNKNOWN);
            assertThat(evaluate("a IN ('1')", "a", 1)).isEqualTo(Truth.UNKNOWN);
            assertThat(evaluate("a NOT IN ('1')", "a", 1)).isEqualTo(Truth.UNKNOWN);
        }
    }

    @Nested
    class Like {

        @Test
        void percentMatchesAnySequence() throws InvalidSelectorException {
            String selector = "phone LIKE '12%3'";
            assertThat(matches(selector, "phone", "123")).isTrue();
            assertThat(matches(selector, "phone", "12993")).isTrue();
            assertThat(matches(selector, "phone", "1234")).isFalse();
        }

        @Test
        void underscoreMatchesOneCharacter() throws InvalidSelectorException {
            String selector = "word LIKE 'l_se'";
            assertThat(matches(selector, "word", "lose")).isTrue();
            assertThat(matches(selector, "word", "loose")).isFalse();
            assertThat(matches(selector, "word", "lse")).isFalse();
        }

        @Test
        void escapeMakesWildcardsLiteral() throws InvalidSelectorException {
            String selector = "underscored LIKE '\\_%' ESCAPE '\\'";
            assertThat(matches(selector, "underscored", "_foo")).isTrue();
            assertThat(matches(selector, "underscored", "bar")).isFalse();
            assertThat(matches("a LIKE '100!%' ESCAPE '!'", "a", "100%")).isTrue();
            assertThat(matches("a LIKE '100!%' ESCAPE '!'", "a", "1000")).isFalse();
        }

        @Test
        void notLikeIsTheComplement() throws InvalidSelectorException {
            String selector = "phone NOT LIKE '12%3'";
            assertThat(matches(selector, "phone", "123")).isFalse();
            assertThat(matches(selector, "phone", "12993")).isFalse();
            assertThat(matches(selector, "phone", "1234")).isTrue();
        }

        @Test
        void nullOrNonStringIsUnknownEitherWay() throws InvalidSelectorException {
            assertThat(evaluate("a LIKE '%'")).isEqualTo(Truth.UNKNOWN);
            assertThat(evaluate("a NOT LIKE '%'")).isEqualTo(Truth.UNKNOWN);
            assertThat(evaluate("a LIKE '1%'", "a", 12)).isEqualTo(Truth.UNKNOWN);
        }
    }

    @Nested
    class IsNull {

        @Test
        void absentPropertyIsNull() throws InvalidSelectorException {
            assertThat(matches("a IS NULL")).isTrue();
            assertThat(matches("a IS NULL", "a", null)).isTrue();
            assertThat(matches("a IS NOT NULL")).isFalse();
        }

        @Test
        void presentPropertyIsNotNull() throws InvalidSelectorException {
            for (Object value : new Object[] {"", 0, false, 0.0, "x"}) {
                assertThat(matches("a IS NULL", "a", value)).as("%s", value).isFalse();
                assertThat(matches("a IS NOT NULL", "a", value)).as("%s", value).isTrue();
            }
        }
    }

    @Nested
    class HeaderFields {

        private final MapMessageView message = MapMessageView.of(
                "JMSDeliveryMode", "PERSISTENT",
                "JMSPriority", 7,
                "JMSMessageID", "ID:42",
                "JMSTimestamp", 1_700_000_000_000L,
                "JMSCorrelationID", null,
                "JMSType", "car",
                "JMSXGroupID", "g1",
                "JMS_logjms_Partition", 3,
                "color", "blue",
                "weight", 3000);

        private boolean selects(String selector) throws InvalidSelectorException {
            return Selector.parse(selector).matches(message);
        }

        @Test
        void headerFieldsAreReadThroughTheView() throws InvalidSelectorException {
            assertThat(selects("JMSDeliveryMode = 'PERSISTENT'")).isTrue();
            assertThat(selects("JMSDeliveryMode = 'NON_PERSISTENT'")).isFalse();
            assertThat(selects("JMSPriority > 4 AND JMSPriority BETWEEN 5 AND 9")).isTrue();
            assertThat(selects("JMSMessageID = 'ID:42'")).isTrue();
            assertThat(selects("JMSTimestamp >= 1700000000000 AND JMSTimestamp < 1.8E12")).isTrue();
            assertThat(selects("JMSCorrelationID IS NULL")).isTrue();
            assertThat(selects("JMSType IN ('car', 'truck')")).isTrue();
        }

        @Test
        void jmsxAndProviderPropertiesAreProperties() throws InvalidSelectorException {
            assertThat(selects("JMSXGroupID = 'g1'")).isTrue();
            assertThat(selects("JMS_logjms_Partition = 3")).isTrue();
            assertThat(selects("JMSXDeliveryCount IS NULL")).isTrue();
        }

        @Test
        void headerFieldsASelectorCannotReferenceAreAbsentProperties() throws InvalidSelectorException {
            for (String name : new String[] {"JMSDestination", "JMSReplyTo", "JMSExpiration", "JMSRedelivered",
                    "JMSDeliveryTime"}) {
                assertThat(selects(name + " IS NULL")).as(name).isTrue();
            }
        }

        @Test
        void specificationExample() throws InvalidSelectorException {
            assertThat(selects("JMSType = 'car' AND color = 'blue' AND weight > 2500")).isTrue();
            assertThat(selects("JMSType = 'car' AND color = 'blue' AND weight > 3000")).isFalse();
        }
    }
}
