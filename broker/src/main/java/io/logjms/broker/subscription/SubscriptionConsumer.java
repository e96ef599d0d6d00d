package io.logjms.broker.subscription;

import io.logjms.selector.Selector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A consumer attached to a subscription: its credit and, on a queue, its own selector. Credit and the
 * outgoing buffer are touched only on the subscription's executor. Credit is counted in records.
 */
public final class SubscriptionConsumer {
    private static final AtomicLong IDS = new AtomicLong();
    private static final String RUN = Long.toString(System.nanoTime() & 0xffffffL, 36);

    private final long id = IDS.incrementAndGet();
    private final String identity;
    private final DeliverySink sink;
    private final Selector selector;
    private int credit;
    private final Map<Integer, List<Delivery>> outgoing = new HashMap<>();
    /** Whether it is attached to every partition of the subscription, else to {@link #partitions} only. */
    private boolean all;
    private Set<Integer> partitions;

    public SubscriptionConsumer(DeliverySink sink, Selector selector, int initialCredit) {
        this(sink, selector, initialCredit, Set.of());
    }

    /** A consumer attached to {@code partitions} of its subscription only (all of them when empty). */
    public SubscriptionConsumer(DeliverySink sink, Selector selector, int initialCredit, Set<Integer> partitions) {
        this(null, sink, selector, initialCredit, partitions);
    }

    /**
     * A consumer with an {@link #identity()} (null: one of its own, never seen again).
     *
     * @see #identity(String, int)
     */
    public SubscriptionConsumer(String identity, DeliverySink sink, Selector selector, int initialCredit,
                                Set<Integer> partitions) {
        this.identity = identity != null ? identity : "local/" + RUN + "/" + id;
        this.sink = sink;
        this.selector = selector == null ? Selector.MATCH_ALL : selector;
        this.credit = Math.max(0, initialCredit);
        this.all = partitions.isEmpty();
        this.partitions = Set.copyOf(partitions);
    }

    /** Whether records of {@code partition} may go to this consumer. */
    boolean covers(int partition) {
        return all || partitions.contains(partition);
    }

    /** Whether it was attached to some partitions only. */
    boolean restricted() {
        return !all;
    }

    /** The partitions it is restricted to (meaningful when {@link #restricted()}). */
    Set<Integer> partitionsCopy() {
        return partitions;
    }

    /** Attaches it to {@code replacement} only (none when empty). */
    void partitions(Set<Integer> replacement) {
        all = false;
        partitions = Set.copyOf(replacement);
    }

    /** This broker stopped serving {@code partition}: a consumer restricted to some partitions no longer covers it. */
    void lose(int partition) {
        if (!all && partitions.contains(partition)) {
            Set<Integer> rest = new java.util.HashSet<>(partitions);
            rest.remove(partition);
            partitions = Set.copyOf(rest);
        }
    }

    /** Takes back every delivery not handed to the sink yet, by partition, with the credit they took. */
    Map<Integer, List<Delivery>> withdrawOutgoing() {
        Map<Integer, List<Delivery>> taken = new HashMap<>(outgoing);
        outgoing.clear();
        taken.values().forEach(list -> credit += list.size());
        return taken;
    }

    /** Drops the deliveries of {@code partition} not handed to the sink yet (they were not committed). */
    void dropOutgoing(int partition) {
        List<Delivery> dropped = outgoing.remove(partition);
        if (dropped != null) {
            credit += dropped.size();
        }
    }

    public long id() {
        return id;
    }

    /**
     * Who the consumer is beyond this attachment: the same when the client attaches it again, at this broker or at
     * another one of a cluster (the key of its message groups). See {@link #identity(String, int)}.
     */
    public String identity() {
        return identity;
    }

    /**
     * The identity of the consumer a client attaches with {@code SUBSCRIBE}: the origin its connection presented
     * (the first connection id of the client, which every link and reconnection of the client presents) and the
     * subscription id the client gave it (unique among the client's consumers, the same on every link).
     */
    public static String identity(String origin, int subscriptionId) {
        return origin + "/" + subscriptionId;
    }

    public DeliverySink sink() {
        return sink;
    }

    public Selector selector() {
        return selector;
    }

    int credit() {
        return credit;
    }

    /**
     * Adds granted credit, or withdraws it when {@code n} is negative (never below zero). Credit may be
     * negative after whole batches overshot it; a grant then first pays that back, as the client counts
     * every record it received.
     */
    void addCredit(int n) {
        long sum = (long) credit + n;
        credit = (int) (n < 0 ? Math.max(0, sum) : Math.min(Integer.MAX_VALUE, sum));
    }

    void send(int partition, Delivery delivery) {
        credit--;
        outgoing.computeIfAbsent(partition, p -> new ArrayList<>()).add(delivery);
    }

    /**
     * Hands whole stored batches over at once, after the records waiting for this partition, so the
     * client sees the partition in offset order. Every record of the batches counts against credit.
     */
    void sendBatches(int partition, BatchDelivery batches) {
        List<Delivery> waiting = outgoing.remove(partition);
        if (waiting != null) {
            sink.deliver(partition, waiting);
        }
        credit -= batches.recordCount();
        sink.deliverBatches(partition, batches);
    }

    void flush() {
        if (outgoing.isEmpty()) {
            return;
        }
        outgoing.forEach(sink::deliver);
        outgoing.clear();
    }

    @Override
    public String toString() {
        return "consumer " + id + " of " + sink.connectionId();
    }
}
