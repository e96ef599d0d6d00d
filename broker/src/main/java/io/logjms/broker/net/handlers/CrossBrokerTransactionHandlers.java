package io.logjms.broker.net.handlers;

import io.logjms.broker.net.ClientConnection;
import io.logjms.broker.net.ErrorMapping;
import io.logjms.broker.subscription.Subscription;
import io.logjms.broker.transaction.CrossBrokerCoordinator;
import io.logjms.broker.transaction.HeldRecordsResolver;
import io.logjms.broker.transaction.LocalParticipant;
import io.logjms.broker.transaction.Participants;
import io.logjms.broker.transaction.TransactionException;
import io.logjms.broker.transaction.TxnPart;
import io.logjms.protocol.Frame;
import io.logjms.protocol.api.CommitResponse;
import io.logjms.protocol.api.TxnAckTargets;
import io.logjms.protocol.api.TxnApplyRequest;
import io.logjms.protocol.api.TxnCommitRequest;
import io.logjms.broker.cluster.ClusterView;
import io.logjms.broker.destination.DestinationException;
import io.logjms.broker.destination.DestinationManager;
import io.logjms.broker.destination.PartitionAppender;
import io.logjms.broker.replication.PeerClients;
import io.logjms.broker.replication.PeerLink;
import io.logjms.broker.subscription.SubscriptionManager;
import io.logjms.broker.transaction.TransactionTopic;
import io.logjms.broker.transaction.TxnLogPartitions;
import io.logjms.protocol.ErrorCode;
import io.logjms.protocol.api.TransactionId;
import io.logjms.protocol.api.TxnResolve;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * The requests of cross-broker transactions: {@code TXN_COMMIT} (to the coordinator), {@code TXN_APPLY} (coordinator
 * to participant) and {@code TXN_ACK_TARGETS} (which subscriptions a connection's attachments belong to). The work
 * runs off the network thread; batches are copied out of the frame first.
 */
public final class CrossBrokerTransactionHandlers implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CrossBrokerTransactionHandlers.class);
    /**
     * Test-only: a broker started with this system property set to a destination-name prefix halts (as if killed)
     * right after it decided a transaction that sends to a destination with that prefix and acknowledges no record
     * of a partition it leads, before applying any of it.
     */
    public static final String HALT_AFTER_DECISION_PROPERTY = "logjms.test.transactions.haltAfterDecision";
    /**
     * How long a transaction may hold records on this broker before its coordinator is asked whether it was decided
     * (and aborted if not): longer than a commit takes, even across a coordinator's failover.
     */
    public static final Duration HOLD_TIMEOUT = Duration.ofSeconds(60);

    private final CrossBrokerCoordinator coordinator;
    private final LocalParticipant participant;
    private final ConsumerHandlers consumers;
    private final ExecutorService executor;
    private final List<AutoCloseable> owned = new ArrayList<>();
    private Participants participants;

    /**
     * Starts cross-broker transactions on a broker of a cluster: the coordinator of the transaction-log partitions
     * this broker leads (it creates the transaction log once the cluster can), and this broker as a participant.
     *
     * @param link how connections to other brokers are made (local address, cluster credentials, TLS)
     * @param replicas the transaction log's replication factor: it is created once that many brokers are members
     *        (the cluster caps a new destination's factor at the live brokers)
     */
    public static CrossBrokerTransactionHandlers start(ClusterView cluster, DestinationManager destinations,
                                                      PartitionAppender appender, SubscriptionManager subscriptions,
                                                      ConsumerHandlers consumers, PeerLink link,
                                                      int replicas, Clock clock) {
        ScheduledExecutorService coordination = Executors.newSingleThreadScheduledExecutor(daemon("logjms-txn-coordinator"));
        ExecutorService participation = Executors.newFixedThreadPool(2, daemon("logjms-txn-participant"));
        PeerClients peers = new PeerClients(cluster, link, "txn");
        LocalParticipant participant = new LocalParticipant(destinations, appender, subscriptions);
        TransactionParticipants participants = new TransactionParticipants(cluster, destinations, peers, participant,
                participation);
        CrossBrokerCoordinator coordinator = new CrossBrokerCoordinator(new TxnLogPartitions(destinations, appender, clock),
                participants, coordination,
                haltHook(System.getProperty(HALT_AFTER_DECISION_PROPERTY), participants, cluster.localNodeId()),
                Duration.ofMillis(50), Duration.ofSeconds(2), clock);
        coordination.scheduleWithFixedDelay(() -> {
            try {
                createLog(cluster, destinations, replicas);
                coordinator.tick();
            } catch (RuntimeException e) {
                log.debug("transaction coordination check failed: {}", e.toString());
            }
        }, 200, 200, TimeUnit.MILLISECONDS);
        HeldRecordsResolver resolver = new HeldRecordsResolver(subscriptions::subscriptions, id -> {
            int node = participants.coordinatorOf(id);
            if (node == Participants.NO_LEADER) {
                return CompletableFuture.failedFuture(new TransactionException(ErrorCode.LEADER_NOT_AVAILABLE,
                        "the coordinator of transaction " + id + " is not known now"));
            }
            return node == cluster.localNodeId() ? coordinator.resolve(id) : participants.resolveAt(node, id);
        }, HOLD_TIMEOUT.toMillis());
        coordination.scheduleWithFixedDelay(() -> {
            try {
                resolver.tick();
            } catch (RuntimeException e) {
                log.debug("the check of records held for transactions failed: {}", e.toString());
            }
        }, 1, 1, TimeUnit.SECONDS);
        CrossBrokerTransactionHandlers handlers = new CrossBrokerTransactionHandlers(coordinator, participant, consumers,
                participation);
        handlers.participants = participants;
        handlers.owned.add(peers);
        handlers.owned.add(() -> stop(coordination));
        handlers.owned.add(() -> stop(participation));
        return handlers;
    }

    private static void createLog(ClusterView cluster, DestinationManager destinations, int replicas) {
        if (destinations.find(TransactionTopic.ID).isPresent()
                || cluster.members().stream().filter(m -> m.alive()).count() < replicas) {
            return;
        }
        try {
            destinations.create(TransactionTopic.ID, TransactionTopic.PARTITIONS, TransactionTopic.SETTINGS, replicas);
            log.info("created the cluster's transaction log {}", TransactionTopic.ID);
        } catch (DestinationException e) {
            if (e.reason() != DestinationException.Reason.DESTINATION_EXISTS) {
                throw e;
            }
        }
    }

    private static CrossBrokerCoordinator.DecisionHook haltHook(String prefix, Participants participants, int self) {
        if (prefix == null || prefix.isEmpty()) {
            return CrossBrokerCoordinator.DecisionHook.NONE;
        }
        return (id, part) -> {
            // not when this broker leads a partition whose records the transaction acknowledges: a test can then
            // end the consumer's connection at that (live) leader while the decision waits for the next coordinator
            boolean leadsAnInput = part.acks().stream().anyMatch(a -> a.records().stream()
                    .anyMatch(r -> participants.leaderOf(a.destination(), r.partition()) == self));
            if (!leadsAnInput && part.produces().stream().anyMatch(p -> p.destination().name().startsWith(prefix))) {
                // straight to stderr (the process log), flushed: halt stops everything, asynchronous logging too
                System.err.println("logjms: " + HALT_AFTER_DECISION_PROPERTY + ": halting right after deciding"
                        + " transaction " + id + " (test setting)");
                System.err.flush();
                Runtime.getRuntime().halt(86);
            }
        };
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private static void stop(ExecutorService executor) throws InterruptedException {
        executor.shutdown();
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }

    /** The participants as this broker reaches them (the dead-letter queue forwards through them). */
    public Participants participants() {
        return participants;
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable c : owned) {
            c.close();
        }
    }

    /** @param executor runs this broker's shares (waits on subscriptions and files) */
    public CrossBrokerTransactionHandlers(CrossBrokerCoordinator coordinator, LocalParticipant participant,
                                          ConsumerHandlers consumers, ExecutorService executor) {
        this.coordinator = coordinator;
        this.participant = participant;
        this.consumers = consumers;
        this.executor = executor;
    }

    public void commit(ClientConnection connection, Frame request) {
        TxnCommitRequest req = TxnCommitRequest.readFrom(request.body());
        TxnPart part = TransactionParticipants.copy(req.part());
        answer(connection, request, coordinator.commit(req.id(), part));
    }

    public void apply(ClientConnection connection, Frame request) {
        TxnApplyRequest req = TxnApplyRequest.readFrom(request.body());
        TxnPart part = TransactionParticipants.copy(req.part());
        CompletableFuture<List<io.logjms.protocol.api.ProduceResponse>> done;
        if (req.mode() == TxnApplyRequest.CHECK) {
            done = CompletableFuture.supplyAsync(() -> {
                participant.check(req.id(), part);
                return List.of();
            }, executor);
        } else if (req.mode() == TxnApplyRequest.RELEASE) {
            done = CompletableFuture.supplyAsync(() -> {
                participant.release(req.id(), part);
                return List.of();
            }, executor);
        } else {
            done = CompletableFuture.supplyAsync(() -> participant.apply(part), executor).thenCompose(f -> f);
        }
        answer(connection, request, done);
    }

    /** {@code TXN_RESOLVE}: how a transaction this broker coordinates stands (aborting one never decided). */
    public void resolve(ClientConnection connection, Frame request) {
        TransactionId id = TxnResolve.readRequest(request.body());
        short api = request.rawApiKey();
        int correlationId = request.correlationId();
        connection.respondWhenDone(api, correlationId, coordinator.resolve(id),
                outcome -> out -> TxnResolve.writeResponse(out, outcome));
    }

    public void ackTargets(ClientConnection connection, Frame request) {
        List<Integer> ids = TxnAckTargets.readRequest(request.body());
        List<TxnAckTargets.Target> targets = new ArrayList<>(ids.size());
        try {
            for (int id : ids) {
                Subscription sub = consumers.attachment(connection, id).subscription();
                targets.add(new TxnAckTargets.Target(sub.id(), sub.destination()));
            }
        } catch (RuntimeException e) {
            connection.respondError(request.rawApiKey(), request.correlationId(), ErrorMapping.codeFor(e),
                    ErrorMapping.messageFor(e));
            return;
        }
        connection.respond(request.rawApiKey(), request.correlationId(),
                out -> TxnAckTargets.writeResponse(out, targets));
    }

    private static void answer(ClientConnection connection, Frame request,
                               CompletableFuture<List<io.logjms.protocol.api.ProduceResponse>> done) {
        short api = request.rawApiKey();
        int correlationId = request.correlationId();
        connection.respondWhenDone(api, correlationId, done, produced -> new CommitResponse(produced)::writeTo);
    }
}
