package io.logjms.benchmarks.sidebyside;

import java.util.List;
import java.util.Locale;

/**
 * W6: one producer publishes persistent messages with asynchronous sends to a topic replicated to the 3 brokers
 * of a cluster on this machine (replication factor 3; Kafka with {@code acks=all} and
 * {@code min.insync.replicas=2}, logjms acknowledging once a majority of the replicas has the record durable).
 * The topic has one durable subscription, so a JMS broker stores the messages. The runner gives it a client of a
 * 3-broker cluster ({@link BrokerLauncher#startCluster}).
 */
final class ReplicatedPublishWorkload implements WorkloadRun {
    static final String TOPIC = "w6-replicated";

    @Override
    public List<Measurement> run(WorkloadContext ctx) {
        return ctx.attempt("W6 replicated publish", List.of(Metrics.W6_RATE, Metrics.W6_BYTES), () -> publish(ctx));
    }

    private static List<Measurement> publish(WorkloadContext ctx) throws Exception {
        String subscription = TOPIC + "-retained";
        int count = ctx.settings.messages();
        ctx.client.createTopic(TOPIC);
        ctx.client.createSubscription(TOPIC, subscription);
        long nanos;
        try (Publisher publisher = ctx.client.openPublisher(TOPIC, true)) {
            ctx.progress.begin(ctx.label("W6 replicated publish"), count);
            nanos = ctx.publishAsync(publisher, count, true);
        }
        ctx.client.removeSubscription(TOPIC, subscription);
        double rate = WorkloadContext.rate(count, nanos);
        double megabytes = ctx.megabytesPerSecond(count, nanos);
        ctx.progress.end(WorkloadContext.formatRate(rate) + String.format(Locale.ROOT, ", %.1f MB/s", megabytes));
        return List.of(Measurement.of(ctx.system, Metrics.W6_RATE, ctx.run, rate),
                Measurement.of(ctx.system, Metrics.W6_BYTES, ctx.run, megabytes));
    }
}
