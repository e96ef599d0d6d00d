package io.logjms.broker.metadata;

import java.util.Locale;

/** Whether a destination is a JMS topic or a JMS queue. A topic and a queue may have the same name. */
public enum DestinationKind {
    /** A JMS topic. */
    TOPIC,
    /** A JMS queue. */
    QUEUE;

    /** The lower-case word used in log directory names, {@code topic} or {@code queue}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
