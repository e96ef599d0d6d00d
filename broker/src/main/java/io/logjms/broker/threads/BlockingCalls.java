package io.logjms.broker.threads;

/**
 * Marks the threads that must never wait (the network event loops) and checks, in {@code assert}
 * statements, that code which waits (file I/O, fsync, another executor's answer) does not run on one:
 * {@code assert BlockingCalls.allowed("opening a subscription");}. Tests run with assertions on, so a
 * blocking call on an event loop fails them; in production the check costs nothing.
 */
public final class BlockingCalls {
    private static final ThreadLocal<Boolean> NEVER_BLOCKS = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private BlockingCalls() {
    }

    /** Wraps a thread's task so that the thread counts as one that must never wait. */
    public static Runnable onNonBlockingThread(Runnable task) {
        return () -> {
            NEVER_BLOCKS.set(Boolean.TRUE);
            task.run();
        };
    }

    /**
     * True when the current thread may wait; otherwise throws {@link AssertionError} naming
     * {@code what}. Meant for {@code assert} statements.
     */
    public static boolean allowed(String what) {
        if (NEVER_BLOCKS.get()) {
            throw new AssertionError(what + " would block the network thread " + Thread.currentThread().getName());
        }
        return true;
    }
}
