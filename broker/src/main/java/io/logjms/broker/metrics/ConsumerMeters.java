package io.logjms.broker.metrics;

import io.micrometer.core.instrument.Counter;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one consumer counts as it is handed records: messages out of its destination, redeliveries, and
 * the deliveries of its subscription. The subscription is known only once the consumer is attached:
 * deliveries before {@link #bind} are kept and handed over then, so none is lost.
 */
public final class ConsumerMeters {
    private final DestinationMeters destination;
    private final Counter redeliveries;
    private final LongAdder beforeBind = new LongAdder();
    private volatile LongAdder subscription;

    ConsumerMeters(DestinationMeters destination, Counter redeliveries) {
        this.destination = destination;
        this.redeliveries = redeliveries;
    }

    /** {@code messages} records were delivered, {@code redelivered} of them not for the first time. */
    public void delivered(int messages, int redelivered) {
        destination.delivered(messages);
        if (redelivered > 0) {
            redeliveries.increment(redelivered);
        }
        LongAdder s = subscription;
        if (s != null) {
            s.add(messages);
            return;
        }
        synchronized (this) {
            s = subscription;
            (s != null ? s : beforeBind).add(messages);
        }
    }

    synchronized void bind(LongAdder subscriptionDeliveries) {
        subscriptionDeliveries.add(beforeBind.sumThenReset());
        subscription = subscriptionDeliveries;
    }
}
