package io.logjms.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.InvalidSelectorException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One table per rule of Jakarta Messaging 3.1 section 3.8.1.1. Each row is a selector, the message it is
 * evaluated against (property {@code p} unless the row says otherwise) and the expected outcome. Parse
 * errors of these rules are in {@link SelectorSyntaxErrorTest}; operator grouping is in
 * {@link SelectorParseTest}.
 */
@Timeout(10)
class SelectorGrammarTest {

    private static Truth evaluate(String selector, Object... namesAndValues) throws InvalidSelectorException {
        return Selector.parse(selector).evaluate(MapMessageView.of(namesAndValues));
    }

    // ---- literals ----

    static Stream<Arguments> exactLiterals() {
        return Stream.of(
                Arguments.of("p = 29", 29),
                Arguments.of("p = 035", 29),
                Arguments.of("p = 0x1d", 29),
                Arguments.of("p = 0X1D", 29),
                Arguments.of("p = 0b11101", 29),
                Arguments.of("p = 0B1_1101", 29),
                Arguments.of("p = 29L", 29),
                Arguments.of("p = 29l", 29),
                Arguments.of("p = 035L", 29),
                Arguments.of("p = 0x1dL", 29),
                Arguments.of("p = 0x1dl", (byte) 29),
                Arguments.of("p = 0x1d", (short) 29),
                Arguments.of("p = 0x1d", 29L),
                Arguments.of("p = -035", -29),
                Arguments.of("p = -0x1d", -29L),
                Arguments.of("p = +0x1d", 29),
                Arguments.of("p = 0", 0),
                Arguments.of("p = 00", 0),
                Arguments.of("p = 0L", 0L),
                Arguments.of("p = 1_000_000", 1_000_000),
                Arguments.of("p = 0_35", 29),
                Arguments.of("p = 2147483647", Integer.MAX_VALUE),
                Arguments.of("p = -2147483648", Integer.MIN_VALUE),
                Arguments.of("p = 2147483648", 2147483648L),
                Arguments.of("p = 9223372036854775807L", Long.MAX_VALUE),
                Arguments.of("p = 9223372036854775807", Long.MAX_VALUE),
                Arguments.of("p = -9223372036854775808L", Long.MIN_VALUE),
                Arguments.of("p = -9223372036854775808", Long.MIN_VALUE),
                Arguments.of("p = 0x7fffffffffffffffL", Long.MAX_VALUE),
                Arguments.of("p = 0x8000000000000000L", Long.MIN_VALUE),
                Arguments.of("p = 01777777777777777777777L", -1L),
                Arguments.of("p = 0xFFFFFFFF", -1),
                Arguments.of("p = 0xFFFFFFFFFFFFFFFFL", -1L));
    }

    @ParameterizedTest(name = "{0} selects {1}")
    @MethodSource("exactLiterals")
    void exactLiteralsUseJavaIntegerLiteralSyntax(String selector, Object value) throws InvalidSelectorException {
        assertThat(evaluate(selector, "p", value)).isEqualTo(Truth.TRUE);
        assertThat(evaluate(selector, "p", ((Number) value).longValue() + 1)).isEqualTo(Truth.FALSE);
    }

    static Stream<Arguments> approximateLiterals() {
        return Stream.of(
                Arguments.of("p = 7E3", 7000.0),
                Arguments.of("p = 7e3", 7000),
                Arguments.of("p = -57.9E2", -5790.0),
                Arguments.of("p = 1.5F", 1.5),
                Arguments.of("p = 1.5f", 1.5f),
                Arguments.of("p = 2.0D", 2),
                Arguments.of("p = 2.0d", 2.0),
                Arguments.of("p = 2D", 2.0),
                Arguments.of("p = 2F", 2.0f),
                Arguments.of("p = .5", 0.5),
                Arguments.of("p = .5e1", 5.0),
                Arguments.of("p = 5.", 5.0),
                Arguments.of("p = 5.e-1", 0.5),
                Arguments.of("p = 1e-3", 0.001),
                Arguments.of("p = 1E+3", 1000.0),
                Arguments.of("p = 09.5", 9.5),
                Arguments.of("p = 1_0.2_5", 10.25),
                Arguments.of("p = +6.2", 6.2),
                Arguments.of("p = 1.7976931348623157E308", Double.MAX_VALUE),
                Arguments.of("p = 4.9E-324", Double.MIN_VALUE),
                Arguments.of("p = 3.4028235E38F", Float.MAX_VALUE),
                // an F literal is a float: equal to a float property of the same text, unlike a double literal
                Arguments.of("p = 1.1F", 1.1f),
                Arguments.of("p <> 1.1", 1.1f));
    }

