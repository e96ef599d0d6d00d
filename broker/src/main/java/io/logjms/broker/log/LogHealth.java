package io.logjms.broker.log;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state of a {@link PartitionLog} (online, offline after a disk error, closed) and the one way it goes
 * offline: {@link #failure} logs the error once, tells the owner (which fails its waiters) and gives the
 * exception to throw. Thread-safe.
 */
final class LogHealth {
    private static final Logger LOG = LoggerFactory.getLogger(LogHealth.class);

    private final TopicPartition topicPartition;
    private final Path dir;
    private final Consumer<LogException> onOffline;
    private final Object stateLock = new Object();
    private volatile LogState state = LogState.ONLINE;
    private volatile IOException offlineCause;

    LogHealth(TopicPartition topicPartition, Path dir, Consumer<LogException> onOffline) {
        this.topicPartition = topicPartition;
        this.dir = dir;
        this.onOffline = onOffline;
    }

    LogState state() {
        return state;
    }

    /** @throws LogOfflineException or {@link LogClosedException} unless the log is online */
    void checkOnline() {
        LogException e = notOnline();
        if (e != null) {
            throw e;
        }
    }

    /** The exception that says why the log is not online, or null if it is. */
    LogException notOnline() {
        return switch (state) {
            case OFFLINE -> new LogOfflineException(topicPartition, offlineCause);
            case CLOSED -> new LogClosedException(topicPartition);
            default -> null;
        };
    }

    void closed() {
        synchronized (stateLock) {
            state = LogState.CLOSED;
        }
    }

    /** Takes the log offline for {@code e} (unless it is closed) and returns the exception to throw. */
    LogException failure(String operation, IOException e) {
        boolean wentOffline = false;
        synchronized (stateLock) {
            if (state == LogState.CLOSED) {
                return new LogClosedException(topicPartition);
            }
            if (state == LogState.ONLINE) {
                offlineCause = e;
                state = LogState.OFFLINE;
                wentOffline = true;
            }
        }
        if (wentOffline) {
            LOG.error("Partition {} ({}) is now offline: {} failed; nothing more will be written until it is"
                    + " reopened", topicPartition, dir, operation, e);
            onOffline.accept(new LogOfflineException(topicPartition, e));
        }
        return new LogOfflineException(topicPartition, offlineCause);
    }
}
