package io.logjms.provider.client;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A {@link ReconnectScheduler} whose clock the test moves; tasks run on the test's thread when due. */
final class ManualReconnectScheduler implements ReconnectScheduler {
    private record Task(long dueAt, long order, Runnable task) {
    }

    private final List<Task> tasks = new ArrayList<>();
    private final List<Long> scheduledDelays = new ArrayList<>();
    private long now;
    private long order;

    @Override
    public synchronized long nowMillis() {
        return now;
    }

    @Override
    public synchronized void schedule(Runnable task, long delayMillis) {
        scheduledDelays.add(delayMillis);
        tasks.add(new Task(now + delayMillis, order++, task));
    }

    /** Moves the clock forward, running every task that falls due, in time order. */
    void advance(long millis) {
        long until;
        synchronized (this) {
            until = now + millis;
        }
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.stream().filter(t -> t.dueAt() <= until)
                        .min(Comparator.comparingLong(Task::dueAt).thenComparingLong(Task::order)).orElse(null);
                if (next == null) {
                    now = until;
                    return;
                }
                tasks.remove(next);
                now = Math.max(now, next.dueAt());
            }
            next.task().run();
        }
    }

    /** Runs what is due now. */
    void runDue() {
        advance(0);
    }

    synchronized List<Long> scheduledDelays() {
        return List.copyOf(scheduledDelays);
    }

    synchronized int waiting() {
        return tasks.size();
    }
}
