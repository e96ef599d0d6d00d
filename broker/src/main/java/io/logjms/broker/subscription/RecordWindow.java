package io.logjms.broker.subscription;

import io.logjms.protocol.message.MessageHeaders;
import java.util.TreeMap;

/**
 * The records of one partition a subscription holds read: pending and in flight, by offset. It counts
 * the records whose JMS priority is not the default, so the dispatch orders by priority only when a
 * stream actually mixes priorities, without looking at every record on every pass.
 */
final class RecordWindow {
    private final TreeMap<Long, StoredRecord> records = new TreeMap<>();
    private int nonDefaultPriority;

    StoredRecord get(long offset) {
        return records.get(offset);
    }

    void put(StoredRecord record) {
        StoredRecord old = records.put(record.offset(), record);
        if (old != null) {
            count(old, -1);
        }
        count(record, 1);
    }

    void remove(long offset) {
        StoredRecord old = records.remove(offset);
        if (old != null) {
            count(old, -1);
        }
    }

    /** Forgets every record below {@code offset}. */
    void removeBelow(long offset) {
        var head = records.headMap(offset);
        if (nonDefaultPriority > 0) {
            head.values().forEach(r -> count(r, -1));
        }
        head.clear();
    }

    void clear() {
        records.clear();
        nonDefaultPriority = 0;
    }

    int size() {
        return records.size();
    }

    /** Whether some record held has a priority other than the default, so priority order may differ. */
    boolean mixesPriorities() {
        return nonDefaultPriority > 0;
    }

    private void count(StoredRecord record, int delta) {
        if (record.priority() != MessageHeaders.DEFAULT_PRIORITY) {
            nonDefaultPriority += delta;
        }
    }
}
