package io.logjms.broker.destination;

import io.logjms.broker.BrokerException;
import io.logjms.broker.log.PartitionLog;
import io.logjms.broker.metadata.DestinationMetadata;
import io.logjms.broker.subscription.PartitionSource;
import io.logjms.protocol.DestinationId;
import io.logjms.protocol.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A queue or topic of this broker: its metadata, its partition logs and who wants to hear of appends. */
public final class Destination {
    private final DestinationId id;
    private final DestinationMetadata metadata;
    private final List<PartitionLog> logs;
    private final List<Runnable> appendListeners = new CopyOnWriteArrayList<>();
    private final String temporaryOwner;

    Destination(DestinationId id, DestinationMetadata metadata, List<PartitionLog> logs, String temporaryOwner) {
        this.id = id;
        this.metadata = metadata;
        this.logs = List.copyOf(logs);
        this.temporaryOwner = temporaryOwner;
    }

    public DestinationId id() {
        return id;
    }

    public DestinationMetadata metadata() {
        return metadata;
    }

    public int partitionCount() {
        return logs.size();
    }

    /** The connection that owns this temporary destination, or null for a regular one. */
    public String temporaryOwner() {
        return temporaryOwner;
    }

    public PartitionLog partition(int partition) {
        if (partition < 0 || partition >= logs.size()) {
            throw new BrokerException(ErrorCode.UNKNOWN_PARTITION, id + " has partitions 0.." + (logs.size() - 1)
                    + ", not " + partition);
        }
        return logs.get(partition);
    }

    public List<PartitionLog> logs() {
        return logs;
    }

    /** Carries the append listeners over to a replacement of this destination (altered settings). */
    void takeListenersFrom(Destination previous) {
        appendListeners.addAll(previous.appendListeners);
    }

    public void addAppendListener(Runnable listener) {
        appendListeners.add(listener);
    }

    public void removeAppendListener(Runnable listener) {
        appendListeners.remove(listener);
    }

    /** Tells subscriptions that records were appended. */
    public void appended() {
        for (Runnable r : appendListeners) {
            r.run();
        }
    }

    /** The partitions as subscriptions read them. */
    public List<PartitionSource> sources() {
        List<PartitionSource> sources = new ArrayList<>(logs.size());
        for (int p = 0; p < logs.size(); p++) {
            sources.add(new LogPartitionSource(p, logs.get(p)));
        }
        return sources;
    }

    @Override
    public String toString() {
        return id.toString();
    }
}
