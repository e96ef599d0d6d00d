package io.logjms.broker.transaction;

import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Rolls back XA branches past their timeout once a second. The check runs on {@code executor} (the one
 * that runs the XA requests), so it never races a request on the same branch.
 */
public final class XaTimeouts {
    private XaTimeouts() {
    }

    /** Starts the checks; closing the result stops them. */
    public static AutoCloseable start(XaBranches branches, Executor executor) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "logjms-xa-timeouts");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                executor.execute(branches::expire);
            } catch (RejectedExecutionException e) {
                // the broker is stopping
            }
        }, 1, 1, TimeUnit.SECONDS);
        return timer::shutdownNow;
    }
}