    @ParameterizedTest(name = "{0} selects {1}")
    @MethodSource("approximateLiterals")
    void approximateLiteralsUseJavaFloatingPointLiteralSyntax(String selector, Object value)
            throws InvalidSelectorException {
        assertThat(evaluate(selector, "p", value)).isEqualTo(Truth.TRUE);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "p = 'it''s'        | it's",
        "p = ''             | ``",
        "p = 'Ünïcödé €'    | Ünïcödé €",
        "p = '%_'           | %_",
        "p = 'TRUE'         | TRUE",
    })
    void stringLiteralsAreSingleQuotedWithDoubledQuotes(String selector, String value)
            throws InvalidSelectorException {
        assertThat(evaluate(selector, "p", value)).isEqualTo(Truth.TRUE);
    }

    @ParameterizedTest(name = "{0} with p = {1} is {2}")
    @CsvSource({
        "p = TRUE,  true,  TRUE",
        "p = true,  true,  TRUE",
        "p = True,  false, FALSE",
        "p = FALSE, false, TRUE",
        "p <> fAlSe, true, TRUE",
    })
    void booleanLiteralsInAnyCase(String selector, boolean value, Truth expected) throws InvalidSelectorException {
        assertThat(evaluate(selector, "p", value)).isEqualTo(expected);
    }

    // ---- identifiers ----

    @ParameterizedTest(name = "{0} is reserved")
    @ValueSource(strings = {"NULL", "TRUE", "FALSE", "NOT", "AND", "OR", "BETWEEN", "LIKE", "IN", "IS", "ESCAPE",
        "null", "True", "false", "not", "And", "or", "between", "Like", "in", "iS", "escape"})
    void reservedWordsAreNotIdentifiers(String word) {
        for (String selector : new String[] {word + " = 1", word + " IS NULL", "p = 1 AND " + word + " > 2"}) {
            assertThatThrownBy(() -> Selector.parse(selector)).as(selector)
                    .isInstanceOf(InvalidSelectorException.class);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // identifier read, property set, value, expected
        "color,          color,      'red', TRUE",
        "Color,          color,      'red', UNKNOWN",
        "COLOR,          color,      'red', UNKNOWN",
        "nullable,       nullable,   'red', TRUE",
        "NOTE,           NOTE,       'red', TRUE",
        "JMSXGroupID,    JMSXGroupID, 'red', TRUE",
        "JMS_vendor,     JMS_vendor, 'red', TRUE",
        "jmsType,        JMSType,    'red', UNKNOWN",
    })
    void identifiersAreCaseSensitiveAndReservedWordsAreNot(String identifier, String property, String value,
            Truth expected) throws InvalidSelectorException {
        assertThat(evaluate(identifier + " = 'red'", property, value)).isEqualTo(expected);
        assertThat(evaluate(identifier + " = 'red' aNd " + identifier + " iS nOt NuLl", property, value))
                .isEqualTo(expected == Truth.TRUE ? Truth.TRUE : Truth.FALSE);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "JMSDeliveryMode = 'PERSISTENT'            | TRUE",
        "JMSDeliveryMode = 'NON_PERSISTENT'        | FALSE",
        "JMSDeliveryMode = 2                       | FALSE",
        "JMSPriority = 7                           | TRUE",
        "JMSPriority BETWEEN 5 AND 9               | TRUE",
        "JMSMessageID = 'ID:1'                     | TRUE",
        "JMSTimestamp = 1700000000000              | TRUE",
        "JMSCorrelationID IS NULL                  | TRUE",
        "JMSCorrelationID = 'x'                    | UNKNOWN",
        "JMSType LIKE 'c%'                         | TRUE",
        "JMSXDeliveryCount = 2                     | TRUE",
        "JMS_logjms_Partition = 3                  | TRUE",
    })
    void headerFieldsAndJmsPrefixedProperties(String selector, Truth expected) throws InvalidSelectorException {
        assertThat(evaluate(selector, "JMSDeliveryMode", "PERSISTENT", "JMSPriority", 7, "JMSMessageID", "ID:1",
                "JMSTimestamp", 1_700_000_000_000L, "JMSType", "car", "JMSXDeliveryCount", 2,
                "JMS_logjms_Partition", 3)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"p = 1", "p = 'x'", "p = TRUE", "p <> 1", "p > 1.5", "p + 1 = 2", "-p = 1",
        "p BETWEEN 1 AND 2", "p NOT BETWEEN 1 AND 2", "p IN ('x')", "p NOT IN ('x')", "p LIKE 'x'",
        "p NOT LIKE 'x'", "p", "NOT p", "p = q", "1 < p"})
    void unknownIdentifierIsNullSoEveryOperationOnItIsUnknown(String selector) throws InvalidSelectorException {
        assertThat(evaluate(selector)).isEqualTo(Truth.UNKNOWN);
        assertThat(Selector.parse(selector).matches(MapMessageView.of())).isFalse();
    }

    // ---- comparisons ----

    @ParameterizedTest(name = "{0} with a = {1} ({2}), b = {3} ({4}) is {5}")
    @CsvSource({
        // a, type of a, b, type of b, operator results for = <> < <= > >=
        "7,    int,     7,    long,    TRUE  FALSE FALSE TRUE  FALSE TRUE",
        "7,    byte,    8,    short,   FALSE TRUE  TRUE  TRUE  FALSE FALSE",
        "7,    int,     7.0,  double,  TRUE  FALSE FALSE TRUE  FALSE TRUE",
        "7,    long,    6.5,  float,   FALSE TRUE  FALSE FALSE TRUE  TRUE",
        "1.5,  float,   1.5,  double,  TRUE  FALSE FALSE TRUE  FALSE TRUE",
        "x,    string,  x,    string,  TRUE  FALSE UNKNOWN UNKNOWN UNKNOWN UNKNOWN",
        "x,    string,  y,    string,  FALSE TRUE  UNKNOWN UNKNOWN UNKNOWN UNKNOWN",
        "true, boolean, true, boolean, TRUE  FALSE UNKNOWN UNKNOWN UNKNOWN UNKNOWN",
        // non-like types compare false, not unknown and not an error
        "1,    string,  1,    int,     FALSE FALSE FALSE FALSE FALSE FALSE",
        "1,    int,     true, boolean, FALSE FALSE FALSE FALSE FALSE FALSE",
        "true, string,  true, boolean, FALSE FALSE FALSE FALSE FALSE FALSE",
        "2.5,  double,  2.5,  string,  FALSE FALSE FALSE FALSE FALSE FALSE",
    })
    void onlyLikeTypesCompareAndNonLikeTypesAreFalse(String a, String aType, String b, String bType,
            String expected) throws InvalidSelectorException {
        String[] operators = {"=", "<>", "<", "<=", ">", ">="};
        String[] results = expected.split("\\s+");
        for (int i = 0; i < operators.length; i++) {
            String selector = "a " + operators[i] + " b";
            assertThat(evaluate(selector, "a", typed(a, aType), "b", typed(b, bType))).as(selector)
                    .isEqualTo(Truth.valueOf(results[i]));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "NOT (a = 1)        | TRUE",
        "a <> 1             | FALSE",
        "NOT (a > 1)        | TRUE",
        "a = 1 OR TRUE      | TRUE",
        "a BETWEEN 0 AND 2  | FALSE",
        "a NOT BETWEEN 0 AND 2 | TRUE",
    })
    void comparingAStringWithANumberIsFalseAtEvaluation(String selector, Truth expected)
            throws InvalidSelectorException {
        assertThat(evaluate(selector, "a", "1")).isEqualTo(expected);
    }

    // ---- arithmetic ----

    static Stream<Arguments> arithmetic() {
        return Stream.of(
                // int op int stays int and wraps as in Java
                Arguments.of("a + b = r", 2, 3, 5),
                Arguments.of("a * b = r", 65536, 65536, 0),
                Arguments.of("a + b = r", Integer.MAX_VALUE, 1, Integer.MIN_VALUE),
                Arguments.of("a + 1 = r", Integer.MAX_VALUE, null, Integer.MIN_VALUE),
                Arguments.of("a * b = r", (short) 300, (byte) 100, 30000),
                // a long operand makes it long
                Arguments.of("a * b = r", 65536L, 65536, 4294967296L),
                Arguments.of("a * 65536L = r", 65536, null, 4294967296L),
                Arguments.of("a + b = r", Long.MAX_VALUE, 1, Long.MIN_VALUE),
                // float op float and float op int/long stay float
                Arguments.of("a + b = r", 0.1f, 0.2f, 0.1f + 0.2f),
                Arguments.of("a + b = 0.3F", 0.1f, 0.2f, null),
                Arguments.of("a * b = r", 16777217, 1.0f, 16777216f),
                Arguments.of("a / b = r", 1.0f, 3, 1.0f / 3),
                // a double operand makes it double
                Arguments.of("a + b = r", 0.1f, 0.2, (double) 0.1f + 0.2),
                Arguments.of("a + b = r", 1, 2.5, 3.5),
                Arguments.of("a / 2.0 = r", 7, null, 3.5),
                // division
                Arguments.of("a / b = r", 7, 2, 3),
                Arguments.of("a / b = r", -7, 2, -3),
                Arguments.of("a / b = r", Integer.MIN_VALUE, -1, Integer.MIN_VALUE),
                Arguments.of("a / b = r", 1.0, 0, Double.POSITIVE_INFINITY),
                // unary sign keeps the promoted type
                Arguments.of("-a = r", Integer.MIN_VALUE, null, Integer.MIN_VALUE),
                Arguments.of("-a = r", (byte) 5, null, -5),
                Arguments.of("-a = r", 5L, null, -5L),
                Arguments.of("-a = r", 1.5f, null, -1.5f),
                Arguments.of("+a = r", (short) 5, null, 5),
                Arguments.of("- -a = r", 2.5, null, 2.5),
                Arguments.of("-(a + b) = r", 2, 3, -5));
    }

    @ParameterizedTest(name = "{0} with a = {1}, b = {2}: r = {3}")
    @MethodSource("arithmetic")
    void arithmeticUsesJavaNumericPromotion(String selector, Object a, Object b, Object result)
            throws InvalidSelectorException {
        assertThat(evaluate(selector, "a", a, "b", b, "r", result)).isEqualTo(Truth.TRUE);
    }

    @ParameterizedTest(name = "{0} {1} {2} is a {3}")
    @CsvSource({
        "byte,   +, short,  Integer",
        "int,    *, int,    Integer",
        "int,    -, long,   Long",
        "long,   /, int,    Long",
        "int,    +, float,  Float",
        "long,   *, float,  Float",
        "float,  /, float,  Float",
        "float,  -, double, Double",
        "int,    /, double, Double",
    })
    void arithmeticResultHasThePromotedType(String leftType, String operator, String rightType, String resultType) {
        ArithmeticOperator arithmetic = switch (operator) {
            case "+" -> ArithmeticOperator.ADD;
            case "-" -> ArithmeticOperator.SUBTRACT;
            case "*" -> ArithmeticOperator.MULTIPLY;
            default -> ArithmeticOperator.DIVIDE;
        };
        Object result = arithmetic.apply(typed("3", leftType), typed("2", rightType));

        assertThat(result.getClass().getSimpleName()).isEqualTo(resultType);
    }

    @ParameterizedTest(name = "-{0} is a {1}")
    @CsvSource({"byte, Integer", "short, Integer", "int, Integer", "long, Long", "float, Float", "double, Double"})
    void unarySignHasThePromotedType(String type, String resultType) {
        Object value = typed("3", type);
        MessageView message = MapMessageView.of("a", value);

        assertThat(new SignExpression(true, new PropertyReference("a")).value(message).getClass().getSimpleName())
                .isEqualTo(resultType);
        assertThat(new SignExpression(false, new PropertyReference("a")).value(message).getClass().getSimpleName())
                .isEqualTo(resultType);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"a / 0 = 1", "a / b = 1", "a + s = 1", "a * t = 1", "-s = 1", "a + missing = 1",
        "a / 0 > 0 OR a / 0 <= 0"})
    void arithmeticWithoutAValueIsUnknown(String selector) throws InvalidSelectorException {
        assertThat(evaluate(selector, "a", 5, "b", 0L, "s", "1", "t", true)).isEqualTo(Truth.UNKNOWN);
    }

    // ---- BETWEEN, IN, LIKE, IS NULL ----

    @ParameterizedTest(name = "{0} with p = {1}")
    @CsvSource(delimiter = '|', value = {
        "p BETWEEN 15 AND 19          | 15   | TRUE",
        "p BETWEEN 15 AND 19          | 19.0 | TRUE",
        "p BETWEEN 15 AND 19          | 20   | FALSE",
        "p NOT BETWEEN 15 AND 19      | 20   | TRUE",
        "p NOT BETWEEN 15 AND 19      | 17   | FALSE",
        "p BETWEEN 19 AND 15          | 17   | FALSE",
        "p BETWEEN 1.5 AND 0x10       | 16   | TRUE",
        "p BETWEEN -1 AND 1           |      | UNKNOWN",
        "p NOT BETWEEN -1 AND 1       |      | UNKNOWN",
    })
    void betweenIsArithmetic(String selector, Double value, Truth expected) throws InvalidSelectorException {
        assertThat(evaluate(selector, "p", value)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} with p = {1}")
    @CsvSource(delimiter = '|', value = {
        "p IN ('UK', 'US', 'France')     | US     | TRUE",
        "p IN ('UK', 'US', 'France')     | Peru   | FALSE",
        "p IN ('UK', 'US', 'France')     | us     | FALSE",
        "p NOT IN ('UK', 'US', 'France') | Peru   | TRUE",
        "p NOT IN ('UK', 'US', 'France') | UK     | FALSE",
        "p IN ('it''s')                  | it's   | TRUE",
        "p IN ('x')                      |        | UNKNOWN",
        "p NOT IN ('x')                  |        | UNKNOWN",
    })
    void inIsOverStringLiterals(String selector, String value, Truth expected) throws InvalidSelectorException {
        assertThat(evaluate(selector, "p", value)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} with p = {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "p LIKE '12%3'                   | 123       | TRUE",
        "p LIKE '12%3'                   | 12993     | TRUE",
        "p LIKE '12%3'                   | 1234      | FALSE",
        "p LIKE 'l_se'                   | lose      | TRUE",
        "p LIKE 'l_se'                   | loose     | FALSE",
        "p NOT LIKE 'l_se'               | loose     | TRUE",
        "p LIKE '%'                      | ``        | TRUE",
        "p LIKE '\\_%' ESCAPE '\\'       | _foo      | TRUE",
        "p LIKE '\\_%' ESCAPE '\\'       | bar       | FALSE",
        "p LIKE 'x!%' ESCAPE '!'         | x%        | TRUE",
        "p LIKE 'x!%' ESCAPE '!'         | xy        | FALSE",
        "p LIKE 'x!!' ESCAPE '!'         | x!        | TRUE",
        "p LIKE 'x__' escape '_'         | x_        | TRUE",
        "p LIKE 'x__' escape '_'         | xy        | FALSE",
        "p LIKE 'a.c'                    | abc       | FALSE",
        "p LIKE '%'                      |           | UNKNOWN",
        "p NOT LIKE '%'                  |           | UNKNOWN",
    })
    void likeWithWildcardsAndEscape(String selector, String value, Truth expected) throws InvalidSelectorException {
        assertThat(evaluate(selector, "p", value)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} with p = {1}")
    @CsvSource(delimiter = '|', value = {
        "p IS NULL           |       | TRUE",
        "p IS NOT NULL       |       | FALSE",
        "p IS NULL           | x     | FALSE",
        "p IS NOT NULL       | x     | TRUE",
        "p is not null       | x     | TRUE",
        "NOT p IS NULL       | x     | TRUE",
    })
    void isNullIsNeverUnknown(String selector, String value, Truth expected) throws InvalidSelectorException {
        assertThat(evaluate(selector, "p", value)).isEqualTo(expected);
    }

    private static Object typed(String text, String type) {
        return switch (type) {
            case "byte" -> Byte.valueOf(text);
            case "short" -> Short.valueOf(text);
            case "int" -> Integer.valueOf(text);
            case "long" -> Long.valueOf(text);
            case "float" -> Float.valueOf(text);
            case "double" -> Double.valueOf(text);
            case "boolean" -> Boolean.valueOf(text);
            case "string" -> text;
            default -> throw new IllegalArgumentException("unknown type " + type);
        };
    }
}
