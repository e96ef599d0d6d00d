package io.logjms.benchmarks.sidebyside;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.Locale;

/** How values and ratios are printed: the same in the table, the CSV notes and the charts. */
final class Figures {
    private Figures() {
    }

    /** A value in its metric's unit: rates as whole numbers with thousands separators, times with decimals. */
    static String value(Metric metric, double value) {
        return switch (metric.unit()) {
            case Metrics.MSGS -> String.format(Locale.ROOT, "%,.0f", value);
            case Metrics.MB -> String.format(Locale.ROOT, "%,.1f", value);
            case Metrics.MS -> value < 10 ? String.format(Locale.ROOT, "%.2f", value)
                    : String.format(Locale.ROOT, "%,.1f", value);
            default -> String.format(Locale.ROOT, "%.2f", value);
        };
    }

    /** A duration in seconds such as {@code 20 s} or {@code 0.2 s}. */
    static String seconds(Duration duration) {
        return plain(duration.toMillis() / 1000.0) + " s";
    }

    /** A ratio such as {@code 2.31×}. */
    static String ratio(double ratio) {
        return ratio >= 100 ? String.format(Locale.ROOT, "%,.0f×", ratio) : String.format(Locale.ROOT, "%.2f×", ratio);
    }

    /** A finite number for CSV and JSON: plain notation, 9 significant digits, no grouping. */
    static String plain(double value) {
        return new BigDecimal(value).round(new MathContext(9)).stripTrailingZeros().toPlainString();
    }
}
