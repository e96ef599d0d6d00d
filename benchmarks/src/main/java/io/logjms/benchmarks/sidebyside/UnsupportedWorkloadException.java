package io.logjms.benchmarks.sidebyside;

/** Thrown when a system cannot do what a workload asks at all (as opposed to failing while doing it). */
public final class UnsupportedWorkloadException extends Exception {
    private static final long serialVersionUID = 1L;

    public UnsupportedWorkloadException(String message) {
        super(message);
    }
}
