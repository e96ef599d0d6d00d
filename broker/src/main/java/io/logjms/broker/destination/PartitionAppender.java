package io.logjms.broker.destination;

import io.logjms.broker.log.AppendResult;
import io.logjms.broker.log.LatencyRecorder;
import io.logjms.broker.partition.NotEnoughReplicasException;
import io.logjms.broker.partition.Partition;
import java.time.Duration;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends produced batches off the network threads. Batches for one partition are appended in arrival
 * order on that partition's lane, through {@link Partition#append}. The answer waits until the batch is
 * committed, as the partition decides: where that takes an fsync ({@code every-batch}), one sync task runs
 * it for every batch appended meanwhile (group commit), so many producers share each fsync; under
 * {@code interval} and {@code os} the answer follows the write to the operating system.
 */
public final class PartitionAppender implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PartitionAppender.class);

    private final ExecutorService appendPool;
    private final ExecutorService syncPool;
    private final Map<Partition, Lane> lanes = new ConcurrentHashMap<>();
    private final LatencyRecorder fsyncLatency;
    private final Duration commitTimeout;

    public PartitionAppender(int threads) {
        this(threads, LatencyRecorder.NONE);
    }

    /** With {@code fsyncLatency} told how long each fsync that producers wait for took. */
    public PartitionAppender(int threads, LatencyRecorder fsyncLatency) {
        this(threads, fsyncLatency, Duration.ofSeconds(10));
    }

    /**
     * With {@code commitTimeout}: how long a send to a replicated partition waits for a majority of its
     * replicas before it fails with {@link NotEnoughReplicasException}.
     */
    public PartitionAppender(int threads, LatencyRecorder fsyncLatency, Duration commitTimeout) {
        this.fsyncLatency = fsyncLatency;
        this.commitTimeout = commitTimeout;
        this.appendPool = Executors.newFixedThreadPool(threads, daemon("logjms-append"));
        this.syncPool = Executors.newFixedThreadPool(threads, daemon("logjms-fsync"));
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** Appends {@code batch} (the buffer becomes the appender's) and completes when it is committed. */
    public CompletableFuture<AppendResult> append(Destination destination, int partition, ByteBuffer batch) {
        Partition pl = destination.partition(partition);
        CompletableFuture<AppendResult> result = new CompletableFuture<>();
        lane(pl).submit(() -> {
            try {
                AppendResult r = pl.append(batch);
                if (pl.isReplicated()) {
                    awaitReplicated(destination, pl, r, result);
                } else if (pl.commitWaitsForFsync()) {
                    pl.awaitCommitted(r.lastOffset()).whenComplete((v, e) -> {
                        if (e != null) {
                            result.completeExceptionally(e);
                        } else {
                            result.complete(r);
                            destination.appended();
                        }
                    });
                    requestSync(pl);
                } else {
                    result.complete(r);
                    destination.appended();
                }
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /**
     * A replicated partition answers once a majority of its replicas hold the batch durable (the leader's own
     * copy counts once synced); no majority within the commit timeout fails the send, saying how many replicas
     * hold it, rather than answering it with fewer copies.
     */
    private void awaitReplicated(Destination destination, Partition pl, AppendResult r,
                                 CompletableFuture<AppendResult> result) {
        CompletableFuture<Void> committed = pl.awaitCommitted(r.lastOffset());
        if (pl.commitWaitsForFsync()) {
            requestSync(pl);
        }
        committed.orTimeout(commitTimeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((v, e) -> {
            if (e == null) {
                result.complete(r);
                destination.appended();
            } else if (e instanceof TimeoutException) {
                result.completeExceptionally(new NotEnoughReplicasException("the send was not committed within "
                        + commitTimeout.toMillis() + " ms (replication.commit.timeout.ms): "
                        + pl.commitShortfall(r.lastOffset())));
            } else {
                result.completeExceptionally(e);
            }
        });
    }

    /** Appends and waits, on the caller's thread, without syncing; for transactions that sync once at the end. */
    public AppendResult appendNow(Destination destination, int partition, ByteBuffer batch) {
        Partition pl = destination.partition(partition);
        CompletableFuture<AppendResult> f = new CompletableFuture<>();
        lane(pl).submit(() -> {
            try {
                f.complete(pl.append(batch));
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
            }
        });
        return f.join();
    }

    /** Appends on the caller's thread and, when committing takes an fsync, forces the log to disk. */
    public AppendResult appendDurably(Destination destination, int partition, ByteBuffer batch) {
        AppendResult r = appendNow(destination, partition, batch);
        Partition pl = destination.partition(partition);
        if (pl.commitWaitsForFsync()) {
            timedFlush(pl);
        }
        return r;
    }

    private Lane lane(Partition pl) {
        return lanes.computeIfAbsent(pl, k -> new Lane());
    }

    private void requestSync(Partition pl) {
        Lane lane = lane(pl);
        if (lane.syncScheduled.compareAndSet(false, true)) {
            syncPool.execute(() -> {
                lane.syncScheduled.set(false);
                try {
                    timedFlush(pl);
                } catch (RuntimeException e) {
                    log.error("fsync of {} failed", pl.topicPartition(), e);
                }
            });
        }
    }

    private void timedFlush(Partition pl) {
        long start = System.nanoTime();
        pl.flush();
        fsyncLatency.recordNanos(System.nanoTime() - start);
    }

    /** Forgets the lane of a deleted partition. */
    public void forget(Partition pl) {
        lanes.remove(pl);
    }

    @Override
    public void close() {
        appendPool.shutdown();
        syncPool.shutdown();
        try {
            appendPool.awaitTermination(5, TimeUnit.SECONDS);
            syncPool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One partition's queue of appends, run one at a time on the shared pool. */
    private final class Lane {
        private final LinkedBlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
        private final AtomicBoolean running = new AtomicBoolean();
        final AtomicBoolean syncScheduled = new AtomicBoolean();

        void submit(Runnable task) {
            tasks.add(task);
            schedule();
        }

        private void schedule() {
            if (!tasks.isEmpty() && running.compareAndSet(false, true)) {
                appendPool.execute(this::drain);
            }
        }

        private void drain() {
            try {
                Runnable task;
                int n = 0;
                while (n++ < 256 && (task = tasks.poll()) != null) {
                    task.run();
                }
            } finally {
                running.set(false);
                schedule();
            }
        }
    }
}
