package io.logjms.benchmarks.sidebyside;

import java.util.Locale;

/**
 * The stored messages W2 drains and W4 reads back: N messages on the topic {@value #TOPIC}, published
 * once per broker (untimed) after the drain subscriptions exist, and for JMS providers that cannot
 * read a topic's history, N messages on the queue {@value #QUEUE} for the browser.
 */
final class History {
    static final String TOPIC = "history";
    static final String QUEUE = "history-queue";

    private History() {
    }

    /** The durable subscription W2 drains in one acknowledgement mode. */
    static String drainSubscription(MessagingClient.AckMode mode) {
        return "drain-" + mode.name().toLowerCase(Locale.ROOT);
    }

    static void ensureTopicLoaded(WorkloadContext ctx) throws Exception {
        if (ctx.historyTopicLoaded) {
            return;
        }
        ctx.client.createTopic(TOPIC);
        if (ctx.settings.workloads().contains(Workload.W2)) {
            for (MessagingClient.AckMode mode : MessagingClient.AckMode.values()) {
                ctx.client.createSubscription(TOPIC, drainSubscription(mode));
            }
        }
        preload(ctx, ctx.client.openPublisher(TOPIC, true), "topic");
        ctx.historyTopicLoaded = true;
    }

    static void ensureQueueLoaded(WorkloadContext ctx) throws Exception {
        if (ctx.historyQueueLoaded) {
            return;
        }
        preload(ctx, ctx.client.openQueuePublisher(QUEUE), "queue");
        ctx.historyQueueLoaded = true;
    }

    private static void preload(WorkloadContext ctx, Publisher opened, String what) throws Exception {
        try (Publisher publisher = opened) {
            ctx.progress.begin(ctx.label("storing history on a " + what + " (untimed)"), ctx.settings.messages());
            long nanos = ctx.publishAsync(publisher, ctx.settings.messages(), true);
            ctx.progress.end("stored, " + WorkloadContext.formatRate(WorkloadContext.rate(ctx.settings.messages(), nanos)));
        }
    }
}
