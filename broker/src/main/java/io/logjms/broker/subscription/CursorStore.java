package io.logjms.broker.subscription;

import java.util.Map;

/**
 * Where a durable subscription keeps its cursor state: acknowledgements, delivery counts, the delivered
 * mark and the floor, per partition, and (a cluster) the owners of message groups. {@link CursorJournal} keeps it in a local journal; a replicated
 * store can take its place. Called only on the subscription's serial executor, never on a network thread.
 */
public interface CursorStore extends AutoCloseable {
    /** The stored state by partition; empty for a new subscription. */
    Map<Integer, CursorJournal.PartitionState> load();

    /** Records {@code count} acknowledged offsets of {@code offsets}. */
    void ack(int partition, long[] offsets, int count);

    /** Records a delivery count above one. */
    void count(int partition, long offset, int deliveryCount);

    /** Records that offsets below {@code deliveredMark} may have been delivered. */
    void mark(int partition, long deliveredMark);

    /** Moves the partition's floor: everything below is done, nothing above is. */
    void floor(int partition, long floor);

    /**
     * Records that message group {@code group} of the partition sticks to the consumer whose identity is
     * {@code owner} from now on. Only a store whose state follows consumers across brokers keeps it.
     */
    default void group(int partition, String group, String owner) {
    }

    /** Records that the message groups of the consumer {@code owner} on the partition are free again. */
    default void groupsFreed(int partition, String owner) {
    }

    /** Hands buffered changes to the operating system. */
    void flush();

    /** Makes every change durable. */
    void sync();

    /** Whether the changes recorded since the last compaction call for one. */
    boolean needsCompaction();

    /** Replaces the stored changes by this state. */
    void compact(Map<Integer, CursorJournal.PartitionState> state);

    /** Removes the stored state for good. */
    void delete();

    @Override
    void close();
}
