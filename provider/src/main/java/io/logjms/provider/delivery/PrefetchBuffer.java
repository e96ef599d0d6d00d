package io.logjms.provider.delivery;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * The records a consumer received ahead of the application, in arrival order, and the wait of a
 * blocking receive. The I/O thread adds; the application's thread takes. Thread-safe.
 */
public final class PrefetchBuffer {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Delivery> deliveries = new ArrayDeque<>();

    /** Appends pushed records and wakes a waiting receive. */
    public void addAll(Collection<Delivery> pushed) {
        lock.lock();
        try {
            deliveries.addAll(pushed);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Puts a record back at the head, to be taken again next (not a redelivery). */
    public void pushBack(Delivery delivery) {
        lock.lock();
        try {
            deliveries.addFirst(delivery);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The next record, or null when there is none. */
    public Delivery poll() {
        lock.lock();
        try {
            return deliveries.poll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits for a record while {@code canTake} holds and {@code stop} does not, until the deadline.
     *
     * @param deadlineNanos a {@link System#nanoTime()} deadline, or {@link Long#MAX_VALUE} for none
     * @return the record, or null when stopped or at the deadline
     */
    public Delivery take(long deadlineNanos, BooleanSupplier canTake, BooleanSupplier stop)
            throws InterruptedException {
        lock.lock();
        try {
            while (true) {
                if (stop.getAsBoolean()) {
                    return null;
                }
                if (canTake.getAsBoolean() && !deliveries.isEmpty()) {
                    return deliveries.poll();
                }
                if (deadlineNanos == Long.MAX_VALUE) {
                    changed.await();
                } else {
                    long left = deadlineNanos - System.nanoTime();
                    if (left <= 0) {
                        return null;
                    }
                    changed.awaitNanos(left);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Removes and returns everything buffered. */
    public List<Delivery> drain() {
        lock.lock();
        try {
            List<Delivery> all = new ArrayList<>(deliveries);
            deliveries.clear();
            return all;
        } finally {
            lock.unlock();
        }
    }

    /** Removes and returns the records that match {@code which}, keeping the others in order. */
    public List<Delivery> removeIf(java.util.function.Predicate<Delivery> which) {
        lock.lock();
        try {
            List<Delivery> removed = new ArrayList<>();
            deliveries.removeIf(d -> which.test(d) && removed.add(d));
            return removed;
        } finally {
            lock.unlock();
        }
    }

    /** A copy of what is buffered, in delivery order, leaving it in place. */
    public List<Delivery> snapshot() {
        lock.lock();
        try {
            return new ArrayList<>(deliveries);
        } finally {
            lock.unlock();
        }
    }

    public int size() {
        lock.lock();
        try {
            return deliveries.size();
        } finally {
            lock.unlock();
        }
    }

    /** Wakes every waiting receive so it re-checks its conditions (start, stop, close). */
    public void wakeUp() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
