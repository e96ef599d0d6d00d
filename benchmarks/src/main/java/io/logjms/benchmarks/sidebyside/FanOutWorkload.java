package io.logjms.benchmarks.sidebyside;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * W5: one producer publishes N messages asynchronously to a topic with four durable subscriptions
 * (Kafka: four consumer groups), each read by its own consumer thread. The figure is 4 × N divided by
 * the time from the first send to the last receipt of any consumer.
 */
final class FanOutWorkload implements WorkloadRun {
    static final int SUBSCRIBERS = 4;
    private static final String TOPIC = "fanout";

    @Override
    public List<Measurement> run(WorkloadContext ctx) {
        return ctx.attempt("W5 fan-out", List.of(Metrics.W5_AGGREGATE), () -> fanOut(ctx));
    }

    private static List<Measurement> fanOut(WorkloadContext ctx) throws Exception {
        int count = ctx.settings.messages();
        ctx.client.createTopic(TOPIC);
        for (int i = 0; i < SUBSCRIBERS; i++) {
            ctx.client.createSubscription(TOPIC, subscription(i));
        }
        CountDownLatch ready = new CountDownLatch(SUBSCRIBERS);
        ExecutorService threads = Executors.newFixedThreadPool(SUBSCRIBERS, Threads.named("bench-w5-consumer"));
        long start;
        long lastReceipt = 0;
        try {
            ctx.progress.begin(ctx.label("W5 1 producer, " + SUBSCRIBERS + " subscribers (messages received)"),
                    (long) SUBSCRIBERS * count);
            List<Future<Long>> consumers = new ArrayList<>();
            for (int i = 0; i < SUBSCRIBERS; i++) {
                String subscription = subscription(i);
                consumers.add(threads.submit(() -> consume(ctx, subscription, count, ready)));
            }
            Threads.awaitReady(ready, consumers, ctx.settings.idleTimeout());
            try (Publisher publisher = ctx.client.openPublisher(TOPIC, true)) {
                start = System.nanoTime();
                ctx.publishAsync(publisher, count, false);
            }
            for (Future<Long> consumer : consumers) {
                lastReceipt = Math.max(lastReceipt, Threads.join(consumer));
            }
        } finally {
            threads.shutdownNow();
        }
        for (int i = 0; i < SUBSCRIBERS; i++) {
            ctx.client.removeSubscription(TOPIC, subscription(i));
        }
        double aggregate = WorkloadContext.rate((long) SUBSCRIBERS * count, lastReceipt - start);
        ctx.progress.end(WorkloadContext.formatRate(aggregate) + " aggregate");
        return List.of(Measurement.of(ctx.system, Metrics.W5_AGGREGATE, ctx.run, aggregate));
    }

    private static String subscription(int index) {
        return TOPIC + "-sub-" + index;
    }

    /** Reads N messages and returns when the last one arrived ({@link System#nanoTime()}). */
    private static long consume(WorkloadContext ctx, String subscription, int count, CountDownLatch ready)
            throws Exception {
        try (Subscriber subscriber = ctx.client.openSubscriber(TOPIC, subscription, MessagingClient.AckMode.AUTO)) {
            subscriber.awaitReady(ctx.settings.idleTimeout());
            ready.countDown();
            return ctx.receive(subscriber, count, (s, now) -> {
            }).lastNanos();
        }
    }
}
