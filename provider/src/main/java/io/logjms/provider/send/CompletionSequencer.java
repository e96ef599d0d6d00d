package io.logjms.provider.send;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Calls the completion listeners of a session's asynchronous sends in the order the sends were made,
 * whatever order the broker answers in, on the executor given (never on the sender's thread). A
 * callback runs once its send and every earlier send finished. Thread-safe.
 */
public final class CompletionSequencer {
    private final Executor callbacks;
    private final ArrayDeque<Entry> order = new ArrayDeque<>();
    private int outstanding;

    /** What to do when a send finished: {@code error} is null on success. */
    @FunctionalInterface
    public interface Callback {
        void onDone(Throwable error);
    }

    private record Entry(CompletableFuture<?> send, Callback callback) {
    }

    public CompletionSequencer(Executor callbacks) {
        this.callbacks = callbacks;
    }

    /** Registers the callback of a send; sends must be added in the order they were made. */
    public void add(CompletableFuture<?> send, Callback callback) {
        synchronized (this) {
            outstanding++;
            order.add(new Entry(send, callback));
        }
        send.whenComplete((r, e) -> dispatchReady());
    }

    /** Whether every registered callback has returned. */
    public synchronized boolean isIdle() {
        return outstanding == 0;
    }

    /** Waits until every registered callback has returned; false on timeout. */
    public synchronized boolean awaitIdle(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (outstanding > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    /** Hands the callbacks at the head whose sends are done to the executor, holding the lock so order holds. */
    private synchronized void dispatchReady() {
        while (!order.isEmpty() && order.peek().send().isDone()) {
            Entry entry = order.poll();
            callbacks.execute(() -> run(entry));
        }
    }

    private void run(Entry entry) {
        try {
            Throwable error = null;
            try {
                entry.send().join();
            } catch (RuntimeException e) {
                error = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                        ? e.getCause() : e;
            }
            entry.callback().onDone(error);
        } finally {
            synchronized (this) {
                outstanding--;
                notifyAll();
            }
        }
    }
}
