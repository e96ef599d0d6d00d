package io.logjms.provider.util;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads every logjms connection in this JVM shares: a cached pool on which sessions run their
 * listeners (through {@link SerialExecutor}s), and one timer thread for periodic flushes. All are
 * daemon threads, so an application that forgets to close a connection can still exit.
 */
public final class ClientThreads {
    private static final ExecutorService POOL = Executors.newCachedThreadPool(daemonFactory("logjms-session"));
    private static final ScheduledExecutorService TIMER =
            Executors.newSingleThreadScheduledExecutor(daemonFactory("logjms-timer"));

    private ClientThreads() {
    }

    public static ExecutorService pool() {
        return POOL;
    }

    public static ScheduledExecutorService timer() {
        return TIMER;
    }

    private static ThreadFactory daemonFactory(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread t = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
