package io.logjms.broker.replication;

import io.logjms.broker.cluster.PartitionAssignment;
import io.logjms.broker.partition.FencedLeaderEpochException;
import io.logjms.broker.partition.Partition;
import io.logjms.protocol.ErrorCode;
import io.logjms.protocol.api.EpochPromiseRequest;
import io.logjms.protocol.api.EpochPromiseResponse;
import io.logjms.protocol.api.ReplicaFetchRequest;
import io.logjms.provider.client.ProtocolErrorException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a broker named leader for epoch E starts serving: it promises E itself, asks every other replica for the
 * same durable promise (retrying those that do not answer), and once a majority of the replica set has
 * promised it picks the most advanced of them ({@link TakeoverPlan}), catches up from it if that is not
 * itself ({@link FetchLoop} in catch-up mode, truncating its own divergent suffix first), then leads E and
 * appends the {@link EpochStartMarker}. A replica that has promised a newer epoch ends the takeover: a newer
 * assignment is on its way. Until it is done the partition answers produce with "leader not available".
 */
final class LeaderTakeover implements AutoCloseable, FetchLoop.CatchUpListener {
    private static final Logger log = LoggerFactory.getLogger(LeaderTakeover.class);

    private final Replica replica;
    private final PartitionAssignment assignment;
    private final int localNode;
    private final PeerClients peers;
    private final ScheduledExecutorService executor;
    private final ReplicationSettings settings;
    private final Clock clock;
    private final Runnable onLeading;
    /** Where each replica that promised stood; guarded by this. */
    private final Map<Integer, TakeoverPlan.Position> promised = new HashMap<>();
    private FetchLoop catchingUp;
    /** Set once the takeover has decided to lead (after catching up or at once); guarded by this. */
    private boolean leading;
    private volatile boolean closed;

    LeaderTakeover(Replica replica, PartitionAssignment assignment, int localNode, PeerClients peers,
                   ScheduledExecutorService executor, ReplicationSettings settings, Clock clock, Runnable onLeading) {
        this.replica = replica;
        this.assignment = assignment;
        this.localNode = localNode;
        this.peers = peers;
        this.executor = executor;
        this.settings = settings;
        this.clock = clock;
        this.onLeading = onLeading;
    }

    LeaderTakeover start() {
        executor.execute(this::promiseHere);
        return this;
    }

    private int epoch() {
        return assignment.leaderEpoch();
    }

    private void promiseHere() {
        if (closed) {
            return;
        }
        try {
            EpochPromiseResponse me = replica.promise(epoch(), localNode);
            promised(localNode, me);
        } catch (FencedLeaderEpochException e) {
            giveUp("this replica has promised a newer epoch: " + e.getMessage());
            return;
        }
        for (int node : assignment.replicas()) {
            if (node != localNode) {
                askPromise(node, settings.retryBackoffMs());
            }
        }
    }

    private void askPromise(int node, long backoff) {
        if (closed) {
            return;
        }
        Partition p = replica.partition();
        EpochPromiseRequest req = new EpochPromiseRequest(localNode, p.topicPartition().topic(),
                p.topicPartition().partition(), epoch());
        peers.promise(node, req).whenCompleteAsync((answer, err) -> {
            if (closed) {
                return;
            }
            if (err == null) {
                promised(node, answer);
            } else if (fenced(err)) {
                giveUp("node " + node + " has promised a newer epoch: " + err.getMessage());
            } else {
                log.debug("{}: node {} did not promise epoch {} yet ({}); asking again in {} ms", p.topicPartition(),
                        node, epoch(), err.toString(), backoff);
                executor.schedule(() -> askPromise(node, Math.min(settings.retryBackoffMaxMs(), backoff * 2)), backoff,
                        TimeUnit.MILLISECONDS);
            }
        }, executor);
    }

    private static boolean fenced(Throwable err) {
        Throwable e = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
        return e instanceof ProtocolErrorException pe && pe.error() == ErrorCode.FENCED_LEADER_EPOCH;
    }

    private synchronized void promised(int node, EpochPromiseResponse answer) {
        promised.put(node, new TakeoverPlan.Position(answer.lastEpoch(), answer.logEndOffset()));
        plan();
    }

    /** Once a majority has promised (and no catch-up runs), copies from the most advanced or takes over. */
    private synchronized void plan() {
        if (closed || catchingUp != null || leading) {
            return;
        }
        OptionalInt source = TakeoverPlan.source(localNode, assignment.majority(), promised);
        if (source.isEmpty()) {
            return;
        }
        int from = source.getAsInt();
        if (from == localNode) {
            leading = true;
            executor.execute(this::lead);
            return;
        }
        log.info("{}: taking over epoch {}; catching up from node {} first (promised positions {})",
                replica.partition().topicPartition(), epoch(), from, promised);
        catchingUp = new FetchLoop(replica, localNode, from, epoch(), ReplicaFetchRequest.CATCH_UP, peers, executor,
                settings, this).start();
    }

    @Override
    public synchronized void caughtUp() {
        leading = true;
        executor.execute(this::lead);
    }

    @Override
    public synchronized void sourceFailing() {
        if (catchingUp != null) {
            promised.remove(catchingUp.source());
            catchingUp = null;
            plan();
        }
    }

    private void lead() {
        if (closed) {
            return;
        }
        Partition p = replica.partition();
        try {
            startLeading(p, epoch(), clock.millis());
        } catch (RuntimeException e) {
            giveUp("could not start leading: " + e);
            return;
        }
        closed = true;
        log.info("{}: leading epoch {} from offset {} (replicas {})", p.topicPartition(), epoch(),
                p.epochStartOffset(), assignment.replicas());
        onLeading.run();
    }

    /** Leads {@code epoch} and appends its {@link EpochStartMarker} (synced if commits wait for an fsync). */
    static void startLeading(Partition p, int epoch, long now) {
        p.becomeLeader(epoch);
        p.append(EpochStartMarker.batch(epoch, now));
        if (p.commitWaitsForFsync()) {
            p.flush();
        }
    }

    private void giveUp(String why) {
        closed = true;
        log.warn("{}: gave up taking over epoch {}: {}", replica.partition().topicPartition(), epoch(), why);
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (catchingUp != null) {
            catchingUp.close();
        }
    }
}
