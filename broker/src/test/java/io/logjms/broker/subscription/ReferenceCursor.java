package io.logjms.broker.subscription;

import java.util.HashMap;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * The first, set-based implementation of {@link PartitionCursor}, kept as the model the array-based
 * cursor is checked against in {@link PartitionCursorModelTest}.
 */
final class ReferenceCursor {
    private long ackFloor;
    private long readPosition;
    private final NavigableSet<Long> acked = new TreeSet<>();
    private final Map<Long, Long> inFlight = new HashMap<>();
    private final NavigableSet<Long> pending = new TreeSet<>();
    private final Map<Long, Integer> deliveryCounts = new HashMap<>();
    /** Offsets below this were delivered at least once before the broker last started. */
    private long deliveredMark;

    ReferenceCursor(long start) {
        this.ackFloor = start;
        this.readPosition = start;
        this.deliveredMark = start;
    }

    public long ackFloor() {
        return ackFloor;
    }

    public long readPosition() {
        return readPosition;
    }

    public int inFlightCount() {
        return inFlight.size();
    }

    public int pendingCount() {
        return pending.size();
    }

    /** How many offsets in [ack floor, {@code offset}) are not acknowledged. */
    public long unacknowledgedBelow(long offset) {
        if (offset <= ackFloor) {
            return 0;
        }
        return offset - ackFloor - acked.headSet(offset, false).size();
    }

    public boolean isAcked(long offset) {
        return offset < ackFloor || acked.contains(offset);
    }

    public boolean isInFlight(long offset) {
        return inFlight.containsKey(offset);
    }

    /** The consumer holding a record, or -1. */
    public long owner(long offset) {
        Long owner = inFlight.get(offset);
        return owner == null ? -1 : owner;
    }

    /** The delivery count the record would carry if delivered now. */
    public int nextDeliveryCount(long offset) {
        return deliveryCount(offset) + 1;
    }

    public int deliveryCount(long offset) {
        Integer c = deliveryCounts.get(offset);
        if (c != null) {
            return c;
        }
        return offset < deliveredMark ? 1 : 0;
    }

    /** Pending offsets in order, the oldest first; a live view. */
    public NavigableSet<Long> pending() {
        return pending;
    }

    /**
     * Walks the pending offsets in order without copying them; the offset just returned may be
     * dispatched or marked done before the next is asked for.
     */
    public Iterable<Long> pendingInOrder() {
        return () -> new Iterator<>() {
            private Long next = pending.isEmpty() ? null : pending.first();

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Long next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                Long current = next;
                next = pending.higher(current);
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
        if (!acked.contains(offset)) {
            pending.add(offset);
        }
        return offset;
    }

    /** Moves the read position past records that never need delivery (the log skipped them, e.g. retention). */
    public void skipTo(long offset) {
        if (offset > readPosition) {
            readPosition = offset;
        }
        if (offset > ackFloor) {
            acked.headSet(offset, false).clear();
            pending.headSet(offset, false).clear();
            inFlight.keySet().removeIf(o -> o < offset);
            deliveryCounts.keySet().removeIf(o -> o < offset);
            ackFloor = offset;
            advanceFloor();
        }
    }

    /** Hands a pending record to a consumer; returns its new delivery count. */
    public int dispatch(long offset, long consumerId) {
        if (!pending.remove(offset)) {
            throw new IllegalStateException("offset " + offset + " is not pending");
        }
        inFlight.put(offset, consumerId);
        int count = deliveryCount(offset) + 1;
        deliveryCounts.put(offset, count);
        return count;
    }

    /** Acknowledges a record; false when it was not in flight (already acknowledged or never delivered). */
    public boolean ack(long offset) {
        if (inFlight.remove(offset) == null) {
            return false;
        }
        markDone(offset);
        return true;
    }

    /** Marks a record done without delivery (expired, moved to the dead-letter queue, unmatched on a topic). */
    public void markDone(long offset) {
        pending.remove(offset);
        inFlight.remove(offset);
        deliveryCounts.remove(offset);
        if (offset >= ackFloor) {
            acked.add(offset);
            advanceFloor();
        }
    }

    /**
     * Puts an in-flight record back to pending. When the application never saw it ({@code delivered}
     * false) the delivery attempt is undone. Returns false when the record was not in flight.
     */
    public boolean release(long offset, boolean delivered) {
        if (inFlight.remove(offset) == null) {
            return false;
        }
        if (!delivered) {
            int count = deliveryCount(offset) - 1;
            if (count <= 0 && offset >= deliveredMark) {
                deliveryCounts.remove(offset);
            } else {
                deliveryCounts.put(offset, Math.max(count, 0));
            }
        }
        pending.add(offset);
        return true;
    }

    /** Releases every record a consumer holds (it closed or its connection died) as delivered. */
    public int releaseAll(long consumerId) {
        int[] n = {0};
        inFlight.entrySet().removeIf(e -> {
            if (e.getValue() == consumerId) {
                pending.add(e.getKey());
                n[0]++;
                return true;
            }
            return false;
        });
        return n[0];
    }

    /** Restores state read back from storage. */
    public void restore(long ackFloor, Iterable<Long> ackedAboveFloor, Map<Long, Integer> counts, long deliveredMark) {
        this.ackFloor = ackFloor;
        this.readPosition = ackFloor;
        this.acked.clear();
        ackedAboveFloor.forEach(o -> {
            if (o >= ackFloor) {
                acked.add(o);
            }
        });
        this.deliveryCounts.clear();
        counts.forEach((o, c) -> {
            if (o >= ackFloor && !acked.contains(o)) {
                deliveryCounts.put(o, c);
            }
        });
        this.deliveredMark = Math.max(ackFloor, deliveredMark);
        this.pending.clear();
        this.inFlight.clear();
        advanceFloor();
    }

    /** Offsets acknowledged above the floor (for snapshots). */
    public NavigableSet<Long> ackedAboveFloor() {
        return acked;
    }

    /** Explicit delivery counts (for snapshots). */
    public Map<Long, Integer> deliveryCounts() {
        return deliveryCounts;
    }

    public long deliveredMark() {
        return deliveredMark;
    }

    /** Moves the position back to {@code offset}: everything from there is delivered again (seek). */
    public void rewind(long offset) {
        ackFloor = offset;
        readPosition = offset;
        acked.clear();
        pending.clear();
        inFlight.clear();
        deliveryCounts.clear();
        deliveredMark = offset;
    }

    private void advanceFloor() {
        while (!acked.isEmpty() && acked.first() == ackFloor) {
            acked.pollFirst();
            ackFloor++;
        }
        if (readPosition < ackFloor) {
            readPosition = ackFloor;
        }
    }

    @Override
    public String toString() {
        return "ReferenceCursor[floor=" + ackFloor + ", read=" + readPosition + ", inFlight=" + inFlight.size()
                + ", pending=" + pending.size() + "]";
    }
}
