package io.logjms.broker.log;

import java.util.function.Consumer;

/**
 * Producer id to {@link ProducerStateEntry}, open addressing with linear probing over primitive keys, so a
 * lookup on the append path neither boxes the id nor allocates. Ids are never negative, so -1 marks a free
 * slot. No removal: expiry builds a new table. Not thread-safe.
 */
final class ProducerTable {
    private static final long FREE = -1L;

    private long[] keys;
    private ProducerStateEntry[] values;
    private int size;

    ProducerTable() {
        allocate(16);
    }

    private void allocate(int capacity) {
        keys = new long[capacity];
        java.util.Arrays.fill(keys, FREE);
        values = new ProducerStateEntry[capacity];
    }

    int size() {
        return size;
    }

    ProducerStateEntry get(long producerId) {
        int mask = keys.length - 1;
        for (int i = index(producerId, mask); ; i = (i + 1) & mask) {
            long k = keys[i];
            if (k == producerId) {
                return values[i];
            }
            if (k == FREE) {
                return null;
            }
        }
    }

    void put(ProducerStateEntry entry) {
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        int i = index(entry.producerId(), mask);
        while (keys[i] != FREE && keys[i] != entry.producerId()) {
            i = (i + 1) & mask;
        }
        if (keys[i] == FREE) {
            size++;
        }
        keys[i] = entry.producerId();
        values[i] = entry;
    }

    void forEach(Consumer<ProducerStateEntry> action) {
        for (ProducerStateEntry e : values) {
            if (e != null) {
                action.accept(e);
            }
        }
    }

    private void grow() {
        ProducerStateEntry[] old = values;
        allocate(keys.length * 2);
        size = 0;
        for (ProducerStateEntry e : old) {
            if (e != null) {
                put(e);
            }
        }
    }

    private static int index(long producerId, int mask) {
        long h = producerId * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }
}
