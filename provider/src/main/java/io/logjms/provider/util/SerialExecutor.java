package io.logjms.provider.util;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time, in submission order, on threads borrowed from a shared pool: a session's
 * message listeners and completion listeners each run on one of these, so they are serialized
 * without a thread of their own while idle. After {@link #shutdown()} new tasks are dropped and queued
 * ones discarded. Thread-safe.
 */
public final class SerialExecutor implements Executor {
    private static final Logger LOG = LoggerFactory.getLogger(SerialExecutor.class);

    private final Executor pool;
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    private boolean scheduled;
    private boolean shutdown;
    private volatile Thread runningThread;

    public SerialExecutor(Executor pool) {
        this.pool = pool;
    }

    @Override
    public void execute(Runnable task) {
        synchronized (this) {
            if (shutdown) {
                return;
            }
            tasks.add(task);
            if (scheduled) {
                return;
            }
            scheduled = true;
        }
        pool.execute(this::drain);
    }

    /** Whether the calling thread is the one running this executor's tasks right now. */
    public boolean isCurrentThread() {
        return runningThread == Thread.currentThread();
    }

    /** Discards queued tasks and refuses new ones; a task already running finishes. */
    public synchronized void shutdown() {
        shutdown = true;
        tasks.clear();
    }

    /**
     * Waits until no task is queued or running, up to {@code timeout}.
     *
     * @return true when idle, false on timeout
     */
    public synchronized boolean awaitIdle(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (scheduled) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    private void drain() {
        runningThread = Thread.currentThread();
        try {
            while (true) {
                Runnable task;
                synchronized (this) {
                    task = tasks.poll();
                    if (task == null) {
                        scheduled = false;
                        notifyAll();
                        return;
                    }
                }
                try {
                    task.run();
                } catch (RuntimeException | Error e) {
                    LOG.error("a logjms session task failed", e);
                }
            }
        } finally {
            runningThread = null;
        }
    }
}
