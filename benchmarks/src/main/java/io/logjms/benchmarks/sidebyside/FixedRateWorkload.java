package io.logjms.benchmarks.sidebyside;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * W3: a producer sends at a fixed rate for a fixed time while a consumer runs. Each message carries its
 * scheduled send time; the latency is from that time to receipt, so a producer that falls behind
 * schedule shows in the figures instead of hiding (no coordinated omission). Sends are asynchronous.
 */
final class FixedRateWorkload implements WorkloadRun {
    /** Latencies above this are recorded as this (in microseconds). */
    static final long HIGHEST_TRACKABLE_MICROS = TimeUnit.MINUTES.toMicros(10);

    @Override
    public List<Measurement> run(WorkloadContext ctx) {
        List<Measurement> out = new ArrayList<>();
        for (int rate : ctx.settings.rates()) {
            List<Metric> metrics = Metrics.W3_PERCENTILES.stream().map(p -> Metrics.latency(rate, p)).toList();
            out.addAll(ctx.attempt("W3 @" + rate + "/s", metrics, () -> atRate(ctx, rate)));
        }
        return out;
    }

    /** The schedule: message {@code index} is due {@code index / rate} seconds after {@code startNanos}. */
    static long scheduledNanos(long startNanos, long index, int rate) {
        return startNanos + index * 1_000_000_000L / rate;
    }

    /** How many messages {@code duration} holds at {@code rate} per second. */
    static long messagesFor(Duration duration, int rate) {
        return Math.max(1, duration.toMillis() * rate / 1000);
    }

    private static List<Measurement> atRate(WorkloadContext ctx, int rate) throws Exception {
        String topic = "w3-" + rate;
        String subscription = topic + "-latency";
        long total = messagesFor(ctx.settings.fixedRateDuration(), rate);
        ctx.client.createTopic(topic);
        ctx.client.createSubscription(topic, subscription);
        Histogram histogram = new Histogram(HIGHEST_TRACKABLE_MICROS, 3);
        CountDownLatch ready = new CountDownLatch(1);
        ExecutorService consumerThread = Executors.newSingleThreadExecutor(Threads.named("bench-w3-consumer"));
        long received;
        try {
            ctx.progress.begin(ctx.label("W3 @" + rate + "/s for "
                    + Figures.seconds(ctx.settings.fixedRateDuration())), total);
            Future<Long> consumer = consumerThread.submit(() -> consume(ctx, topic, subscription, total, histogram, ready));
            Threads.awaitReady(ready, consumer, ctx.settings.idleTimeout());
            try (Publisher publisher = ctx.client.openPublisher(topic, true)) {
                produce(ctx, publisher, rate, total);
            }
            received = Threads.join(consumer);
        } finally {
            consumerThread.shutdownNow();
        }
        ctx.client.removeSubscription(topic, subscription);
        List<Measurement> out = new ArrayList<>();
        StringBuilder result = new StringBuilder();
        String note = received < total ? received + " of " + total + " received" : "";
        for (Metrics.Percentile p : Metrics.W3_PERCENTILES) {
            double ms = histogram.getValueAtPercentile(p.percent()) / 1000.0;
            out.add(Measurement.of(ctx.system, Metrics.latency(rate, p), ctx.run, ms, note));
            result.append(String.format(Locale.ROOT, "%s %.2f ms  ", p.name(), ms));
        }
        ctx.progress.end(result.toString().trim());
        return out;
    }

    private static void produce(WorkloadContext ctx, Publisher publisher, int rate, long total) throws Exception {
        AsyncSends sends = new AsyncSends(ctx.payloads.size(), null, ctx.settings.idleTimeout());
        long start = System.nanoTime();
        for (long i = 0; i < total; i++) {
            long due = scheduledNanos(start, i, rate);
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            sends.beforeSend();
            publisher.sendAsync(ctx.payloads.stamped(due), sends);
        }
        sends.awaitAll(total);
    }

    private static long consume(WorkloadContext ctx, String topic, String subscription, long total,
            Histogram histogram, CountDownLatch ready) throws Exception {
        try (Subscriber subscriber = ctx.client.openSubscriber(topic, subscription, MessagingClient.AckMode.AUTO)) {
            subscriber.awaitReady(ctx.settings.idleTimeout());
            ready.countDown();
            return ctx.receive(subscriber, total, (s, now) -> {
                long micros = (now - s.stampOfLast()) / 1000;
                histogram.recordValue(Math.max(0, Math.min(micros, HIGHEST_TRACKABLE_MICROS)));
            }).count();
        }
    }
}
