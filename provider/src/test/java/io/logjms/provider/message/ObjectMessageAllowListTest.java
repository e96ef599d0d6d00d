package io.logjms.provider.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ObjectInputFilter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ObjectMessageAllowListTest {

    @Test
    void defaultAllowsOnlyTheListedJdkPackagesAndPrimitiveArrays() {
        ObjectMessageAllowList list = ObjectMessageAllowList.DEFAULT;

        assertThat(list.allows(String.class)).isTrue();
        assertThat(list.allows(java.util.HashMap.class)).isTrue();
        assertThat(list.allows(java.time.LocalDate.class)).isTrue();
        assertThat(list.allows(java.math.BigInteger.class)).isTrue();
        assertThat(list.allows(long[][].class)).isTrue();
        assertThat(list.allows(Integer[].class)).isTrue();
        assertThat(list.allows(java.util.concurrent.ConcurrentHashMap.class)).as("subpackage").isFalse();
        assertThat(list.allows(java.lang.invoke.SerializedLambda.class)).isFalse();
        assertThat(list.allows(javax.management.ObjectName.class)).isFalse();
        assertThat(list.allows(Shipment.class)).isFalse();
    }

    @Test
    void parsesClassesPackagesAndPackageTrees() {
        ObjectMessageAllowList list = ObjectMessageAllowList.parse(" com.acme.* , org.foo.Bar,, net.tree.** ");

        assertThat(list.patterns()).containsExactly("com.acme.*", "org.foo.Bar", "net.tree.**");
        assertThat(list.allowsClassName("com.acme.Order")).isTrue();
        assertThat(list.allowsClassName("com.acme.sub.Order")).isFalse();
        assertThat(list.allowsClassName("org.foo.Bar")).isTrue();
        assertThat(list.allowsClassName("org.foo.Baz")).isFalse();
        assertThat(list.allowsClassName("net.tree.Root")).isTrue();
        assertThat(list.allowsClassName("net.tree.a.b.Leaf")).isTrue();
        assertThat(list.allowsClassName("net.treehouse.Leaf")).isFalse();
        assertThat(list.allowsClassName("java.lang.String")).isFalse();
    }

    @Test
    void starAllowsEverything() {
        assertThat(ObjectMessageAllowList.parse("*").allows(Shipment.class)).isTrue();
        assertThat(ObjectMessageAllowList.ALLOW_ALL.allowsClassName("anything.At.All")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"com..acme", "com.acme.*.x", "**", "1com.acme", "com/acme", "com.acme*"})
    void refusesInvalidPatterns(String pattern) {
        assertThatThrownBy(() -> ObjectMessageAllowList.parse(pattern))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(pattern);
    }

    @Test
    void withAddsPatterns() {
        ObjectMessageAllowList list = ObjectMessageAllowList.DEFAULT.with("com.acme.*");

        assertThat(list.allowsClassName("com.acme.Order")).isTrue();
        assertThat(list.allowsClassName("java.util.List")).isTrue();
        assertThat(ObjectMessageAllowList.DEFAULT.allowsClassName("com.acme.Order")).isFalse();
    }

    @Test
    void theFilterDecidesOnlyAboutClasses() {
        ObjectInputFilter filter = ObjectMessageAllowList.DEFAULT.asFilter();

        assertThat(filter.checkInput(info(String.class))).isEqualTo(ObjectInputFilter.Status.ALLOWED);
        assertThat(filter.checkInput(info(Shipment.class))).isEqualTo(ObjectInputFilter.Status.REJECTED);
        assertThat(filter.checkInput(info(null))).isEqualTo(ObjectInputFilter.Status.UNDECIDED);
    }

    private static ObjectInputFilter.FilterInfo info(Class<?> type) {
        return new ObjectInputFilter.FilterInfo() {
            @Override
            public Class<?> serialClass() {
                return type;
            }

            @Override
            public long arrayLength() {
                return -1;
            }

            @Override
            public long depth() {
                return 1;
            }

            @Override
            public long references() {
                return 0;
            }

            @Override
            public long streamBytes() {
                return 0;
            }
        };
    }
}
