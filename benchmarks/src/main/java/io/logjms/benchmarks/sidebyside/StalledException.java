package io.logjms.benchmarks.sidebyside;

/** A workload made no progress within the idle timeout. */
public final class StalledException extends Exception {
    private static final long serialVersionUID = 1L;

    public StalledException(String message) {
        super(message);
    }
}
