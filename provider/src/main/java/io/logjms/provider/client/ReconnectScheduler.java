package io.logjms.provider.client;

import io.logjms.provider.util.ClientThreads;
import java.util.concurrent.TimeUnit;

/**
 * The clock and the timer of reconnecting, injected so that tests drive the back-off without waiting.
 * A scheduled task may block (it connects and restores state); the system scheduler runs it on a pool
 * thread, never on the timer or an I/O thread.
 */
public interface ReconnectScheduler {

    long nowMillis();

    void schedule(Runnable task, long delayMillis);

    ReconnectScheduler SYSTEM = new ReconnectScheduler() {
        @Override
        public long nowMillis() {
            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime());
        }

        @Override
        public void schedule(Runnable task, long delayMillis) {
            if (delayMillis <= 0) {
                ClientThreads.pool().execute(task);
            } else {
                ClientThreads.timer().schedule(() -> ClientThreads.pool().execute(task), delayMillis,
                        TimeUnit.MILLISECONDS);
            }
        }
    };
}
