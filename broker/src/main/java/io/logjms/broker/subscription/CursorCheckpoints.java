package io.logjms.broker.subscription;

import io.logjms.broker.log.LogState;
import io.logjms.broker.partition.Partition;
import java.io.IOException;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cursor checkpoints of a clustered broker: every {@code intervalMs}, on a thread of its own, each partition it
 * holds gets its {@link CursorCheckpointFile} brought up to its high watermark ({@link CursorCheckpointWriter}), so
 * that a broker that starts leading a partition rebuilds its subscriptions' cursors from the checkpoint and the
 * records after it ({@link ReplicatedCursorStore#rebuild}) instead of from the whole log. A partition whose checkpoint
 * fails is logged and started over at the next round; nothing else depends on it. Thread-safe.
 */
public final class CursorCheckpoints implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CursorCheckpoints.class);

    private final Supplier<? extends Collection<Partition>> partitions;
    private final Map<Partition, CursorCheckpointWriter> writers = new IdentityHashMap<>();
    private final Object lifecycle = new Object();
    private ScheduledExecutorService thread;
    private volatile boolean closed;

    /** @param partitions every partition this broker holds now, asked again each round */
    public CursorCheckpoints(Supplier<? extends Collection<Partition>> partitions) {
        this.partitions = partitions;
    }

    /** Runs a round every {@code intervalMs} from now on. */
    public CursorCheckpoints start(long intervalMs) {
        if (intervalMs <= 0) {
            throw new IllegalArgumentException("checkpoint interval must be positive, got " + intervalMs);
        }
        ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "logjms-cursor-checkpoints");
            t.setDaemon(true);
            return t;
        });
        thread.scheduleWithFixedDelay(this::round, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
        synchronized (lifecycle) {
            this.thread = thread;
        }
        return this;
    }

    /**
     * One round over every partition, each read on by at most {@link CursorCheckpointWriter#MAX_READ_BYTES} (a long log
     * without a checkpoint takes a few rounds); returns how many checkpoints were written.
     */
    public synchronized int runOnce() {
        Collection<Partition> now = partitions.get();
        Set<Partition> current = Collections.newSetFromMap(new IdentityHashMap<>());
        current.addAll(now);
        writers.keySet().retainAll(current);
        int written = 0;
        for (Partition p : now) {
            if (closed) {
                break;
            }
            if (p.log().state() != LogState.ONLINE) {
                continue;
            }
            CursorCheckpointWriter writer = writers.computeIfAbsent(p, CursorCheckpointWriter::new);
            try {
                if (writer.run()) {
                    written++;
                }
            } catch (IOException | RuntimeException e) {
                if (p.log().state() == LogState.ONLINE) {
                    log.warn("{}: cursor checkpoint failed (the next round starts over): {}", p.topicPartition(),
                            e.toString());
                }
                writer.reset();
            }
        }
        return written;
    }

    private void round() {
        try {
            runOnce();
        } catch (RuntimeException e) { // a failed round must not end the schedule
            log.warn("cursor checkpoints: a round failed", e);
        }
    }

    @Override
    public void close() {
        closed = true;
        ScheduledExecutorService t;
        synchronized (lifecycle) {
            t = thread;
            thread = null;
        }
        if (t != null) {
            t.shutdown();
            try {
                t.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
