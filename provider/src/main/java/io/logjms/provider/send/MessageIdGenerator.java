package io.logjms.provider.send;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes JMSMessageIDs: {@code ID:} followed by a random per-connection prefix and a counter, so ids
 * are unique across connections, brokers and restarts without coordination. Thread-safe.
 */
public final class MessageIdGenerator {
    private final String prefix;
    private final AtomicLong sequence = new AtomicLong();

    public MessageIdGenerator() {
        this("ID:" + UUID.randomUUID() + ":");
    }

    MessageIdGenerator(String prefix) {
        this.prefix = prefix;
    }

    public String next() {
        return prefix + sequence.incrementAndGet();
    }
}
