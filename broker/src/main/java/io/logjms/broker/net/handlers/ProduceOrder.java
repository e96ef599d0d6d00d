package io.logjms.broker.net.handlers;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Keeps one connection's {@code PRODUCE} and {@code COMMIT} requests in arrival order when one of them
 * must wait off the event loop: auto-creating its destination touches files, which a network thread must
 * not do ({@link io.logjms.broker.threads.BlockingCalls}).
 *
 * <p>A request runs at once, on the event loop, when it need not wait and nothing of its connection is
 * waiting; its batches then reach their partitions' append lanes before any later request's. Otherwise
 * it runs on the control executor after every earlier waiting request of its connection, and every later
 * request of the connection queues behind it until the queue is empty again. Requests of one connection
 * arrive on its one event-loop thread, the only thread that adds to its queue. What is kept is the order
 * in which requests reach their next stage: a produce's append lane, a commit's commit thread (which
 * appends after writing the transaction log, so a later produce may still be appended first, as for any
 * destination: they come from different sessions).
 */
public final class ProduceOrder {
    private final Executor control;
    private final Map<Object, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();

    /** @param control where requests that may wait run, one at a time */
    public ProduceOrder(Executor control) {
        this.control = control;
    }

    /**
     * Runs a request's work in its connection's order.
     *
     * @param connection the connection the request came on
     * @param blocks     whether the work may wait (its destination is to be created)
     * @param work       the request's work; when it runs at once a failure propagates to the caller
     * @param onFailure  answers a failure of work that ran later, off the event loop
     */
    void run(Object connection, boolean blocks, Runnable work, Consumer<RuntimeException> onFailure) {
        if (!blocks && !waiting.containsKey(connection)) {
            work.run();
            return;
        }
        Runnable later = () -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                onFailure.accept(e);
            }
        };
        CompletableFuture<Void> queued = waiting.compute(connection, (c, tail) -> tail == null
                ? CompletableFuture.runAsync(later, control)
                : tail.handle((v, e) -> null).thenRunAsync(later, control));
        queued.whenComplete((v, e) -> waiting.remove(connection, queued));
    }

    /** Whether a request of {@code connection} is waiting or queued (for tests and diagnostics). */
    boolean waits(Object connection) {
        return waiting.containsKey(connection);
    }
}
