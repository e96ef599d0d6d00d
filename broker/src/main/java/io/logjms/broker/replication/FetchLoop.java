package io.logjms.broker.replication;

import io.logjms.broker.log.LeaderEpochCache;
import io.logjms.broker.partition.Partition;
import io.logjms.protocol.api.ReplicaFetchRequest;
import io.logjms.protocol.api.ReplicaFetchResponseHeader;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies one partition from another replica, one {@code REPLICA_FETCH} at a time: a follower from its leader
 * ({@link ReplicaFetchRequest#FOLLOW}, for as long as it follows), or a broker taking over from the most
 * advanced replica that promised it the epoch ({@link ReplicaFetchRequest#CATCH_UP}, until its log ends
 * where the source's does). A divergent suffix is truncated by epoch ({@link Divergence}); batches are
 * appended as they are, synced by the fsync policy before the next fetch reports the durable end. Failed
 * requests are retried with back-off (the connection is made again). Each step runs on the replication
 * executor; there is at most one request in flight.
 */
final class FetchLoop implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FetchLoop.class);

    /** Told when a catch-up is done, or when its source kept failing. */
    interface CatchUpListener {
        void caughtUp();

        void sourceFailing();
    }

    private static final int FAILURES_BEFORE_GIVING_UP_SOURCE = 5;

    private final Replica replica;
    private final int localNode;
    private final int source;
    private final int epoch;
    private final byte mode;
    private final PeerClients peers;
    private final ScheduledExecutorService executor;
    private final ReplicationSettings settings;
    private final CatchUpListener catchUp;
    private volatile boolean closed;
    private long backoff;
    private int failures;
    /** The cause last logged at INFO, so that a failure repeating on every retry is logged once. */
    private String lastLoggedCause;

    FetchLoop(Replica replica, int localNode, int source, int epoch, byte mode, PeerClients peers,
              ScheduledExecutorService executor, ReplicationSettings settings, CatchUpListener catchUp) {
        this.replica = replica;
        this.localNode = localNode;
        this.source = source;
        this.epoch = epoch;
        this.mode = mode;
        this.peers = peers;
        this.executor = executor;
        this.settings = settings;
        this.catchUp = catchUp;
        this.backoff = settings.retryBackoffMs();
    }

    int source() {
        return source;
    }

    FetchLoop start() {
        executor.execute(this::fetch);
        return this;
    }

    private void fetch() {
        if (closed) {
            return;
        }
        ReplicaFetchRequest req;
        CompletableFuture<PeerClients.FetchReply> reply;
        try {
            req = request(replica.partition(), localNode, epoch, mode, settings.fetchMaxBytes(),
                    mode == ReplicaFetchRequest.FOLLOW ? settings.fetchMaxWaitMs() : 0);
            reply = peers.fetch(source, req);
        } catch (RuntimeException e) {
            retryLater(e);
            return;
        }
        reply.whenCompleteAsync((answer, err) -> {
            if (closed) {
                return;
            }
            if (err != null) {
                retryLater(err);
                return;
            }
            try {
                handle(answer);
            } catch (RuntimeException e) {
                retryLater(e);
            }
        }, executor);
    }

    /**
     * The request a replica sends: from its log end, with its last epoch and durable end, in {@code epoch} or
     * the newer epoch it promised (which deposes a leader of an older one).
     */
    static ReplicaFetchRequest request(Partition p, int localNode, int epoch, byte mode, int maxBytes, int maxWaitMs) {
        return new ReplicaFetchRequest(localNode, p.topicPartition().topic(), p.topicPartition().partition(), mode,
                Math.max(epoch, p.promisedEpoch()), p.logEndOffset(), Math.max(p.log().latestEpoch(), -1),
                p.replicaDurableEnd(), maxBytes, maxWaitMs);
    }

    /** What applying an answer did. */
    enum Outcome {
        /** The divergent suffix was removed: fetch again. */
        TRUNCATED,
        /** Batches (or nothing new) were appended and, for a follower, the high watermark learnt: fetch again. */
        APPENDED,
        /** A catch-up reached the source's log end. */
        CAUGHT_UP
    }

    /** Applies one answer to the fetcher's partition: truncation by epoch, or the batches and high watermark. */
    static Outcome apply(Partition p, int source, int epoch, byte mode, ReplicaFetchResponseHeader h,
                         ByteBuffer batches) {
        if (p.logEndOffset() < h.logStartOffset()) {
            log.warn("{}: the log ends at {}, below node {}'s log start {} (retention removed there what this replica"
                    + " would copy next); starting the log over at {}", p.topicPartition(), p.logEndOffset(), source,
                    h.logStartOffset(), h.logStartOffset());
            p.startLogOverAt(epoch, h.logStartOffset());
            return Outcome.TRUNCATED;
        }
        if (h.diverging()) {
            int divergingEpoch = h.divergingEpoch();
            LeaderEpochCache.EpochEndOffset local = divergingEpoch == LeaderEpochCache.UNDEFINED_EPOCH
                    ? new LeaderEpochCache.EpochEndOffset(LeaderEpochCache.UNDEFINED_EPOCH, -1)
                    : p.endOffsetFor(divergingEpoch);
            long to = Divergence.truncationOffset(divergingEpoch, h.divergingEndOffset(), local, p.logStartOffset());
            log.info("{}: the log diverges from node {}'s after epoch {} (its end {}); truncating to {}",
                    p.topicPartition(), source, divergingEpoch, h.divergingEndOffset(), to);
            p.truncateTo(epoch, to);
            return Outcome.TRUNCATED;
        }
        boolean any = batches.hasRemaining();
        if (any) {
            p.appendAsFollower(epoch, batches);
        }
        if (mode == ReplicaFetchRequest.FOLLOW) {
            p.updateHighWatermark(h.highWatermark());
        } else if (!any && p.logEndOffset() >= h.logEndOffset()) {
            return Outcome.CAUGHT_UP;
        }
        return Outcome.APPENDED;
    }

    private static String describe(Throwable cause) {
        Throwable e = cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null
                ? cause.getCause() : cause;
        return e.toString();
    }

    private void handle(PeerClients.FetchReply reply) {
        failures = 0;
        lastLoggedCause = null;
        backoff = settings.retryBackoffMs();
        if (apply(replica.partition(), source, epoch, mode, reply.header(), reply.batches()) == Outcome.CAUGHT_UP) {
            closed = true;
            catchUp.caughtUp();
            return;
        }
        executor.execute(this::fetch);
    }

    private void retryLater(Throwable cause) {
        if (closed) {
            return;
        }
        failures++;
        String why = describe(cause);
        if (why.equals(lastLoggedCause)) {
            log.debug("{}: fetch from node {} in epoch {} failed again ({}); retrying in {} ms",
                    replica.partition().topicPartition(), source, epoch, why, backoff);
        } else {
            lastLoggedCause = why;
            log.info("{}: fetch from node {} in epoch {} failed ({}); retrying in {} ms",
                    replica.partition().topicPartition(), source, epoch, why, backoff);
        }
        if (catchUp != null && failures >= FAILURES_BEFORE_GIVING_UP_SOURCE) {
            closed = true;
            log.warn("{}: catching up from node {} failed {} times ({}); trying another replica",
                    replica.partition().topicPartition(), source, failures, cause.toString());
            catchUp.sourceFailing();
            return;
        }
        long delay = backoff;
        backoff = Math.min(settings.retryBackoffMaxMs(), backoff * 2);
        executor.schedule(this::fetch, delay, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        closed = true;
    }
}
