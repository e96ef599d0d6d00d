package io.logjms.benchmarks.sidebyside;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * W1: one producer publishes persistent messages to a topic that has one durable subscription (so a
 * JMS broker stores them), first with synchronous sends, then with asynchronous ones.
 */
final class PublishWorkload implements WorkloadRun {
    @Override
    public List<Measurement> run(WorkloadContext ctx) {
        List<Measurement> out = new ArrayList<>();
        out.addAll(ctx.attempt("W1 sync send", List.of(Metrics.W1_SYNC_RATE, Metrics.W1_SYNC_BYTES), () -> publish(ctx, false)));
        out.addAll(ctx.attempt("W1 async send", List.of(Metrics.W1_ASYNC_RATE, Metrics.W1_ASYNC_BYTES), () -> publish(ctx, true)));
        return out;
    }

    private static List<Measurement> publish(WorkloadContext ctx, boolean async) throws Exception {
        String topic = async ? "w1-async" : "w1-sync";
        String subscription = topic + "-retained";
        int count = async ? ctx.settings.messages() : ctx.settings.syncMessages();
        ctx.client.createTopic(topic);
        ctx.client.createSubscription(topic, subscription);
        long nanos;
        try (Publisher publisher = ctx.client.openPublisher(topic, async)) {
            ctx.progress.begin(ctx.label(async ? "W1 async send" : "W1 sync send"), count);
            if (async) {
                nanos = ctx.publishAsync(publisher, count, true);
            } else {
                byte[] payload = ctx.payloads.payload();
                long start = System.nanoTime();
                for (int i = 0; i < count; i++) {
                    publisher.send(payload);
                    ctx.progress.add(1);
                }
                nanos = System.nanoTime() - start;
            }
        }
        ctx.client.removeSubscription(topic, subscription);
        double rate = WorkloadContext.rate(count, nanos);
        double megabytes = ctx.megabytesPerSecond(count, nanos);
        ctx.progress.end(WorkloadContext.formatRate(rate) + String.format(Locale.ROOT, ", %.1f MB/s", megabytes));
        return List.of(
                Measurement.of(ctx.system, async ? Metrics.W1_ASYNC_RATE : Metrics.W1_SYNC_RATE, ctx.run, rate),
                Measurement.of(ctx.system, async ? Metrics.W1_ASYNC_BYTES : Metrics.W1_SYNC_BYTES, ctx.run, megabytes));
    }
}
