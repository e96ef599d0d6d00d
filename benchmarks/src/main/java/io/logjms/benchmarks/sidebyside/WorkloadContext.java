package io.logjms.benchmarks.sidebyside;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * What the workloads share during one system's turn in one run: the client of the running broker,
 * the settings, the payload, progress output, and the helpers every workload uses (timed async
 * publishing, receiving with an idle timeout, turning a failure into "n/a" rows).
 */
final class WorkloadContext {
    /** How long one receive call waits before the idle check runs again. */
    static final Duration POLL = Duration.ofMillis(100);

    final MessagingClient client;
    final BenchSettings settings;
    final SystemKind system;
    final int run;
    final Payloads payloads;
    final Progress progress;
    boolean historyTopicLoaded;
    boolean historyQueueLoaded;

    WorkloadContext(MessagingClient client, BenchSettings settings, SystemKind system, int run, Payloads payloads,
            Progress progress) {
        this.client = client;
        this.settings = settings;
        this.system = system;
        this.run = run;
        this.payloads = payloads;
        this.progress = progress;
    }

    /** A progress label such as {@code artemis run 2/3 W1 async}. */
    String label(String what) {
        return system.id() + " run " + run + "/" + settings.runs() + " " + what;
    }

    /**
     * Runs {@code body}; when it throws, every metric in {@code metrics} gets a missing value whose note
     * says what happened ("impossible: …" or "failed: …"), and the progress output says so for {@code what}.
     */
    List<Measurement> attempt(String what, List<Metric> metrics, Callable<List<Measurement>> body) {
        String why;
        try {
            return body.call();
        } catch (UnsupportedWorkloadException e) {
            why = "impossible: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            why = "interrupted";
        } catch (Exception e) {
            why = "failed: " + describe(e);
        }
        progress.fail(label(what), why);
        List<Measurement> missing = new ArrayList<>();
        for (Metric metric : metrics) {
            missing.add(Measurement.missing(system, metric, run, why));
        }
        return missing;
    }

    /** An exception and its root cause in one line. */
    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = e.getClass().getSimpleName() + ": " + e.getMessage();
        if (root != e) {
            text += " (cause: " + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
        }
        return text;
    }

    /**
     * Publishes {@code count} payloads with asynchronous sends and returns the nanoseconds from the
     * first send to the last acknowledgement.
     */
    long publishAsync(Publisher publisher, int count, boolean countProgress) throws Exception {
        AsyncSends sends = new AsyncSends(payloads.size(), countProgress ? progress : null, settings.idleTimeout());
        byte[] payload = payloads.payload();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            sends.beforeSend();
            publisher.sendAsync(payload, sends);
        }
        return sends.awaitAll(count) - start;
    }

    /** Handles one received message (the subscriber holds it as its last one). */
    @FunctionalInterface
    interface ReceiptHandler {
        void received(Subscriber subscriber, long nowNanos) throws Exception;
    }

    /** When the first and last of {@code count} messages arrived ({@link System#nanoTime()}). */
    record Receipts(long count, long firstNanos, long lastNanos) {
    }

    /**
     * Receives until {@code count} messages arrived or the source ended (a browser); fails when no
     * message arrives for the idle timeout.
     */
    Receipts receive(Subscriber subscriber, long count, ReceiptHandler handler) throws Exception {
        long received = 0;
        long first = -1;
        long last = -1;
        long lastProgress = System.nanoTime();
        long idleNanos = settings.idleTimeout().toNanos();
        while (received < count) {
            if (subscriber.receive(POLL)) {
                long now = System.nanoTime();
                if (first < 0) {
                    first = now;
                }
                last = now;
                lastProgress = now;
                received++;
                progress.add(1);
                handler.received(subscriber, now);
            } else if (subscriber.ended()) {
                break;
            } else if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("receiving stopped after " + received + " of " + count);
            } else if (System.nanoTime() - lastProgress > idleNanos) {
                throw new StalledException(received + " of " + count + " messages received, then none for "
                        + Figures.seconds(settings.idleTimeout()));
            }
        }
        return new Receipts(received, first, last);
    }

    /** Messages per second. */
    static double rate(long messages, long nanos) {
        return messages / (nanos / 1e9);
    }

    /** Megabytes (10^6 bytes) of payload per second. */
    double megabytesPerSecond(long messages, long nanos) {
        return rate(messages, nanos) * payloads.size() / 1e6;
    }

    static String formatRate(double rate) {
        return String.format(Locale.ROOT, "%,.0f msgs/s", rate);
    }
}
