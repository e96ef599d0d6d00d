package io.logjms.broker.replication;

import io.logjms.broker.cluster.ClusterView;
import io.logjms.broker.cluster.EpochClaim;
import io.logjms.broker.cluster.PartitionAssignment;
import io.logjms.broker.cluster.ReplicaStatus;
import io.logjms.broker.log.TopicPartition;
import io.logjms.broker.partition.Partition;
import io.logjms.protocol.api.EpochPromiseRequest;
import io.logjms.protocol.api.EpochPromiseResponse;
import io.logjms.protocol.api.ReplicaFetchRequest;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the cluster's partition assignments to this broker's partitions and answers the other brokers'
 * replica requests (see {@code docs/CLUSTER.md}, "Replication"):
 * <ul>
 *   <li>not a replica: the partition stays a follower that fetches from no one;</li>
 *   <li>a follower: a {@link FetchLoop} copies from the leader of the assignment's epoch;</li>
 *   <li>the leader of epoch E: a {@link LeaderTakeover} first, then the partition leads and commits by
 *       majority ({@link io.logjms.broker.partition.CommitRule}).</li>
 * </ul>
 * Assignments are applied one at a time on the control thread; every wait on files or on the network runs on
 * the replication threads, never on a network thread. Leaders publish their {@link ReplicaStatus} when it
 * changes, at most about once a second per partition while only offsets move.
 */
