package io.logjms.benchmarks.sidebyside;

import java.util.Arrays;
import java.util.Collection;

/**
 * Median, minimum and maximum of a set of run values.
 *
 * @param count how many values there were
 */
public record Statistics(int count, double median, double min, double max) {
    /** Statistics of a non-empty collection; the median of an even count is the mean of the middle two. */
    public static Statistics of(Collection<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
        return new Statistics(n, median, sorted[0], sorted[n - 1]);
    }

    /** Convenience for tests and callers holding an array. */
    public static Statistics of(double... values) {
        return of(Arrays.stream(values).boxed().toList());
    }
}
