package io.logjms.broker.log;

/** Where a timed operation reports how long it took; lets storage code be timed without knowing Micrometer. */
@FunctionalInterface
public interface LatencyRecorder {
    /** Records nothing: for parts built without metrics (unit tests, tools). */
    LatencyRecorder NONE = nanos -> { };

    void recordNanos(long nanos);
}
