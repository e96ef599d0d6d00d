package io.logjms.benchmarks.sidebyside;

import java.util.List;
import java.util.Locale;

/**
 * W4: a new subscriber reads the whole retained history (N messages) of a topic from the start:
 * total seconds, msgs/s and time to the first message, all timed from opening the subscriber. A JMS
 * provider without a way to start a topic subscriber at the beginning gets "impossible", and its
 * queue browser is measured over N queued messages instead (as BENCH.md does for Artemis).
 */
final class HistoryWorkload implements WorkloadRun {
    private static final List<Metric> METRICS = List.of(Metrics.W4_SECONDS, Metrics.W4_RATE, Metrics.W4_FIRST);

    @Override
    public List<Measurement> run(WorkloadContext ctx) {
        return ctx.attempt("W4 history", METRICS, () -> {
            History.ensureTopicLoaded(ctx);
            Subscriber subscriber;
            long start = System.nanoTime();
            try {
                subscriber = ctx.client.openFromEarliest(History.TOPIC, "history-reader");
            } catch (UnsupportedWorkloadException impossible) {
                if (!ctx.client.hasQueues()) {
                    throw impossible;
                }
                return browseQueue(ctx, "topic: impossible (" + impossible.getMessage() + "); figure: queue browser");
            }
            return read(ctx, subscriber, start, "W4 history from the start", subscriber.note());
        });
    }

    private static List<Measurement> browseQueue(WorkloadContext ctx, String note) throws Exception {
        History.ensureQueueLoaded(ctx);
        long start = System.nanoTime();
        return read(ctx, ctx.client.openQueueBrowser(History.QUEUE), start, "W4 queue browser", note);
    }

    private static List<Measurement> read(WorkloadContext ctx, Subscriber opened, long start, String what,
            String note) throws Exception {
        int count = ctx.settings.messages();
        ctx.progress.begin(ctx.label(what), count);
        WorkloadContext.Receipts receipts;
        try (Subscriber subscriber = opened) {
            receipts = ctx.receive(subscriber, count, (s, now) -> {
            });
        }
        if (receipts.count() == 0) {
            throw new IllegalStateException(what + " delivered nothing");
        }
        String fullNote = receipts.count() < count
                ? (note.isEmpty() ? "" : note + "; ") + "ended after " + receipts.count() + " of " + count : note;
        double seconds = (receipts.lastNanos() - start) / 1e9;
        double rate = receipts.count() / seconds;
        double firstMs = (receipts.firstNanos() - start) / 1e6;
        ctx.progress.end(String.format(Locale.ROOT, "%.2f s, %s, first message after %.1f ms", seconds,
                WorkloadContext.formatRate(rate), firstMs) + (fullNote.isEmpty() ? "" : " (" + fullNote + ")"));
        return List.of(
                Measurement.of(ctx.system, Metrics.W4_SECONDS, ctx.run, seconds, fullNote),
                Measurement.of(ctx.system, Metrics.W4_RATE, ctx.run, rate, fullNote),
                Measurement.of(ctx.system, Metrics.W4_FIRST, ctx.run, firstMs, fullNote));
    }
}
