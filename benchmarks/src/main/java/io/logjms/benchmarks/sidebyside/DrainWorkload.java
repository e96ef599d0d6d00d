package io.logjms.benchmarks.sidebyside;

import io.logjms.benchmarks.sidebyside.MessagingClient.AckMode;
import java.util.ArrayList;
import java.util.List;

/**
 * W2: one consumer drains N stored messages from a durable subscription, once with
 * AUTO_ACKNOWLEDGE and once with DUPS_OK (Kafka: a consumer group with automatic commits both times).
 * Timed from opening the consumer to the last message.
 */
final class DrainWorkload implements WorkloadRun {
    @Override
    public List<Measurement> run(WorkloadContext ctx) {
        List<Measurement> out = new ArrayList<>();
        out.addAll(ctx.attempt("W2 drain AUTO", List.of(Metrics.W2_AUTO), () -> drain(ctx, AckMode.AUTO, Metrics.W2_AUTO)));
        out.addAll(ctx.attempt("W2 drain DUPS_OK", List.of(Metrics.W2_DUPS_OK), () -> drain(ctx, AckMode.DUPS_OK, Metrics.W2_DUPS_OK)));
        return out;
    }

    private static List<Measurement> drain(WorkloadContext ctx, AckMode mode, Metric metric) throws Exception {
        History.ensureTopicLoaded(ctx);
        String subscription = History.drainSubscription(mode);
        int count = ctx.settings.messages();
        ctx.progress.begin(ctx.label("W2 drain " + mode), count);
        long start = System.nanoTime();
        WorkloadContext.Receipts receipts;
        try (Subscriber subscriber = ctx.client.openSubscriber(History.TOPIC, subscription, mode)) {
            receipts = ctx.receive(subscriber, count, (s, now) -> {
            });
        }
        ctx.client.removeSubscription(History.TOPIC, subscription);
        double rate = WorkloadContext.rate(receipts.count(), receipts.lastNanos() - start);
        ctx.progress.end(WorkloadContext.formatRate(rate));
        return List.of(Measurement.of(ctx.system, metric, ctx.run, rate));
    }
}
