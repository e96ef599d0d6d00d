package io.logjms.benchmarks.sidebyside;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Prints what is running and how far it got: a line when a phase starts and ends, and every few
 * seconds the message count of the phase in progress. Thread-safe: workloads bump the counter from
 * any thread.
 */
public final class Progress implements AutoCloseable {
    private final PrintStream out;
    private final AtomicLong done = new AtomicLong();
    private final ScheduledExecutorService ticker;
    private volatile String phase;
    private volatile long total;
    private volatile long phaseStartNanos;

    public Progress(PrintStream out, long tickMillis) {
        this.out = out;
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-progress");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(this::tick, tickMillis, tickMillis, TimeUnit.MILLISECONDS);
    }

    /** Starts a phase: {@code label} names system, run and workload; {@code total} messages are expected. */
    public void begin(String label, long total) {
        this.phase = label;
        this.total = total;
        this.phaseStartNanos = System.nanoTime();
        done.set(0);
        out.printf(Locale.ROOT, "  %s: %,d msgs%n", label, total);
    }

    /** Counts {@code n} more messages in the current phase. */
    public void add(long n) {
        done.addAndGet(n);
    }

    /** Ends the current phase with a one-line result. */
    public void end(String result) {
        String label = phase;
        phase = null;
        out.printf(Locale.ROOT, "  %s: %s%n", label, result);
    }

    /** Ends the current phase, if any, with a failure of {@code label}. */
    public void fail(String label, String why) {
        phase = null;
        out.printf(Locale.ROOT, "  %s: %s%n", label, why);
    }

    /** A line outside any phase. */
    public void say(String line) {
        out.println(line);
    }

    private void tick() {
        String label = phase;
        if (label != null) {
            double seconds = (System.nanoTime() - phaseStartNanos) / 1e9;
            out.printf(Locale.ROOT, "    %s: %,d / %,d msgs after %.1f s%n", label, done.get(), total, seconds);
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
