package io.logjms.broker.metadata;

import io.logjms.protocol.DestinationNames;
import java.util.Comparator;
import java.util.Objects;

/**
 * Identifies a destination: its kind and its JMS name. A topic and a queue with the same name are different
 * destinations. Ordered by kind, then name.
 *
 * @param kind topic or queue
 * @param name the JMS name, following {@link DestinationNames}
 */
public record DestinationKey(DestinationKind kind, String name) implements Comparable<DestinationKey> {

    private static final Comparator<DestinationKey> ORDER =
            Comparator.comparing(DestinationKey::kind).thenComparing(DestinationKey::name);

    /**
     * @throws InvalidMetadataException if the name does not follow {@link DestinationNames}
     */
    public DestinationKey {
        Objects.requireNonNull(kind, "kind");
        if (!DestinationNames.isValid(name)) {
            throw new InvalidMetadataException(DestinationNames.invalidNameMessage(name));
        }
    }

    /** The topic named {@code name}. */
    public static DestinationKey topic(String name) {
        return new DestinationKey(DestinationKind.TOPIC, name);
    }

    /** The queue named {@code name}. */
    public static DestinationKey queue(String name) {
        return new DestinationKey(DestinationKind.QUEUE, name);
    }

    /**
     * The name of the destination's log, usable as a directory name: {@code topic.<name>} or
     * {@code queue.<name>}.
     */
    public String logName() {
        return kind.word() + "." + name;
    }

    /**
     * The key whose {@link #logName()} is {@code logName}.
     *
     * @throws InvalidMetadataException if {@code logName} is not the log name of any destination
     */
    public static DestinationKey fromLogName(String logName) {
        for (DestinationKind kind : DestinationKind.values()) {
            String prefix = kind.word() + ".";
            if (logName.startsWith(prefix)) {
                return new DestinationKey(kind, logName.substring(prefix.length()));
            }
        }
        throw new InvalidMetadataException("Not a destination log name: '" + logName
                + "' (expected topic.<name> or queue.<name>)");
    }

    @Override
    public int compareTo(DestinationKey other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return logName();
    }
}
