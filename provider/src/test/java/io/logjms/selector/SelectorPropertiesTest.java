package io.logjms.selector;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.InvalidSelectorException;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.StringLength;

/** Laws of the selector language checked on generated values, patterns and expressions. */
class SelectorPropertiesTest {

    /** A property value of any selector type, or null; numbers of every width, big and small. */
    @Provide
    Arbitrary<Object> values() {
        return Arbitraries.oneOf(
                Arbitraries.just(null),
                Arbitraries.longs(),
                Arbitraries.longs().between(-5, 5),
                Arbitraries.integers().between(-5, 5).map(Integer::valueOf),
                Arbitraries.doubles().between(-1e6, 1e6),
                Arbitraries.doubles().between(-5, 5).ofScale(1),
                Arbitraries.floats().between(-5, 5).ofScale(1).map(Float::valueOf),
                Arbitraries.of("a", "b", ""),
                Arbitraries.of(true, false));
    }

    @Provide
    Arbitrary<Object> numbers() {
        return Arbitraries.oneOf(
                Arbitraries.longs(),
                Arbitraries.longs().between(-5, 5),
                Arbitraries.integers().between(-5, 5).map(Integer::valueOf),
                Arbitraries.doubles().between(-5, 5).ofScale(1),
                Arbitraries.floats().between(-5, 5).ofScale(1).map(Float::valueOf));
    }

    /** A condition over the properties a, b and c, nested a few levels deep. */
    @Provide
    Arbitrary<String> conditions() {
        return condition(3);
    }

    private Arbitrary<String> condition(int depth) {
        Arbitrary<String> atom = Arbitraries.oneOf(
                Combinators.combine(Arbitraries.of("a", "b", "c"), Arbitraries.of("=", "<>", "<", "<=", ">", ">="),
                        Arbitraries.of("0", "1", "-2.5", "1.5F", "0x1", "b", "a + c"))
                        .as((left, operator, right) -> left + " " + operator + " " + right),
                // strings and booleans only compare with = and <>
                Combinators.combine(Arbitraries.of("a", "b", "c"), Arbitraries.of("=", "<>"),
                        Arbitraries.of("'a'", "TRUE"))
                        .as((left, operator, right) -> left + " " + operator + " " + right),
                Arbitraries.of("a", "b", "c").map(name -> name + " IS NULL"),
                Arbitraries.of("a", "b", "c").map(name -> name + " BETWEEN -1 AND 1"),
                Arbitraries.of("a", "b", "c").map(name -> name + " IN ('a', '')"),
                Arbitraries.of("a", "b", "c"),
                Arbitraries.of("TRUE", "FALSE"));
        if (depth == 0) {
            return atom;
        }
        Arbitrary<String> smaller = Arbitraries.lazy(() -> condition(depth - 1));
        return Arbitraries.oneOf(
                atom,
                smaller.map(operand -> "NOT (" + operand + ")"),
                Combinators.combine(smaller, Arbitraries.of("AND", "OR"), smaller)
                        .as((left, operator, right) -> "(" + left + ") " + operator + " (" + right + ")"));
    }

    private static Truth evaluate(String selector, Object a, Object b, Object c) throws InvalidSelectorException {
        return Selector.parse(selector).evaluate(MapMessageView.of("a", a, "b", b, "c", c));
    }

    @Property
    void betweenIsTheConjunctionOfBothBounds(@ForAll("values") Object value, @ForAll("values") Object low,
            @ForAll("values") Object high) throws InvalidSelectorException {
        MapMessageView message = MapMessageView.of("v", value, "lo", low, "hi", high);

        assertThat(Selector.parse("v BETWEEN lo AND hi").evaluate(message))
                .isEqualTo(Selector.parse("v >= lo AND v <= hi").evaluate(message));
        assertThat(Selector.parse("v NOT BETWEEN lo AND hi").evaluate(message))
                .isEqualTo(Selector.parse("NOT (v >= lo AND v <= hi)").evaluate(message));
    }

