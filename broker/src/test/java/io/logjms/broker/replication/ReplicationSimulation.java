package io.logjms.broker.replication;

import static org.assertj.core.api.Assertions.assertThat;

import io.logjms.broker.cluster.PartitionAssignment;
import io.logjms.broker.log.FsyncPolicy;
import io.logjms.broker.log.LogConfig;
import io.logjms.broker.log.OffsetOutOfRangeException;
import io.logjms.broker.log.PartitionLog;
import io.logjms.broker.log.TopicPartition;
import io.logjms.broker.partition.FencedLeaderEpochException;
import io.logjms.broker.partition.NotLeaderException;
import io.logjms.broker.partition.Partition;
import io.logjms.protocol.api.EpochPromiseResponse;
import io.logjms.protocol.api.ReplicaFetchRequest;
import io.logjms.protocol.record.Record;
import io.logjms.protocol.record.RecordBatch;
import io.logjms.protocol.record.RecordBatchBuilder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.TreeMap;

/**
 * A deterministic simulation of one replicated partition over {@code n} replicas: real {@link Partition}s and
 * {@link PartitionLog}s in a temporary directory, the replication's own decision code ({@link ReplicaServing},
 * {@link FetchLoop#apply}, {@link TakeoverPlan}, {@link Replica#promise}, {@link LeaderTakeover#startLeading}),
 * and a simulated network that delays, reorders and drops messages, plus a coordination that names leaders of
 * new epochs at random (also crashed or lagging ones), and crashes and restarts of replicas. Every step checks:
 * one leader per epoch, each replica's high watermark never moves back while it runs, and every record ever
 * committed (below some replica's high watermark) keeps its offset, epoch and value everywhere it is below a
 * high watermark, and is in the log of every replica when it starts leading. Everything comes from one seed.
 */
