package io.logjms.broker.subscription;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.NoSuchElementException;
import java.util.TreeSet;

/**
 * The state of one subscription on one partition: which records are acknowledged, which are out with a
 * consumer, which wait to be delivered (again), and how often each was delivered.
 *
 * <pre>
 *   ackFloor            readPosition               log end
 *      |  acked / in flight / pending  |  not read yet  |
 * </pre>
 *
 * Every offset below {@code ackFloor} is done. Between the floor and the read position, an offset is
 * acknowledged, in flight (delivered to a consumer, not yet acknowledged), or pending (read but not
 * delivered: released, skipped by every consumer's selector, or not yet due). Offsets at and after the
 * read position have not been looked at. The delivery count of a record is the number of times it was
 * handed to a consumer, minus releases of records the application never saw.
 *
 * <p>Offsets are dense, so the state lives in arrays indexed from the floor (one byte of state, the
 * owner and an explicit delivery count per offset) rather than in sets of boxed offsets: the dispatch
 * and the acknowledgements touch every record, and this keeps them free of allocation and tree walks.
 *
 * <p>Not thread-safe: its {@link Subscription} serializes access.
 */
public final class PartitionCursor {
    private static final byte UNREAD = 0;
    private static final byte PENDING = 1;
    private static final byte IN_FLIGHT = 2;
    private static final byte ACKED = 3;
    /** No explicit delivery count: the count follows from the delivered mark. */
    private static final int IMPLICIT = -1;
    private static final int INITIAL_CAPACITY = 1024;

    private long ackFloor;
    private long readPosition;
    /** Offsets below this were delivered at least once before the broker last started. */
    private long deliveredMark;

    /** The offset at index 0 of the arrays; at most the ack floor. */
    private long base;
    /** Offsets in [base, base + tracked) have entries; beyond that everything is unread and implicit. */
    private int tracked;
    private byte[] states = new byte[INITIAL_CAPACITY];
    private long[] owners = new long[INITIAL_CAPACITY];
    private int[] counts = filledCounts(INITIAL_CAPACITY);
    private int pendingCount;
    private int inFlightCount;
    /** No pending offset lies below this one. */
    private long pendingHint;

    public PartitionCursor(long start) {
        this.ackFloor = start;
        this.readPosition = start;
        this.deliveredMark = start;
        this.base = start;
        this.pendingHint = start;
    }

    public long ackFloor() {
        return ackFloor;
    }

    public long readPosition() {
        return readPosition;
    }

    public int inFlightCount() {
        return inFlightCount;
    }

    public int pendingCount() {
        return pendingCount;
    }

    /** How many offsets in [ack floor, {@code offset}) are not acknowledged. */
    public long unacknowledgedBelow(long offset) {
        if (offset <= ackFloor) {
            return 0;
        }
        long acked = 0;
        long end = Math.min(offset, base + tracked);
        for (long o = ackFloor; o < end; o++) {
            if (state(o) == ACKED) {
                acked++;
            }
        }
        return offset - ackFloor - acked;
    }

    public boolean isAcked(long offset) {
        return offset < ackFloor || state(offset) == ACKED;
    }

    public boolean isInFlight(long offset) {
        return state(offset) == IN_FLIGHT;
    }

    public boolean isPending(long offset) {
        return state(offset) == PENDING;
    }

    /** The consumer holding a record, or -1. */
    public long owner(long offset) {
        return state(offset) == IN_FLIGHT ? owners[index(offset)] : -1;
    }

    /** The delivery count the record would carry if delivered now. */
    public int nextDeliveryCount(long offset) {
        return deliveryCount(offset) + 1;
    }

    public int deliveryCount(long offset) {
        if (offset >= ackFloor && offset < base + tracked) {
            int c = counts[index(offset)];
            if (c != IMPLICIT) {
                return c;
            }
        }
        return offset < deliveredMark ? 1 : 0;
    }

    /** The first pending offset, or -1 when none is pending. */
    public long firstPending() {
        if (pendingCount == 0) {
            return -1;
        }
        long first = nextPendingFrom(pendingHint);
        if (first >= 0) {
            pendingHint = first;
        }
        return first;
    }

    /** The pending offsets in order (a copy). */
    public List<Long> pendingOffsets() {
        List<Long> list = new ArrayList<>(pendingCount);
        pendingInOrder().forEach(list::add);
        return list;
    }

    /**
     * Walks the pending offsets in order without copying them; the offset just returned may be
     * dispatched or marked done before the next is asked for.
     */
    public Iterable<Long> pendingInOrder() {
        return () -> new Iterator<>() {
            private long next = firstPending();

            @Override
            public boolean hasNext() {
                return next >= 0;
            }

            @Override
            public Long next() {
                if (next < 0) {
                    throw new NoSuchElementException();
                }
                long current = next;
                next = pendingCount == 0 ? -1 : nextPendingFrom(current + 1);
                return current;
            }
        };
    }