    @Property
    void betweenLiteralBoundsAgreeWithComparisons(@ForAll("values") Object value, @ForAll long low,
            @ForAll double high) throws InvalidSelectorException {
        MapMessageView message = MapMessageView.of("v", value);
        String bounds = low + " AND " + high;

        assertThat(Selector.parse("v BETWEEN " + bounds).evaluate(message))
                .isEqualTo(Selector.parse("v >= " + low + " AND v <= " + high).evaluate(message));
    }

    @Property
    void doubleNegationIsIdentity(@ForAll("conditions") String condition, @ForAll("values") Object a,
            @ForAll("values") Object b, @ForAll("values") Object c) throws InvalidSelectorException {
        assertThat(evaluate("NOT (NOT (" + condition + "))", a, b, c)).isEqualTo(evaluate(condition, a, b, c));
    }

    @Property
    void deMorganHoldsInThreeValuedLogic(@ForAll("conditions") String left, @ForAll("conditions") String right,
            @ForAll("values") Object a, @ForAll("values") Object b, @ForAll("values") Object c)
            throws InvalidSelectorException {
        assertThat(evaluate("NOT ((" + left + ") AND (" + right + "))", a, b, c))
                .isEqualTo(evaluate("(NOT (" + left + ")) OR (NOT (" + right + "))", a, b, c));
        assertThat(evaluate("NOT ((" + left + ") OR (" + right + "))", a, b, c))
                .isEqualTo(evaluate("(NOT (" + left + ")) AND (NOT (" + right + "))", a, b, c));
    }

    @Property
    void exactlyOneOrderingHoldsBetweenNumbers(@ForAll("numbers") Object a, @ForAll("numbers") Object b)
            throws InvalidSelectorException {
        int holding = 0;
        for (String operator : new String[] {"<", "=", ">"}) {
            if (evaluate("a " + operator + " b", a, b, null) == Truth.TRUE) {
                holding++;
            }
        }
        assertThat(holding).isEqualTo(1);
        assertThat(evaluate("a <= b", a, b, null)).isEqualTo(evaluate("a < b OR a = b", a, b, null));
        assertThat(evaluate("a <> b", a, b, null)).isEqualTo(evaluate("NOT (a = b)", a, b, null));
    }

    @Property
    void comparingANumberWithAStringOrBooleanIsFalse(@ForAll("numbers") Object number,
            @ForAll("nonNumbers") Object other) throws InvalidSelectorException {
        for (String operator : new String[] {"=", "<>", "<", "<=", ">", ">="}) {
            assertThat(evaluate("a " + operator + " b", number, other, null)).isEqualTo(Truth.FALSE);
            assertThat(evaluate("b " + operator + " a", number, other, null)).isEqualTo(Truth.FALSE);
        }
    }

    @Property
    void comparingWithNullIsUnknown(@ForAll("values") Object value) throws InvalidSelectorException {
        for (String operator : new String[] {"=", "<>", "<", "<=", ">", ">="}) {
            assertThat(evaluate("a " + operator + " b", value, null, null)).isEqualTo(Truth.UNKNOWN);
            assertThat(evaluate("b " + operator + " a", value, null, null)).isEqualTo(Truth.UNKNOWN);
        }
    }

