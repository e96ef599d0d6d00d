package io.logjms.selector;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(10)
class LikePatternTest {

    private static boolean like(String text, String pattern) throws SelectorSyntaxException {
        return LikePattern.compile(pattern, null, 0, 0).matches(text);
    }

    private static boolean like(String text, String pattern, String escape) throws SelectorSyntaxException {
        return LikePattern.compile(pattern, escape, 0, 0).matches(text);
    }

    @ParameterizedTest(name = "''{0}'' LIKE ''{1}'' = {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        // regular-expression metacharacters are ordinary characters
        "a.c      | a.c     | true",
        "abc      | a.c     | false",
        "a*       | a*      | true",
        "aaa      | a*      | false",
        "[ab]     | [ab]    | true",
        "a        | [ab]    | false",
        "(x)+?    | (x)+?   | true",
        "x        | (x)+?   | false",
        "^a$      | ^a$     | true",
        "a{2}     | a{2}    | true",
        "aa       | a{2}    | false",
        "a\\b     | a\\b    | true",
        "a\\Qb    | a\\Qb   | true",
        "$1       | $1      | true",
        // wildcards
        "``       | %       | true",
        "``       | ``      | true",
        "a        | ``      | false",
        "``       | _       | false",
        "abc      | %%%     | true",
        "abc      | a%      | true",
        "abc      | %c      | true",
        "abc      | %b%     | true",
        "abc      | %d%     | false",
        "abc      | ___     | true",
        "abc      | __      | false",
        "abc      | ____    | false",
        "abc      | _%_     | true",
        "aXbYbZc  | a%b%c   | true",
        "aXbYbZ   | a%b%c   | false",
        "aaa      | %a      | true",
        "aab      | %ab     | true",
        "abab     | %ab%ab  | true",
        "abab     | %ab%abc | false",
        "mississippi | m%iss%ppi | true",
        "mississippi | m%iss%pi_ | false",
        "ABC      | abc     | false",
    })
    void matchesLikeSql(String text, String pattern, boolean expected) throws SelectorSyntaxException {
        assertThat(like(text, pattern)).isEqualTo(expected);
    }

    @Test
    void underscoreAndPercentSpanLineBreaks() throws SelectorSyntaxException {
        assertThat(like("a\nb", "a_b")).isTrue();
        assertThat(like("a\r\nb", "a%b")).isTrue();
    }

    @Test
    void underscoreMatchesOneSupplementaryCharacterAsAWhole() throws SelectorSyntaxException {
        String smile = "\uD83D\uDE00";

        assertThat(like("x" + smile + "y", "x_y")).isTrue();
        assertThat(like("x" + smile + "y", "x__y")).isFalse();
        assertThat(like(smile, smile)).isTrue();
        assertThat(like(smile + smile, "%" + smile)).isTrue();
    }

    @Test
    void escapeMakesTheNextCharacterLiteral() throws SelectorSyntaxException {
        assertThat(like("50%", "50!%", "!")).isTrue();
        assertThat(like("500", "50!%", "!")).isFalse();
        assertThat(like("a_b", "a!_b", "!")).isTrue();
        assertThat(like("axb", "a!_b", "!")).isFalse();
        assertThat(like("a!b", "a!!b", "!")).isTrue();
        assertThat(like("ab", "!a!b", "!")).isTrue();
        assertThat(like("x%y_z", "%!%%!_%", "!")).isTrue();
        assertThat(like("x%yz", "%!%%!_%", "!")).isFalse();
    }

    @Test
    void wildcardCanBeItsOwnEscape() throws SelectorSyntaxException {
        assertThat(like("100%", "100%%", "%")).isTrue();
        assertThat(like("1000", "100%%", "%")).isFalse();
    }

    @Test
    void renderedPatternShowsSourceAndEscape() throws SelectorSyntaxException {
        assertThat(LikePattern.compile("it's!_%", "!", 0, 0)).hasToString("'it''s!_%' ESCAPE '!'");
        assertThat(LikePattern.compile("a%", null, 0, 0)).hasToString("'a%'");
    }
}