    /** Marks the record at the read position as read; it becomes pending. Returns the offset. */
    public long advanceRead(long offset) {
        if (offset < readPosition) {
            throw new IllegalArgumentException("offset " + offset + " already read (read position " + readPosition + ")");
        }
        readPosition = offset + 1;
        track(offset);
        int i = index(offset);
        if (states[i] == UNREAD) {
            // held records (see hold) keep their state
            setState(i, offset, PENDING);
        }
        return offset;
    }

    /** Moves the read position past records that never need delivery (the log skipped them, e.g. retention). */
    public void skipTo(long offset) {
        if (offset > readPosition) {
            readPosition = offset;
        }
        if (offset > ackFloor) {
            long end = Math.min(offset, base + tracked);
            for (long o = ackFloor; o < end; o++) {
                int i = index(o);
                setState(i, o, UNREAD);
                counts[i] = IMPLICIT;
            }
            ackFloor = offset;
            advanceFloor();
        }
    }

    /** Hands a pending record to a consumer; returns its new delivery count. */
    public int dispatch(long offset, long consumerId) {
        if (state(offset) != PENDING) {
            throw new IllegalStateException("offset " + offset + " is not pending");
        }
        int count = deliveryCount(offset) + 1;
        int i = index(offset);
        setState(i, offset, IN_FLIGHT);
        owners[i] = consumerId;
        counts[i] = count;
        return count;
    }

    /** Acknowledges a record; false when it was not in flight (already acknowledged or never delivered). */
    public boolean ack(long offset) {
        if (state(offset) != IN_FLIGHT) {
            return false;
        }
        markDone(offset);
        return true;
    }

    /** Marks a record done without delivery (expired, moved to the dead-letter queue, unmatched on a topic). */
    public void markDone(long offset) {
        if (offset < ackFloor) {
            return;
        }
        track(offset);
        int i = index(offset);
        setState(i, offset, ACKED);
        counts[i] = IMPLICIT;
        advanceFloor();
    }

    /**
     * Puts an in-flight record back to pending. When the application never saw it ({@code delivered}
     * false) the delivery attempt is undone. Returns false when the record was not in flight.
     */
    public boolean release(long offset, boolean delivered) {
        if (state(offset) != IN_FLIGHT) {
            return false;
        }
        int i = index(offset);
        if (!delivered) {
            int count = deliveryCount(offset) - 1;
            counts[i] = count <= 0 && offset >= deliveredMark ? IMPLICIT : Math.max(count, 0);
        }
        setState(i, offset, PENDING);
        return true;
    }

    /**
     * Gives an in-flight record of {@code from} to {@code to} (an XA branch that holds it until it is decided);
     * false when {@code from} does not hold it.
     */
    public boolean transfer(long offset, long from, long to) {
        if (state(offset) != IN_FLIGHT || owners[index(offset)] != from) {
            return false;
        }
        owners[index(offset)] = to;
        return true;
    }

    /**
     * Puts a record not in flight (pending, or not read yet) in flight for {@code owner} (a prepared XA
     * branch after a restart), counted as delivered once at least, so it is handed to no consumer until the
     * owner acknowledges or releases it; false when it is acknowledged or in flight already.
     */
    public boolean hold(long offset, long owner) {
        byte state = state(offset);
        if (offset < ackFloor || (state != UNREAD && state != PENDING)) {
            return false;
        }
        int count = Math.max(deliveryCount(offset), 1);
        track(offset);
        int i = index(offset);
        setState(i, offset, IN_FLIGHT);
        owners[i] = owner;
        counts[i] = count;
        return true;
    }

    /** Releases every record a consumer holds (it closed or its connection died) as delivered. */
    public int releaseAll(long consumerId) {
        int n = 0;
        for (long o = ackFloor; o < base + tracked && inFlightCount > 0; o++) {
            int i = index(o);
            if (states[i] == IN_FLIGHT && owners[i] == consumerId) {
                setState(i, o, PENDING);
                n++;
            }
        }
        return n;
    }

    /** Restores state read back from storage. */
    public void restore(long ackFloor, Iterable<Long> ackedAboveFloor, Map<Long, Integer> counts, long deliveredMark) {
        reset(ackFloor);
        this.deliveredMark = Math.max(ackFloor, deliveredMark);
        ackedAboveFloor.forEach(o -> {
            if (o >= ackFloor) {
                track(o);
                states[index(o)] = ACKED;
            }
        });
        counts.forEach((o, c) -> {
            if (o >= ackFloor && state(o) != ACKED) {
                track(o);
                this.counts[index(o)] = c;
            }
        });
        advanceFloor();
    }

