package io.logjms.broker.replication;

import io.logjms.broker.log.FetchData;
import io.logjms.broker.log.LeaderEpochCache.EpochEndOffset;
import io.logjms.broker.log.TopicPartition;
import io.logjms.broker.partition.FencedLeaderEpochException;
import io.logjms.broker.partition.LeaderNotAvailableException;
import io.logjms.broker.partition.NotLeaderException;
import io.logjms.broker.partition.Partition;
import io.logjms.broker.threads.BlockingCalls;
import io.logjms.protocol.api.EpochPromiseRequest;
import io.logjms.protocol.api.EpochPromiseResponse;
import io.logjms.protocol.api.ReplicaFetchRequest;
import io.logjms.protocol.api.ReplicaFetchResponseHeader;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The answering side of the replica requests: reads for followers and for leaders catching up, and epoch
 * promises. Everything that touches files runs on the replication executor, never on a network thread.
 */
final class ReplicaServing {
    private final Function<TopicPartition, Replica> replicas;
    private final ScheduledExecutorService executor;
    private final Clock clock;

    ReplicaServing(Function<TopicPartition, Replica> replicas, ScheduledExecutorService executor, Clock clock) {
        this.replicas = replicas;
        this.executor = executor;
        this.clock = clock;
    }

    CompletableFuture<FetchAnswer> fetch(ReplicaFetchRequest req) {
        // one async step: a thenCompose on a stage already complete would run on the caller's network thread
        CompletableFuture<CompletableFuture<FetchAnswer>> started = CompletableFuture.supplyAsync(
                () -> answer(replica(req.topic(), req.partition()), req,
                        req.mode() == ReplicaFetchRequest.FOLLOW ? req.maxWaitMs() : 0), executor);
        return started.thenCompose(answer -> answer);
    }

    private CompletableFuture<FetchAnswer> answer(Replica r, ReplicaFetchRequest req, long waitMs) {
        assert BlockingCalls.allowed("answering a replica fetch");
        Partition p = r.partition();
        CompletableFuture<Void> change = p.nextChange();
        FetchAnswer answer = read(r, req);
        if (answer.data() != null || answer.header().diverging() || waitMs <= 0) {
            return CompletableFuture.completedFuture(answer);
        }
        CompletableFuture<FetchAnswer> later = new CompletableFuture<>();
        Runnable again = () -> {
            try {
                later.complete(read(r, req));
            } catch (RuntimeException e) {
                later.completeExceptionally(e);
            }
        };
        // a wake-up of this request's own: the partition's change future is shared by every waiting fetch
        CompletableFuture<Void> wake = new CompletableFuture<>();
        change.thenRun(() -> wake.complete(null));
        var timeout = executor.schedule(() -> wake.complete(null), waitMs, TimeUnit.MILLISECONDS);
        wake.whenCompleteAsync((v, e) -> {
            timeout.cancel(false);
            again.run();
        }, executor);
        return later;
    }

    /** Decides and reads the answer to one fetch now, without waiting; the caller may not be a network thread. */
    FetchAnswer read(Replica r, ReplicaFetchRequest req) {
        Partition p = r.partition();
        boolean follow = req.mode() == ReplicaFetchRequest.FOLLOW;
        if (follow) {
            checkLeader(p, req);
        } else {
            checkCatchUpSource(p, req);
        }
        int lastEpoch = req.lastFetchedEpoch();
        EpochEndOffset diverging = Divergence.check(lastEpoch, req.fetchOffset(),
                p.endOffsetFor(Math.max(lastEpoch, 0)), p.logStartOffset());
        long hw = p.highWatermark();
        if (diverging != null) {
            return new FetchAnswer(new ReplicaFetchResponseHeader(p.leaderEpoch(), hw, p.logStartOffset(),
                    p.logEndOffset(), diverging.epoch(), diverging.endOffset(), 0), null);
        }
        if (req.fetchOffset() < p.logStartOffset()) {
            // the fetcher's log ends below this log's start (retention removed the rest here): no data, and the
            // log start in the header tells it where to start its log over
            return new FetchAnswer(new ReplicaFetchResponseHeader(p.leaderEpoch(), hw, p.logStartOffset(),
                    p.logEndOffset(), ReplicaFetchResponseHeader.NO_DIVERGENCE, -1, 0), null);
        }
        if (follow) {
            p.recordReplicaProgress(req.replicaId(), Math.min(req.durableEnd(), req.fetchOffset()));
            r.inSync().fetched(req.replicaId(), req.fetchOffset(), p.logEndOffset(), clock.millis());
            hw = p.highWatermark();
        }
        FetchData data = p.log().read(req.fetchOffset(), Math.max(1, req.maxBytes()));
        return new FetchAnswer(new ReplicaFetchResponseHeader(p.leaderEpoch(), hw, p.logStartOffset(),
                p.logEndOffset(), ReplicaFetchResponseHeader.NO_DIVERGENCE, -1, data.isEmpty() ? 0 : data.sizeInBytes()),
                data.isEmpty() ? null : data);
    }

    /** A follower fetches from the leader of its epoch only; a fetch from a newer epoch deposes this leader. */
    private static void checkLeader(Partition p, ReplicaFetchRequest req) {
        int epoch = p.leaderEpoch();
        if (req.leaderEpoch() > epoch || req.leaderEpoch() < p.promisedEpoch()) {
            if (p.role() == Partition.Role.LEADER && req.leaderEpoch() > epoch) {
                p.becomeFollower(req.leaderEpoch(), p.highWatermark());
            }
            throw new FencedLeaderEpochException(p.topicPartition(), req.leaderEpoch(), epoch,
                    "fetch from node " + req.replicaId() + " (a newer epoch than this broker's, or older than its"
                            + " promise " + p.promisedEpoch() + ")");
        }
        if (req.leaderEpoch() < epoch) {
            throw new FencedLeaderEpochException(p.topicPartition(), req.leaderEpoch(), epoch, "fetch");
        }
        if (p.role() != Partition.Role.LEADER) {
            if (p.isCandidate()) {
                throw new LeaderNotAvailableException(p.topicPartition(), "node is still taking over "
                        + p.topicPartition() + " in epoch " + epoch);
            }
            throw new NotLeaderException(p.topicPartition(), "this broker does not lead " + p.topicPartition()
                    + " in epoch " + epoch);
        }
    }

    /** A leader taking over reads from a replica that promised it that epoch, whose log is frozen since. */
    private static void checkCatchUpSource(Partition p, ReplicaFetchRequest req) {
        if (p.promisedEpoch() != req.leaderEpoch() || p.promisedTo() != req.replicaId()) {
            throw new FencedLeaderEpochException(p.topicPartition(), req.leaderEpoch(),
                    Math.max(p.promisedEpoch(), p.leaderEpoch()), "catch-up read by node " + req.replicaId());
        }
    }

    CompletableFuture<EpochPromiseResponse> promise(EpochPromiseRequest req) {
        return CompletableFuture.supplyAsync(() -> {
            Replica r = replica(req.topic(), req.partition());
            return r.promise(req.epoch(), req.candidateId());
        }, executor);
    }

    private Replica replica(String topic, int partition) {
        Replica r = replicas.apply(new TopicPartition(topic, partition));
        if (r == null) {
            throw new NotLeaderException(new TopicPartition(topic, partition), "this broker has no copy of "
                    + topic + "-" + partition);
        }
        return r;
    }
}
