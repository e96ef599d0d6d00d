package io.logjms.broker.subscription;

import io.logjms.protocol.message.MessageHeaders;
import java.util.Arrays;

/**
 * The records of one partition a subscription holds read: pending and in flight, by offset. It counts
 * the records whose JMS priority is not the default, so the dispatch orders by priority only when a
 * stream actually mixes priorities, without looking at every record on every pass.
 *
 * <p>Records arrive almost always in offset order (reads from the log) and leave roughly in that order
 * (acknowledgements), so they are kept in two parallel arrays sorted by offset: an append and a lookup
 * cost no allocation beyond the record, unlike a tree of boxed offsets. A removed record leaves an empty
 * slot, skipped from the ends at once and squeezed out of the middle when slots run out.
 */
final class RecordWindow {
    private static final int INITIAL_CAPACITY = 64;

    private long[] offsets = new long[INITIAL_CAPACITY];
    private StoredRecord[] records = new StoredRecord[INITIAL_CAPACITY];
    /** Slots {@code [head, tail)} are in use; some of them may be empty (removed). */
    private int head;
    private int tail;
    private int size;
    private int nonDefaultPriority;

    StoredRecord get(long offset) {
        int slot = find(offset);
        return slot >= 0 ? records[slot] : null;
    }

    void put(StoredRecord record) {
        long offset = record.offset();
        if (tail == head || offsets[tail - 1] < offset) {
            ensureRoomAtEnd();
            offsets[tail] = offset;
            records[tail++] = record;
            size++;
        } else {
            int slot = find(offset);
            if (slot >= 0) {
                StoredRecord old = records[slot];
                if (old != null) {
                    count(old, -1);
                } else {
                    size++;
                }
                records[slot] = record;
            } else {
                insert(-slot - 1, record);
            }
        }
        count(record, 1);
    }

    void remove(long offset) {
        int slot = find(offset);
        if (slot >= 0 && records[slot] != null) {
            count(records[slot], -1);
            records[slot] = null;
            size--;
            trimEnds();
        }
    }

    /** Forgets every record below {@code offset}. */
    void removeBelow(long offset) {
        while (head < tail && offsets[head] < offset) {
            StoredRecord old = records[head];
            if (old != null) {
                count(old, -1);
                size--;
                records[head] = null;
            }
            head++;
        }
        trimEnds();
    }

    void clear() {
        Arrays.fill(records, head, tail, null);
        head = 0;
        tail = 0;
        size = 0;
        nonDefaultPriority = 0;
    }

    int size() {
        return size;
    }

    /** Whether some record held has a priority other than the default, so priority order may differ. */
    boolean mixesPriorities() {
        return nonDefaultPriority > 0;
    }

    /** The slot holding {@code offset} (possibly emptied), or {@code -(insertion point) - 1}. */
    private int find(long offset) {
        return Arrays.binarySearch(offsets, head, tail, offset);
    }

    private void insert(int slot, StoredRecord record) {
        if (tail == offsets.length) {
            compactOrGrow();
            slot = -Arrays.binarySearch(offsets, head, tail, record.offset()) - 1;
        }
        System.arraycopy(offsets, slot, offsets, slot + 1, tail - slot);
        System.arraycopy(records, slot, records, slot + 1, tail - slot);
        offsets[slot] = record.offset();
        records[slot] = record;
        tail++;
        size++;
    }

    private void ensureRoomAtEnd() {
        if (tail == offsets.length) {
            compactOrGrow();
        }
    }

    /** Squeezes out empty slots; doubles the arrays when at least half of them hold records. */
    private void compactOrGrow() {
        int n = 0;
        for (int i = head; i < tail; i++) {
            if (records[i] != null) {
                offsets[n] = offsets[i];
                records[n++] = records[i];
            }
        }
        Arrays.fill(records, n, tail, null);
        head = 0;
        tail = n;
        if (n * 2 >= offsets.length) {
            offsets = Arrays.copyOf(offsets, offsets.length * 2);
            records = Arrays.copyOf(records, records.length * 2);
        }
    }

    private void trimEnds() {
        while (head < tail && records[head] == null) {
            head++;
        }
        while (tail > head && records[tail - 1] == null) {
            tail--;
        }
        if (head == tail) {
            head = 0;
            tail = 0;
        }
    }

    private void count(StoredRecord record, int delta) {
        if (record.priority() != MessageHeaders.DEFAULT_PRIORITY) {
            nonDefaultPriority += delta;
        }
    }
}