public final class ReplicaManager implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ReplicaManager.class);
    private static final long TICK_MS = 200;

    private final ClusterView cluster;
    private final PartitionDirectory directory;
    private final Clock clock;
    private final ReplicationSettings settings;
    private final ScheduledExecutorService control;
    private final ScheduledExecutorService io;
    private final PeerClients peers;
    private final ReplicaServing serving;
    private final Map<TopicPartition, Replica> replicas = new ConcurrentHashMap<>();
    /** The assignment applied last, per partition; control thread only. */
    private final Map<TopicPartition, PartitionAssignment> applied = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public ReplicaManager(ClusterView cluster, PartitionDirectory directory, Clock clock, ReplicationSettings settings) {
        this(cluster, directory, clock, settings, PeerLink.PLAIN);
    }

    /**
     * @param link how connections to other brokers are made: from which address (the broker's {@code host} when it is
     *        a specific address, so that peers and fault proxies see which broker connected), as whom, with TLS or not
     */
    public ReplicaManager(ClusterView cluster, PartitionDirectory directory, Clock clock, ReplicationSettings settings,
                          PeerLink link) {
        this.cluster = cluster;
        this.directory = directory;
        this.clock = clock;
        this.settings = settings;
        this.control = Executors.newSingleThreadScheduledExecutor(daemon("logjms-replication-control"));
        this.io = Executors.newScheduledThreadPool(2, daemon("logjms-replication"));
        this.peers = new PeerClients(cluster, link);
        this.serving = new ReplicaServing(this::replica, io, clock);
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Starts following the cluster's assignments. */
    public ReplicaManager start() {
        cluster.addAssignmentListener(a -> control.execute(() -> apply(a)));
        control.scheduleWithFixedDelay(this::tick, 0, TICK_MS, TimeUnit.MILLISECONDS);
        return this;
    }

    /** Answers a {@code REPLICA_FETCH} (after a long poll for a follower with nothing new to read). */
    public CompletableFuture<FetchAnswer> serveFetch(ReplicaFetchRequest request) {
        return serving.fetch(request);
    }

    /** Answers an {@code EPOCH_PROMISE} once the promise is stored durably. */
    public CompletableFuture<EpochPromiseResponse> servePromise(EpochPromiseRequest request) {
        return serving.promise(request);
    }

    /** The replica of a partition open here, or null; made when first asked (reading its stored promise). */
    Replica replica(TopicPartition tp) {
        Optional<Partition> found = directory.find(tp);
        if (found.isEmpty()) {
            return null;
        }
        Partition p = found.get();
        return replicas.compute(tp, (k, r) -> r != null && r.partition() == p ? r
                : new Replica(p, settings.inSyncWindowMs()));
    }

    private void tick() {
        if (closed) {
            return;
        }
        try {
            for (TopicPartition tp : directory.all()) {
                if (!applied.containsKey(tp)) {
                    cluster.assignment(tp).ifPresent(this::apply);
                }
            }
            long now = clock.millis();
            replicas.values().forEach(r -> publishStatus(r, now));
        } catch (RuntimeException e) {
            log.warn("replication check failed", e);
        }
    }

    private void publishStatus(Replica r, long now) {
        Partition p = r.partition();
        Partition.ReplicaSet set = p.replicaSet();
        if (set == null || p.role() != Partition.Role.LEADER) {
            return;
        }
        ReplicaStatus status = new ReplicaStatus(p.topicPartition(), set.localNode(), p.leaderEpoch(),
                p.highWatermark(), p.logEndOffset(), r.inSync().inSync(set.localNode(), set.replicas(), now));
        if (r.shouldPublish(status, now, settings.statusIntervalMs())) {
            cluster.publishStatus(status);
        }
    }

    /** Applies one assignment; runs on the control thread. */
    void apply(PartitionAssignment a) {
        if (closed) {
            return;
        }
        TopicPartition tp = a.partition();
        Replica r = replica(tp);
        if (r == null) {
            return; // not open here yet: the tick applies it once the destination is
        }
        PartitionAssignment previous = applied.get(tp);
        if (previous != null && previous.leaderEpoch() > a.leaderEpoch()) {
            return;
        }
        applied.put(tp, a);
        try {
            applyTo(r, a);
        } catch (RuntimeException e) {
            log.warn("{}: could not apply the assignment {}: {}", tp, a, e.toString());
        }
    }

    private void applyTo(Replica r, PartitionAssignment a) {
        Partition p = r.partition();
        int local = cluster.localNodeId();
        int epoch = a.leaderEpoch();
        if (!a.isReplica(local)) {
            r.stopActivity();
            if (p.role() == Partition.Role.LEADER || p.isCandidate()) {
                p.becomeFollower(Math.max(epoch, p.leaderEpoch()), p.highWatermark());
            }
            return;
        }
        p.useReplicaSet(new Partition.ReplicaSet(local, a.replicas()));
        if (epoch < p.leaderEpoch() || epoch < p.promisedEpoch()
                || (epoch == p.promisedEpoch() && p.promisedTo() != a.leader() && a.leader() != PartitionAssignment.NO_LEADER)) {
            log.info("{}: ignoring the assignment {}: this replica knows epoch {} (promised {} to node {})",
                    p.topicPartition(), a, p.leaderEpoch(), p.promisedEpoch(), p.promisedTo());
            cluster.claimEpoch(p.promisedEpoch() >= p.leaderEpoch()
                    ? new EpochClaim(p.topicPartition(), p.promisedEpoch(), p.promisedTo())
                    : new EpochClaim(p.topicPartition(), p.leaderEpoch(), EpochClaim.ANY));
            return;
        }
        if (a.leader() == local) {
            if ((p.role() == Partition.Role.LEADER && p.leaderEpoch() == epoch) || r.runs(LeaderTakeover.class, epoch)) {
                return;
            }
            r.stopActivity();
            p.becomeCandidate(epoch);
            r.run(new LeaderTakeover(r, a, local, peers, io, settings, clock,
                    () -> control.execute(() -> publishStatus(r, clock.millis()))).start(), epoch);
        } else if (a.leader() == PartitionAssignment.NO_LEADER) {
            r.stopActivity();
            p.becomeFollower(epoch, p.highWatermark());
        } else {
            if (p.role() == Partition.Role.FOLLOWER && !p.isCandidate() && p.leaderEpoch() == epoch
                    && r.runs(FetchLoop.class, epoch)) {
                return;
            }
            r.stopActivity();
            p.becomeFollower(epoch, p.highWatermark());
            log.info("{}: following node {} in epoch {} from offset {}", p.topicPartition(), a.leader(), epoch,
                    p.logEndOffset());
            r.run(new FetchLoop(r, local, a.leader(), epoch, ReplicaFetchRequest.FOLLOW, peers, io, settings, null)
                    .start(), epoch);
        }
    }

    @Override
    public void close() {
        closed = true;
        control.shutdownNow();
        replicas.values().forEach(Replica::stopActivity);
        io.shutdown();
        try {
            // never shutdownNow: an interrupt closes a log's FileChannel and takes the log offline
            io.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        peers.close();
    }
}
