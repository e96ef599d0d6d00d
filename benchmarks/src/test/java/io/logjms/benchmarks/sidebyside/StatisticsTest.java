package io.logjms.benchmarks.sidebyside;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class StatisticsTest {

    @Test
    void medianOfAnOddCountIsTheMiddleValue() {
        Statistics s = Statistics.of(30.0, 10.0, 20.0);

        assertThat(s.median()).isEqualTo(20.0);
        assertThat(s.min()).isEqualTo(10.0);
        assertThat(s.max()).isEqualTo(30.0);
        assertThat(s.count()).isEqualTo(3);
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(Statistics.of(4.0, 1.0, 3.0, 2.0).median()).isEqualTo(2.5);
    }

    @Test
    void aSingleValueIsItsOwnMedianMinAndMax() {
        assertThat(Statistics.of(7.5)).isEqualTo(new Statistics(1, 7.5, 7.5, 7.5));
    }

    @Test
    void noValuesIsAnError() {
        assertThatThrownBy(() -> Statistics.of(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Property(tries = 200)
    void medianLiesBetweenMinAndMaxAndIgnoresOrder(
            @ForAll @Size(min = 1, max = 9) List<@DoubleRange(min = -1e6, max = 1e6) Double> values) {
        Statistics s = Statistics.of(values);
        List<Double> reversed = new ArrayList<>(values);
        Collections.reverse(reversed);

        assertThat(s.min()).isLessThanOrEqualTo(s.median());
        assertThat(s.median()).isLessThanOrEqualTo(s.max());
        assertThat(s.min()).isEqualTo(Collections.min(values));
        assertThat(s.max()).isEqualTo(Collections.max(values));
        assertThat(Statistics.of(reversed)).isEqualTo(s);
    }
}
