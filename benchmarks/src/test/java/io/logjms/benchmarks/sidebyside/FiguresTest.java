package io.logjms.benchmarks.sidebyside;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FiguresTest {

    @Test
    void ratesAreWholeNumbersWithGrouping() {
        assertThat(Figures.value(Metrics.W1_ASYNC_RATE, 14642.4)).isEqualTo("14,642");
        assertThat(Figures.value(Metrics.W1_ASYNC_BYTES, 1234.56)).isEqualTo("1,234.6");
    }

    @Test
    void latenciesKeepTwoDecimalsBelowTenMilliseconds() {
        Metric p50 = Metrics.latency(2000, Metrics.W3_PERCENTILES.get(0));

        assertThat(Figures.value(p50, 1.3)).isEqualTo("1.30");
        assertThat(Figures.value(p50, 360.04)).isEqualTo("360.0");
    }

    @Test
    void ratiosCarryAMultiplicationSign() {
        assertThat(Figures.ratio(2.345)).isEqualTo("2.35×");
        assertThat(Figures.ratio(1234)).isEqualTo("1,234×");
    }

    @Test
    void plainNumbersUseNoExponentNoGroupingAndNoTrailingZeros() {
        assertThat(Figures.plain(120000.4)).isEqualTo("120000.4");
        assertThat(Figures.plain(3.0)).isEqualTo("3");
        assertThat(Figures.plain(0.000125)).isEqualTo("0.000125");
        assertThat(Figures.plain(1e12)).isEqualTo("1000000000000");
        assertThat(Figures.plain(2.0 / 3.0)).isEqualTo("0.666666667");
    }
}
