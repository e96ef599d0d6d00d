package io.logjms.provider.delivery;

/**
 * The flow-control arithmetic of one consumer. The consumer starts with {@code prefetch} credit; every
 * record that leaves its buffer (given to the application or discarded) is counted, and once a quarter
 * of the window is used up the whole used amount is granted back in one CREDIT notice. So the buffer
 * never holds more than {@code prefetch} records, credit notices stay rare, and the broker gets the
 * next grant while three quarters of the window still feed the application: a consumer that drains
 * fast does not wait out the credit round trip. Thread-safe.
 */
public final class CreditWindow {
    private final int prefetch;
    private final int threshold;
    private int used;

    public CreditWindow(int prefetch) {
        if (prefetch < 1) {
            throw new IllegalArgumentException("prefetch must be at least 1, was " + prefetch);
        }
        this.prefetch = prefetch;
        this.threshold = Math.max(1, prefetch / 4);
    }

    /** The credit to grant when subscribing. */
    public int initialCredit() {
        return prefetch;
    }

    /** Starts over with the whole window granted (after credit was withdrawn and granted anew). */
    public synchronized void reset() {
        used = 0;
    }

    /**
     * Counts {@code records} that left the buffer.
     *
     * @return the credit to grant now, or 0 to wait for more
     */
    public synchronized int consumed(int records) {
        used += records;
        if (used >= threshold) {
            int grant = used;
            used = 0;
            return grant;
        }
        return 0;
    }
}
