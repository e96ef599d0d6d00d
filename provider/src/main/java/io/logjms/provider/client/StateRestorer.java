package io.logjms.provider.client;

import io.logjms.protocol.ErrorCode;
import io.logjms.protocol.api.CreateDestinationRequest;
import io.logjms.protocol.api.SeekMode;
import io.logjms.protocol.api.SeekRequest;
import io.logjms.protocol.api.SubscribeRequest;
import io.logjms.protocol.api.SubscribeResponse;
import io.logjms.protocol.api.SubscriptionClosedNotice;
import io.logjms.protocol.DestinationId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.IntPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets up on a new connection what the lost one had: the client id and the subscriptions (under the
 * same ids, chosen by the client). Temporary destinations end with the connection that made them (the
 * broker deletes them, and their names belong to that connection): their loss is reported and the
 * subscriptions on them are closed. A subscription the
 * JMS layer can resume at explicit offsets (a non-durable subscriber: right after the last record it
 * handed to the application) is subscribed without credit and moved there with SEEK before it gets
 * credit; the others resume from their state on the broker. Blocking: runs on a reconnect thread.
 */
final class StateRestorer {
    private static final Logger LOG = LoggerFactory.getLogger(StateRestorer.class);

    private final BrokerConnection connection;
    private final BrokerEvents events;
    private final IntPredicate stillSubscribed;

    StateRestorer(BrokerConnection connection, BrokerEvents events, IntPredicate stillSubscribed) {
        this.connection = connection;
        this.events = events;
        this.stillSubscribed = stillSubscribed;
    }

    /**
     * @throws ConnectionLostException or another failure when this connection is lost too: the caller
     *     tries again on the next one
     */
    void restore(RestorableState.Snapshot snapshot) throws Exception {
        if (snapshot.clientId() != null) {
            await(connection.setClientId(snapshot.clientId()));
        }
        events.onReconnected();
        Set<DestinationId> lostTemporaries = new HashSet<>();
        for (CreateDestinationRequest temporary : snapshot.temporaryDestinations()) {
            lostTemporaries.add(temporary.destination());
        }
        if (!lostTemporaries.isEmpty()) {
            events.onTemporaryDestinationsLost(List.copyOf(lostTemporaries));
        }
        for (RestorableState.OpenSubscription open : snapshot.subscriptions()) {
            if (lostTemporaries.contains(open.request().destination())) {
                events.onSubscriptionClosed(new SubscriptionClosedNotice(open.request().subscriptionId(),
                        ErrorCode.UNKNOWN_DESTINATION, "temporary destination " + open.request().destination().name()
                        + " ended with the lost connection to the broker"));
            } else {
                restore(open);
            }
        }
    }

    private void restore(RestorableState.OpenSubscription open) throws Exception {
        SubscribeRequest original = open.request();
        int id = original.subscriptionId();
        Map<Integer, Long> resumeAt = events.resumePositions(id);
        SubscribeRequest withoutCredit = original.withInitialCredit(0);
        Map<Integer, Long> positions;
        try {
            positions = new TreeMap<>(await(connection.subscribe(withoutCredit)).positions());
            if (resumeAt != null) {
                for (Map.Entry<Integer, Long> e : resumeAt.entrySet()) {
                    if (!original.partitions().isEmpty() && !original.partitions().contains(e.getKey())) {
                        continue; // another broker serves that partition of the subscription
                    }
                    positions.put(e.getKey(), seek(original, e.getKey(), e.getValue()));
                }
            }
        } catch (ProtocolErrorException refused) {
            LOG.warn("could not restore the subscription to {} after reconnecting: {}", original.destination(),
                    refused.getMessage());
            events.onSubscriptionClosed(new SubscriptionClosedNotice(id, refused.error(),
                    "could not subscribe again after reconnecting: " + refused.getMessage()));
            return;
        }
        if (!stillSubscribed.test(id)) {
            connection.unsubscribe(id);
            return;
        }
        events.onSubscriptionRestored(id, positions);
        if (!open.creditWithdrawn() && open.window() > 0) {
            connection.grantCredit(id, open.window());
        }
    }

    /** Moves one partition to {@code offset}; where retention removed it, to the log start, logging the gap. */
    private long seek(SubscribeRequest subscription, int partition, long offset) throws Exception {
        SubscribeResponse answer = await(connection.seek(new SeekRequest(subscription.subscriptionId(),
                SeekMode.OFFSET, offset, partition)));
        long now = answer.positions().getOrDefault(partition, offset);
        if (now > offset) {
            LOG.warn("{} partition {}: records {} to {} were removed by retention while reconnecting; the subscriber"
                    + " continues at {}", subscription.destination(), partition, offset, now - 1, now);
        } else if (now < offset) {
            LOG.warn("{} partition {}: the log now ends at {}, before {} where the subscriber was; it continues"
                    + " at the log end", subscription.destination(), partition, now, offset);
        }
        return now;
    }

    private static <T> T await(CompletableFuture<T> future) throws Exception {
        try {
            return future.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            throw e;
        }
    }
}