final class ReplicationSimulation implements AutoCloseable {
    private static final TopicPartition TP = new TopicPartition("sim", 0);
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(1_000_000), ZoneOffset.UTC);
    private static final int RESEND_AFTER = 12;

    private record Committed(int epoch, String value) {
    }

    private record Message(long deliverAt, long seq, int to, Runnable delivery) {
    }

    private final Random random;
    private final Path root;
    private final List<Integer> ids = new ArrayList<>();
    private final Map<Integer, Node> nodes = new HashMap<>();
    private final PriorityQueue<Message> network = new PriorityQueue<>((a, b) -> a.deliverAt != b.deliverAt
            ? Long.compare(a.deliverAt, b.deliverAt) : Long.compare(a.seq, b.seq));
    private final Map<Integer, Integer> leaderOfEpoch = new HashMap<>();
    private final TreeMap<Long, Committed> committed = new TreeMap<>();
    private final List<String> trace = new ArrayList<>();
    private long now;
    private long seq;
    private int coordinatorEpoch;
    private PartitionAssignment current;
    private int nextValue;
    private double dropRate = 0.08;
    /** One batch per answer while things go wrong (followers hold part of a leader's log more often). */
    private int fetchMaxBytes = 1;

    ReplicationSimulation(long seed, Path root, int replicas) throws IOException {
        this.random = new Random(seed);
        this.root = root;
        for (int i = 1; i <= replicas; i++) {
            ids.add(i);
        }
        for (int id : ids) {
            Node node = new Node(id);
            nodes.put(id, node);
            node.start();
        }
    }

    /** Random elections, produce, crashes, restarts, drops; then everyone up, a last election, and calm. */
    void run(int chaosSteps, int calmSteps) throws IOException {
        for (int i = 0; i < chaosSteps; i++) {
            chaosStep();
            deliverAndTick();
            check();
        }
        dropRate = 0;
        fetchMaxBytes = 1 << 16;
        for (Node n : nodes.values()) {
            if (!n.alive) {
                n.start();
            }
        }
        elect(ids.get(random.nextInt(ids.size())));
        for (int i = 0; i < calmSteps; i++) {
            if (i < calmSteps / 2 && random.nextInt(4) == 0) {
                produce(current.leader()); // the second half lets every follower catch up
            }
            deliverAndTick();
            check();
        }
        checkConverged();
    }

    List<String> trace() {
        return trace.subList(Math.max(0, trace.size() - 40), trace.size());
    }

    private void chaosStep() throws IOException {
        int r = random.nextInt(100);
        int node = ids.get(random.nextInt(ids.size()));
        if (r < 6) {
            elect(node);
        } else if (r < 10) {
            if (nodes.get(node).alive) {
                trace("crash " + node);
                nodes.get(node).crash();
            }
        } else if (r < 16) {
            if (!nodes.get(node).alive) {
                trace("restart " + node);
                nodes.get(node).start();
                PartitionAssignment a = current;
                if (a != null) {
                    send(node, 1, () -> nodes.get(node).assignment(a));
                }
            }
        } else if (r < 50) {
            produce(node);
        } else if (r < 53 && current != null) {
            PartitionAssignment a = current;
            send(node, 1, () -> nodes.get(node).assignment(a)); // a member re-reads the metadata
        }
    }

    private void elect(int leader) {
        current = new PartitionAssignment(TP, ids, leader, ++coordinatorEpoch);
        trace("elect " + leader + " for epoch " + coordinatorEpoch);
        PartitionAssignment a = current;
        for (int id : ids) {
            send(id, 1 + random.nextInt(4), () -> nodes.get(id).assignment(a));
        }
    }

    private void produce(int node) {
        Node n = nodes.get(node);
        if (!n.alive || n.partition.role() != Partition.Role.LEADER) {
            return;
        }
        String value = "v" + nextValue++;
        n.partition.append(new RecordBatchBuilder().append(1_000, null, null, value.getBytes(StandardCharsets.UTF_8))
                .build());
    }

    private void deliverAndTick() throws IOException {
        now++;
        while (!network.isEmpty() && network.peek().deliverAt <= now) {
            Message m = network.poll();
            if (nodes.get(m.to).alive) {
                m.delivery.run();
            }
        }
        for (Node n : nodes.values()) {
            if (n.alive) {
                n.tick();
            }
        }
    }

    private void send(int to, int delay, Runnable delivery) {
        if (random.nextDouble() < dropRate) {
            return;
        }
        network.add(new Message(now + delay, seq++, to, delivery));
    }

    private int delay() {
        return 1 + random.nextInt(5);
    }

    private void trace(String event) {
        trace.add("t=" + now + " " + event);
    }

    /** The invariants, after every step. */
    private void check() {
        for (Node n : nodes.values()) {
            if (!n.alive) {
                continue;
            }
            Partition p = n.partition;
            if (p.role() == Partition.Role.LEADER) {
                Integer earlier = leaderOfEpoch.putIfAbsent(p.leaderEpoch(), n.id);
                assertThat(earlier).as("one leader per epoch: epoch %d led by %s and %d", p.leaderEpoch(), earlier, n.id)
                        .isIn(null, n.id);
            }
            long hw = p.highWatermark();
            assertThat(hw).as("high watermark of node %d never moves back", n.id).isGreaterThanOrEqualTo(n.lastHighWatermark);
            n.lastHighWatermark = hw;
            if (hw > n.checkedUpTo) {
                forEachRecord(p, n.checkedUpTo, hw, (offset, c) -> {
                    Committed before = committed.putIfAbsent(offset, c);
                    assertThat(c).as("committed offset %d on node %d", offset, n.id).isEqualTo(before == null ? c : before);
                });
                n.checkedUpTo = hw;
            }
        }
    }

    /** Leader completeness: a replica that starts leading holds every committed record. */
    private void checkHoldsEverythingCommitted(Node n) {
        long end = committed.isEmpty() ? 0 : committed.lastKey() + 1;
        Map<Long, Committed> found = new HashMap<>();
        forEachRecord(n.partition, 0, Math.min(end, n.partition.logEndOffset()), found::put);
        for (Map.Entry<Long, Committed> e : committed.entrySet()) {
            assertThat(found.get(e.getKey())).as("node %d leading epoch %d holds committed offset %d", n.id,
                    n.partition.leaderEpoch(), e.getKey()).isEqualTo(e.getValue());
        }
    }

    private void checkConverged() {
        Node leader = nodes.get(current.leader());
        assertThat(leader.partition.role()).as("the last elected leader leads after the calm phase")
                .isEqualTo(Partition.Role.LEADER);
        long end = leader.partition.logEndOffset();
        for (Node n : nodes.values()) {
            assertThat(n.partition.logEndOffset()).as("node %d caught up", n.id).isEqualTo(end);
            Map<Long, Committed> records = new TreeMap<>();
            forEachRecord(n.partition, 0, end, records::put);
            Map<Long, Committed> leaders = new TreeMap<>();
            forEachRecord(leader.partition, 0, end, leaders::put);
            assertThat(records).as("node %d's log equals the leader's", n.id).isEqualTo(leaders);
            committed.forEach((offset, c) -> assertThat(records.get(offset))
                    .as("committed offset %d on node %d", offset, n.id).isEqualTo(c));
        }
        assertThat(leader.partition.highWatermark()).isEqualTo(end);
        assertThat(committed).as("records committed in the run").isNotEmpty();
    }

    private interface RecordVisitor {
        void visit(long offset, Committed record);
    }

    private static void forEachRecord(Partition p, long from, long upTo, RecordVisitor visitor) {
        long offset = from;
        while (offset < upTo) {
            List<ByteBuffer> batches = p.log().readBatches(offset, 1 << 16, upTo);
            if (batches.isEmpty()) {
                return;
            }
            for (ByteBuffer b : batches) {
                RecordBatch batch = RecordBatch.of(b);
                for (Iterator<Record> it = batch.records(); it.hasNext(); ) {
                    Record r = it.next();
                    if (r.offset() >= from && r.offset() < upTo) {
                        byte[] value = Record.toArray(r.value());
                        visitor.visit(r.offset(), new Committed(batch.leaderEpoch(),
                                batch.isControl() ? "marker" : new String(value, StandardCharsets.UTF_8)));
                    }
                    offset = Math.max(offset, r.offset() + 1);
                }
            }
        }
    }

    @Override
    public void close() {
        nodes.values().forEach(n -> {
            if (n.alive) {
                n.crash();
            }
        });
    }

    /** One replica: its partition and what the replication runs for it (fetching, or taking over). */
    private final class Node {
        final int id;
        PartitionLog log;
        Partition partition;
        Replica replica;
        ReplicaServing serving;
        boolean alive;
        long lastHighWatermark;
        long checkedUpTo;
        // following or catching up
        int source = -1;
        int epoch;
        byte mode;
        long inflight = -1;
        long sentAt;
        // taking over
        Takeover takeover;

        Node(int id) {
            this.id = id;
        }

        void start() throws IOException {
            log = PartitionLog.open(root.resolve("node" + id), TP, LogConfig.builder().fsyncPolicy(FsyncPolicy.OS)
                    .fileDeleteDelayMs(0).build(), CLOCK);
            partition = Partition.follower(log);
            partition.useReplicaSet(new Partition.ReplicaSet(id, ids));
            replica = new Replica(partition, 1000);
            serving = new ReplicaServing(tp -> replica, null, CLOCK);
            alive = true;
            lastHighWatermark = partition.highWatermark();
            checkedUpTo = lastHighWatermark;
            source = -1;
            takeover = null;
            inflight = -1;
        }

        void crash() {
            alive = false;
            log.close();
        }

        /** As {@code ReplicaManager.applyTo}. */
        void assignment(PartitionAssignment a) {
            Partition p = partition;
            int e = a.leaderEpoch();
            if (e < p.leaderEpoch() || e < p.promisedEpoch() || (e == p.promisedEpoch() && p.promisedTo() != a.leader())) {
                return;
            }
            try {
                if (a.leader() == id) {
                    if ((p.role() == Partition.Role.LEADER && p.leaderEpoch() == e)
                            || (takeover != null && takeover.epoch == e)) {
                        return;
                    }
                    source = -1;
                    p.becomeCandidate(e);
                    takeover = new Takeover(e);
                    takeover.promiseHere();
                } else {
                    if (p.role() == Partition.Role.FOLLOWER && !p.isCandidate() && p.leaderEpoch() == e && source == a.leader()) {
                        return;
                    }
                    takeover = null;
                    p.becomeFollower(e, p.highWatermark());
                    follow(a.leader(), e, ReplicaFetchRequest.FOLLOW);
                }
            } catch (FencedLeaderEpochException | IllegalArgumentException refused) {
                trace("node " + id + " refused " + a + ": " + refused.getMessage());
            }
        }

        void follow(int from, int e, byte how) {
            source = from;
            epoch = e;
            mode = how;
            inflight = -1;
        }

        void tick() {
            if (source >= 0 && (inflight < 0 || now - sentAt > RESEND_AFTER)) {
                fetch();
            }
            if (takeover != null) {
                takeover.resend();
            }
        }

        private void fetch() {
            ReplicaFetchRequest req = FetchLoop.request(partition, id, epoch, mode, fetchMaxBytes, 0);
            long requestId = seq++;
            inflight = requestId;
            sentAt = now;
            int from = source;
            int e = epoch;
            byte how = mode;
            send(from, delay(), () -> nodes.get(from).serveFetch(req, id, requestId, e, how));
        }

        void serveFetch(ReplicaFetchRequest req, int fetcher, long requestId, int e, byte how) {
            FetchAnswer answer;
            ByteBuffer bytes;
            try {
                answer = serving.read(replica, req);
                bytes = answer.data() == null ? ByteBuffer.allocate(0) : answer.data().copyBytes();
            } catch (FencedLeaderEpochException | NotLeaderException | OffsetOutOfRangeException | IOException refused) {
                return; // the fetcher asks again later
            }
            int server = id;
            send(fetcher, delay(), () -> nodes.get(fetcher).fetched(server, requestId, e, how, answer, bytes));
        }

        void fetched(int from, long requestId, int e, byte how, FetchAnswer answer, ByteBuffer bytes) {
            if (requestId != inflight || from != source || e != epoch || how != mode) {
                return; // an answer to an older request
            }
            inflight = -1;
            try {
                FetchLoop.Outcome outcome = FetchLoop.apply(partition, from, e, how, answer.header(), bytes);
                if (outcome == FetchLoop.Outcome.CAUGHT_UP && takeover != null && takeover.epoch == e) {
                    source = -1;
                    takeover.lead();
                }
            } catch (FencedLeaderEpochException | NotLeaderException refused) {
                trace("node " + id + " refused an answer of node " + from + ": " + refused.getMessage());
            }
        }

        /** As {@link LeaderTakeover}, on the simulated network. */
        private final class Takeover {
            final int epoch;
            final Map<Integer, TakeoverPlan.Position> promised = new HashMap<>();
            boolean decided;
            long askedAt;

            Takeover(int epoch) {
                this.epoch = epoch;
            }

            void promiseHere() {
                try {
                    EpochPromiseResponse me = replica.promise(epoch, id);
                    promised.put(id, new TakeoverPlan.Position(me.lastEpoch(), me.logEndOffset()));
                } catch (FencedLeaderEpochException e) {
                    takeover = null;
                    return;
                }
                ask();
                plan();
            }

            void ask() {
                askedAt = now;
                for (int other : ids) {
                    if (other != id && !promised.containsKey(other)) {
                        int candidate = id;
                        send(other, delay(), () -> nodes.get(other).promiseAsked(candidate, epoch));
                    }
                }
            }

            void resend() {
                if (!decided && now - askedAt > RESEND_AFTER) {
                    ask();
                }
            }

            void promised(int from, EpochPromiseResponse answer) {
                if (decided) {
                    return;
                }
                promised.put(from, new TakeoverPlan.Position(answer.lastEpoch(), answer.logEndOffset()));
                plan();
            }

            private void plan() {
                OptionalInt from = TakeoverPlan.source(id, ids.size() / 2 + 1, promised);
                if (from.isEmpty()) {
                    return;
                }
                decided = true;
                if (from.getAsInt() == id) {
                    lead();
                } else {
                    trace("node " + id + " catches up from " + from.getAsInt() + " for epoch " + epoch);
                    follow(from.getAsInt(), epoch, ReplicaFetchRequest.CATCH_UP);
                }
            }

            void lead() {
                try {
                    LeaderTakeover.startLeading(partition, epoch, now);
                } catch (FencedLeaderEpochException | IllegalArgumentException refused) {
                    trace("node " + id + " could not lead epoch " + epoch + ": " + refused.getMessage());
                    takeover = null;
                    return;
                }
                trace("node " + id + " leads epoch " + epoch + " from " + partition.epochStartOffset());
                checkHoldsEverythingCommitted(Node.this);
            }
        }

        void promiseAsked(int candidate, int e) {
            EpochPromiseResponse answer;
            try {
                answer = replica.promise(e, candidate);
            } catch (FencedLeaderEpochException refused) {
                return;
            }
            if (partition.role() != Partition.Role.LEADER && takeover != null && takeover.epoch < e) {
                takeover = null;
            }
            int from = id;
            send(candidate, delay(), () -> {
                Node c = nodes.get(candidate);
                if (c.takeover != null && c.takeover.epoch == e) {
                    c.takeover.promised(from, answer);
                }
            });
        }
    }
}
