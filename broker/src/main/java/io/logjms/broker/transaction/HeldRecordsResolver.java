package io.logjms.broker.transaction;

import io.logjms.broker.subscription.Subscription;
import io.logjms.protocol.api.RecordRef;
import io.logjms.protocol.api.TransactionId;
import io.logjms.protocol.api.TxnResolve;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends the holds of transactions that hold records on this broker for longer than the hold timeout (see
 * {@code docs/CLUSTER.md}, "Transactions in a cluster"): their coordinator is asked how each stands
 * ({@link CrossBrokerCoordinator#resolve}); a completed one's records are marked done, an aborted one's (the question
 * aborts one that was never decided) given back for delivery, and a pending one (decided, being applied) keeps them.
 * A hold normally ends long before: applied with the transaction, or given back when the commit is refused; this is
 * for a coordinator and a client that both died before the decision. Thread-safe.
 */
public final class HeldRecordsResolver {
    private static final Logger log = LoggerFactory.getLogger(HeldRecordsResolver.class);

    /** The coordinator of a transaction, as this broker reaches it. */
    @FunctionalInterface
    public interface Coordinators {
        CompletableFuture<TxnResolve.Outcome> resolve(TransactionId id);
    }

    private final Supplier<? extends Collection<Subscription>> subscriptions;
    private final Coordinators coordinators;
    private final long timeoutMs;
    private final Set<TransactionId> asking = ConcurrentHashMap.newKeySet();

    /**
     * @param subscriptions the subscriptions open here now
     * @param timeoutMs how long a transaction holds records here before its coordinator is asked
     */
    public HeldRecordsResolver(Supplier<? extends Collection<Subscription>> subscriptions, Coordinators coordinators,
                               long timeoutMs) {
        this.subscriptions = subscriptions;
        this.coordinators = coordinators;
        this.timeoutMs = timeoutMs;
    }

    /** Asks about every transaction holding records here for the timeout or longer; does not wait for the answers. */
    public void tick() {
        for (Subscription sub : subscriptions.get()) {
            sub.heldForTransactions(timeoutMs).thenAccept(held -> ask(sub, held));
        }
    }

    private void ask(Subscription sub, Map<TransactionId, List<RecordRef>> held) {
        held.forEach((id, records) -> {
            if (asking.add(id)) {
                resolve(sub, id, records).whenComplete((v, e) -> asking.remove(id));
            }
        });
    }

    private CompletableFuture<Void> resolve(Subscription sub, TransactionId id, List<RecordRef> records) {
        return coordinators.resolve(id).thenCompose(outcome -> switch (outcome) {
            case PENDING -> CompletableFuture.<Void>completedFuture(null);
            case COMPLETED -> {
                log.info("{}: transaction {} is complete; its {} held record(s) are done", sub, id, records.size());
                yield sub.ackForTransaction(records);
            }
            case ABORTED -> {
                log.info("{}: transaction {} was not decided within the hold timeout and is aborted; its {} held"
                        + " record(s) go back for delivery", sub, id, records.size());
                yield sub.releaseForTransaction(id, records);
            }
        }).exceptionally(e -> {
            log.debug("{}: could not resolve transaction {} yet: {}", sub, id, e.toString());
            return null;
        });
    }
}
