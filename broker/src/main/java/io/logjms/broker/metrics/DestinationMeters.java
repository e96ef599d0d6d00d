package io.logjms.broker.metrics;

import io.micrometer.core.instrument.Counter;

/**
 * The counters of one destination, looked up once per destination and then only incremented: the
 * produce and delivery paths hold this object instead of asking the registry for a counter each time.
 */
public final class DestinationMeters {
    private final Counter messagesIn;
    private final Counter bytesIn;
    private final Counter messagesOut;

    DestinationMeters(Counter messagesIn, Counter bytesIn, Counter messagesOut) {
        this.messagesIn = messagesIn;
        this.bytesIn = bytesIn;
        this.messagesOut = messagesOut;
    }

    /** A batch of {@code messages} records and {@code bytes} bytes was appended. */
    public void produced(long messages, long bytes) {
        messagesIn.increment(messages);
        bytesIn.increment(bytes);
    }

    /** {@code messages} records were handed to a consumer. */
    public void delivered(int messages) {
        messagesOut.increment(messages);
    }
}