    @Provide
    Arbitrary<Object> nonNumbers() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(3), Arbitraries.of(true, false));
    }

    @Property
    void stringWithoutWildcardsLikesItself(@ForAll @StringLength(max = 20) String text)
            throws InvalidSelectorException {
        String pattern = text.replace("%", "").replace("_", "");

        assertThat(Selector.parse("s LIKE '" + pattern.replace("'", "''") + "'").matches(MapMessageView.of("s", pattern)))
                .isTrue();
        assertThat(Selector.parse("s LIKE '" + pattern.replace("'", "''") + "'")
                .matches(MapMessageView.of("s", pattern + "x"))).isFalse();
    }

    @Property
    void anyStringWithEscapedWildcardsLikesItself(@ForAll @StringLength(max = 20) String text)
            throws InvalidSelectorException {
        String escaped = text.replace("!", "!!").replace("%", "!%").replace("_", "!_").replace("'", "''");

        assertThat(Selector.parse("s LIKE '" + escaped + "' ESCAPE '!'").matches(MapMessageView.of("s", text)))
                .isTrue();
    }

    @Property
    void likeAgreesWithAnEquivalentRegularExpression(
            @ForAll @StringLength(max = 8) @CharRange(from = 'a', to = 'b') String text,
            @ForAll("likePatterns") String pattern) throws SelectorSyntaxException {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '%' ? ".*" : c == '_' ? "." : Pattern.quote(String.valueOf(c)));
        }
        boolean expected = Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(text).matches();

        assertThat(LikePattern.compile(pattern, null, 0, 0).matches(text)).isEqualTo(expected);
    }

    @Provide
    Arbitrary<String> likePatterns() {
        return Arbitraries.strings().withChars('a', 'b', '%', '_').ofMaxLength(6);
    }

    @Property
    void exactArithmeticMatchesJava(@ForAll long a, @ForAll long b) throws InvalidSelectorException {
        MapMessageView message = MapMessageView.of("a", a, "b", b, "sum", a + b, "product", a * b);

        assertThat(Selector.parse("a + b = sum AND a * b = product AND a - b = sum - b - b").matches(message))
                .isTrue();
        Truth quotient = Selector.parse("a / b = q").evaluate(MapMessageView.of("a", a, "b", b, "q", b == 0 ? 0 : a / b));
        assertThat(quotient).isEqualTo(b == 0 ? Truth.UNKNOWN : Truth.TRUE);
    }

    @Property
    void intAndFloatArithmeticMatchesJava(@ForAll int a, @ForAll int b, @ForAll float x, @ForAll float y)
            throws InvalidSelectorException {
        MapMessageView message = MapMessageView.of("a", a, "b", b, "x", x, "y", y,
                "intSum", a + b, "intProduct", a * b, "floatSum", x + y, "floatProduct", x * y, "mixed", a * y);

        assertThat(Selector.parse("a + b = intSum AND a * b = intProduct").matches(message)).isTrue();
        boolean finite = Float.isFinite(x + y) && Float.isFinite(x * y) && Float.isFinite(a * y);
        if (finite) {
            assertThat(Selector.parse("x + y = floatSum AND x * y = floatProduct AND a * y = mixed").matches(message))
                    .isTrue();
        }
    }

    @Property
    void everyExactLiteralFormOfALongSelectsIt(@ForAll long value) throws InvalidSelectorException {
        MapMessageView message = MapMessageView.of("p", value);
        String[] forms = {
            Long.toString(value) + "L", Long.toString(value),
            "0x" + Long.toHexString(value) + "L", "0X" + Long.toHexString(value).toUpperCase() + "l",
            "0" + Long.toOctalString(value) + "L", "0b" + Long.toBinaryString(value) + "L",
        };
        for (String form : forms) {
            assertThat(Selector.parse("p = " + form).matches(message)).as(form).isTrue();
        }
    }

    @Property
    void approximateLiteralsReadBackJavasOwnText(@ForAll double value, @ForAll float single)
            throws InvalidSelectorException {
        if (Double.isFinite(value)) {
            assertThat(Selector.parse("p = " + value).matches(MapMessageView.of("p", value))).as("%s", value).isTrue();
            assertThat(Selector.parse("p = " + value + "D").matches(MapMessageView.of("p", value))).isTrue();
        }
        if (Float.isFinite(single)) {
            assertThat(Selector.parse("p = " + single + "F").matches(MapMessageView.of("p", single)))
                    .as("%sF", single).isTrue();
        }
    }
}
