package io.logjms.broker.destination;

import io.logjms.broker.log.PartitionLog;
import io.logjms.broker.partition.Partition;
import io.logjms.broker.metadata.DestinationMetadata;
import io.logjms.protocol.DestinationId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A queue or topic of this broker: its metadata, its partitions and who wants to hear of appends. */
public final class Destination {
    private final DestinationId id;
    private final DestinationMetadata metadata;
    private final List<Partition> partitions;
    private final List<Runnable> appendListeners = new CopyOnWriteArrayList<>();
    private final String temporaryOwner;

    Destination(DestinationId id, DestinationMetadata metadata, List<Partition> partitions, String temporaryOwner) {
        this.id = id;
        this.metadata = metadata;
        this.partitions = List.copyOf(partitions);
        this.temporaryOwner = temporaryOwner;
    }

    public DestinationId id() {
        return id;
    }

    public DestinationMetadata metadata() {
        return metadata;
    }

    public int partitionCount() {
        return partitions.size();
    }

    /** The connection that owns this temporary destination, or null for a regular one. */
    public String temporaryOwner() {
        return temporaryOwner;
    }

    public Partition partition(int partition) {
        if (partition < 0 || partition >= partitions.size()) {
            throw new DestinationException(DestinationException.Reason.UNKNOWN_PARTITION, id + " has partitions 0.." + (partitions.size() - 1)
                    + ", not " + partition);
        }
        return partitions.get(partition);
    }

    public List<Partition> partitions() {
        return partitions;
    }

    /** The partitions' logs, in partition order. */
    public List<PartitionLog> logs() {
        return partitions.stream().map(Partition::log).toList();
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

    @Override
    public String toString() {
        return id.toString();
    }
}