    /** Offsets acknowledged above the floor (a copy, for snapshots). */
    public NavigableSet<Long> ackedAboveFloor() {
        NavigableSet<Long> acked = new TreeSet<>();
        for (long o = ackFloor; o < base + tracked; o++) {
            if (state(o) == ACKED) {
                acked.add(o);
            }
        }
        return acked;
    }

    /** Explicit delivery counts (a copy, for snapshots). */
    public Map<Long, Integer> deliveryCounts() {
        Map<Long, Integer> map = new HashMap<>();
        for (long o = ackFloor; o < base + tracked; o++) {
            int c = counts[index(o)];
            if (c != IMPLICIT) {
                map.put(o, c);
            }
        }
        return map;
    }

    public long deliveredMark() {
        return deliveredMark;
    }

    /** Moves the position back to {@code offset}: everything from there is delivered again (seek). */
    public void rewind(long offset) {
        reset(offset);
        deliveredMark = offset;
    }

    private void reset(long floor) {
        ackFloor = floor;
        readPosition = floor;
        base = floor;
        pendingHint = floor;
        Arrays.fill(states, 0, tracked, UNREAD);
        Arrays.fill(counts, 0, tracked, IMPLICIT);
        tracked = 0;
        pendingCount = 0;
        inFlightCount = 0;
    }

    private void advanceFloor() {
        long end = base + tracked;
        while (ackFloor < end && states[index(ackFloor)] == ACKED) {
            int i = index(ackFloor);
            states[i] = UNREAD;
            counts[i] = IMPLICIT;
            ackFloor++;
        }
        if (readPosition < ackFloor) {
            readPosition = ackFloor;
        }
        if (pendingHint < ackFloor) {
            pendingHint = ackFloor;
        }
        compactIfWorthIt();
    }

    private long nextPendingFrom(long from) {
        long end = Math.min(readPosition, base + tracked);
        for (long o = Math.max(from, ackFloor); o < end; o++) {
            if (states[index(o)] == PENDING) {
                return o;
            }
        }
        return -1;
    }

    private byte state(long offset) {
        return offset >= ackFloor && offset < base + tracked ? states[index(offset)] : UNREAD;
    }

    private int index(long offset) {
        return (int) (offset - base);
    }

    private void setState(int i, long offset, byte state) {
        byte old = states[i];
        if (old == state) {
            return;
        }
        if (old == PENDING) {
            pendingCount--;
        } else if (old == IN_FLIGHT) {
            inFlightCount--;
        }
        if (state == PENDING) {
            pendingCount++;
            if (offset < pendingHint) {
                pendingHint = offset;
            }
        } else if (state == IN_FLIGHT) {
            inFlightCount++;
        }
        states[i] = state;
    }

    /** Makes room for entries up to {@code offset}. */
    private void track(long offset) {
        long needed = offset - base + 1;
        if (needed <= tracked) {
            return;
        }
        if (needed > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("cursor spans more than " + Integer.MAX_VALUE + " offsets");
        }
        if (needed > states.length) {
            compactIfWorthIt();
            needed = offset - base + 1;
            if (needed > states.length) {
                int capacity = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(needed, 2L * states.length));
                states = Arrays.copyOf(states, capacity);
                owners = Arrays.copyOf(owners, capacity);
                int old = counts.length;
                counts = Arrays.copyOf(counts, capacity);
                Arrays.fill(counts, old, capacity, IMPLICIT);
            }
        }
        tracked = (int) needed;
    }

    /** Drops the entries below the floor once they are a good part of the arrays. */
    private void compactIfWorthIt() {
        long shift = ackFloor - base;
        if (shift == 0 || shift < states.length / 2) {
            return;
        }
        int keep = (int) Math.max(0, tracked - shift);
        if (keep > 0) {
            System.arraycopy(states, (int) shift, states, 0, keep);
            System.arraycopy(owners, (int) shift, owners, 0, keep);
            System.arraycopy(counts, (int) shift, counts, 0, keep);
        }
        Arrays.fill(states, keep, tracked, UNREAD);
        Arrays.fill(counts, keep, tracked, IMPLICIT);
        base = ackFloor;
        tracked = keep;
    }

    private static int[] filledCounts(int capacity) {
        int[] c = new int[capacity];
        Arrays.fill(c, IMPLICIT);
        return c;
    }

    @Override
    public String toString() {
        return "PartitionCursor[floor=" + ackFloor + ", read=" + readPosition + ", inFlight=" + inFlightCount
                + ", pending=" + pendingCount + "]";
    }
}
