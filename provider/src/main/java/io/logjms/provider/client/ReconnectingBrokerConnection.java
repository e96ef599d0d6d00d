package io.logjms.provider.client;

import io.logjms.protocol.ApiKey;
import io.logjms.protocol.DestinationId;
import io.logjms.protocol.api.AckRequest;
import io.logjms.protocol.api.BrowseRequest;
import io.logjms.protocol.api.BrowseResponse;
import io.logjms.protocol.api.CommitResponse;
import io.logjms.protocol.api.CreateDestinationRequest;
import io.logjms.protocol.api.DeliveredRecord;
import io.logjms.protocol.api.InitProducerRequest;
import io.logjms.protocol.api.InitProducerResponse;
import io.logjms.protocol.api.MetadataResponse;
import io.logjms.protocol.api.ProduceResponse;
import io.logjms.protocol.api.ReleaseRequest;
import io.logjms.protocol.api.SeekRequest;
import io.logjms.protocol.api.SubscribeRequest;
import io.logjms.protocol.api.SubscribeResponse;
import io.logjms.protocol.api.SubscriptionClosedNotice;
import io.logjms.protocol.api.XaResponse;
import io.logjms.provider.client.PendingCall.OnLoss;
import io.logjms.provider.config.BrokerAddress;
import io.netty.buffer.ByteBuf;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link BrokerConnection} that survives the loss of the connection beneath it, as Qpid JMS's
 * failover provider does: the JMS objects keep talking to this one object while it replaces the
 * connection. When the connection is lost (closed, or a request or heartbeat unanswered past the request
 * timeout) it reconnects with {@link ReconnectBackoff back-off}, trying the brokers in turn, restores
 * what the connection had set up ({@link StateRestorer}) and sends the requests that are still
 * unanswered again, in their original order and with the same bytes. Only when the reconnect timeout
 * runs out does {@link BrokerEvents#onConnectionLost} reach the JMS layer, and the unanswered requests
 * fail.
 *
 * <p>While reconnecting, requests wait; one-way frames (credit, batched acknowledgements) are dropped,
 * since the restored subscriptions start with a fresh window and the records they would acknowledge
 * come again. Thread-safe: one lock guards the state; the application's futures are completed outside
 * it, because their callbacks take other locks (a session's produce queue) that threads calling in
 * here may hold.
 */
public final class ReconnectingBrokerConnection implements BrokerConnection {
    private static final Logger LOG = LoggerFactory.getLogger(ReconnectingBrokerConnection.class);

    /** Opens a connection to one broker and performs the handshake. */
    @FunctionalInterface
    public interface Opener {
        BrokerConnection open(BrokerAddress broker, BrokerEvents events) throws Exception;
    }

    private enum Status { CONNECTED, RECONNECTING, FAILED, CLOSED }

    /** The brokers to try, asked again at every attempt (a cluster's addresses change as brokers restart). */
    private final Supplier<List<BrokerAddress>> brokers;
    private final Opener opener;
    private final BrokerEvents events;
    private final ReconnectBackoff backoff;
    private final ReconnectScheduler scheduler;
    private final Object lock = new Object();
    private final RestorableState state = new RestorableState();
    private final UnansweredCalls unanswered = new UnansweredCalls();
    private final String connectionId;

    private long nextSequence;
    private boolean stopReconnecting;
    private Status status = Status.CONNECTED;
    private BrokerConnection current;
    /** The router of the connection whose pushes reach the JMS layer; read without the lock on every push. */
    private volatile ConnectionRouter currentRouter;
    /** The connection being restored, which one-way frames of restored subscriptions already use. */
    private BrokerConnection restoring;
    private int generation;
    private int brokerIndex;
    private int attempt;
    private long lostAtMillis;
    private Throwable lastFailure;

    private ReconnectingBrokerConnection(Supplier<List<BrokerAddress>> brokers, Opener opener, BrokerEvents events,
                                         ReconnectBackoff backoff, ReconnectScheduler scheduler,
                                         BrokerConnection first, ConnectionRouter firstRouter) {
        this.brokers = brokers;
        this.opener = opener;
        this.events = events;
        this.backoff = backoff;
        this.scheduler = scheduler;
        this.current = first;
        this.currentRouter = firstRouter;
        this.connectionId = first.connectionId();
    }

    /**
     * Connects to the first broker of {@code brokers} that answers, then reconnects on loss, asking
     * {@code brokers} again before every attempt.
     */
    public static ReconnectingBrokerConnection connect(Supplier<List<BrokerAddress>> brokerList, Opener opener,
                                                       BrokerEvents events, ReconnectBackoff backoff,
                                                       ReconnectScheduler scheduler)
            throws BrokerUnreachableException, InterruptedException {
        ConnectFailures failures = new ConnectFailures();
        List<BrokerAddress> brokers = brokerList.get();
        for (int i = 0; i < brokers.size(); i++) {
            ConnectionRouter router = new ConnectionRouter();
            try {
                BrokerConnection first = opener.open(brokers.get(i), router);
                ReconnectingBrokerConnection connection = new ReconnectingBrokerConnection(brokerList, opener,
                        events, backoff, scheduler, first, router);
                connection.brokerIndex = i;
                router.bind(connection);
                if (!first.isOpen()) {
                    connection.lost(router, new ConnectionLostException("the connection closed right after the"
                            + " handshake", null));
                }
                return connection;
            } catch (ProtocolErrorException refused) {
                throw refused;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                failures.add(brokers.get(i), e);
            }
        }
        throw failures.exception();
    }

    // ---- requests ----

    @Override
    public String connectionId() {
        return connectionId;
    }

    @Override
    public String currentConnectionId() {
        synchronized (lock) {
            return current.connectionId();
        }
    }

    @Override
    public String brokerId() {
        synchronized (lock) {
            return current.brokerId();
        }
    }

    @Override
    public int maxBatchBytes() {
        synchronized (lock) {
            return current.maxBatchBytes();
        }
    }

    @Override
    public int maxFrameBytes() {
        synchronized (lock) {
            return current.maxFrameBytes();
        }
    }

    @Override
    public CompletableFuture<Void> setClientId(String clientId) {
        return call("set the client id", c -> c.setClientId(clientId), OnLoss.RESEND, r -> state.clientIdSet(clientId));
    }

    @Override
    public CompletableFuture<MetadataResponse> metadata(List<DestinationId> destinations, boolean autoCreate) {
        return call("read metadata", c -> c.metadata(destinations, autoCreate), OnLoss.RESEND, null);
    }

    @Override
    public CompletableFuture<Void> createDestination(CreateDestinationRequest request) {
        return call("create " + request.destination(), c -> c.createDestination(request), OnLoss.RESEND,
                r -> state.created(request));
    }

    @Override
    public CompletableFuture<Void> deleteDestination(DestinationId destination) {
        return call("delete " + destination, c -> c.deleteDestination(destination), OnLoss.RESEND,
                r -> state.deleted(destination));
    }

    /** Sent again after a reconnect with the same batch bytes, so the broker can recognise a duplicate. */
    @Override
    public CompletableFuture<ProduceResponse> produce(OutgoingBatch batch) {
        return call("produce", c -> c.produce(batch), OnLoss.RESEND, null);
    }

    /**
     * Like {@link #produce}, but a lost connection fails the request with a {@link ConnectionLostException} (at
     * once while reconnecting) instead of sending it again here: the caller sends it to the partition's leader,
     * wherever that is now.
     */
    CompletableFuture<ProduceResponse> produceOrReturn(OutgoingBatch batch) {
        return call("produce", c -> c.produce(batch), OnLoss.RETURN, null);
    }

    @Override
    public CompletableFuture<InitProducerResponse> initProducer(InitProducerRequest request) {
        // asking again is harmless: an unanswered request for a new id only leaves an id unused
        return call("get a producer id", c -> c.initProducer(request), OnLoss.RESEND, null);
    }

    @Override
    public CompletableFuture<SubscribeResponse> subscribe(SubscribeRequest request) {
        return call("subscribe", c -> c.subscribe(request), OnLoss.RESEND, r -> state.subscribed(request));
    }

    @Override
    public void grantCredit(int subscriptionId, int credit) {
        BrokerConnection target;
        synchronized (lock) {
            state.creditGranted(subscriptionId, credit);
            target = oneWayTarget();
        }
        if (target != null) {
            target.grantCredit(subscriptionId, credit);
        }
    }

    @Override
    public void withdrawCredit(int subscriptionId) {
        BrokerConnection target;
        synchronized (lock) {
            state.creditWithdrawn(subscriptionId);
            target = oneWayTarget();
        }
        if (target != null) {
            target.withdrawCredit(subscriptionId);
        }
    }

    @Override
    public CompletableFuture<Void> unsubscribe(int subscriptionId) {
        synchronized (lock) {
            state.unsubscribed(subscriptionId);
        }
        return call("unsubscribe", c -> c.unsubscribe(subscriptionId), OnLoss.SETTLED, null);
    }

    @Override
    public CompletableFuture<Void> acknowledge(AckRequest request) {
        return call("acknowledge", c -> c.acknowledge(request), OnLoss.SETTLED, null);
    }

    @Override
    public void acknowledgeOneWay(AckRequest request) {
        BrokerConnection target;
        synchronized (lock) {
            target = oneWayTarget();
        }
        if (target != null) {
            target.acknowledgeOneWay(request);
        }
    }

    @Override
    public CompletableFuture<Void> release(ReleaseRequest request) {
        return call("release", c -> c.release(request), OnLoss.SETTLED, null);
    }

    @Override
    public CompletableFuture<CommitResponse> commit(List<OutgoingBatch> batches, List<AckRequest> acks) {
        return call("commit", c -> c.commit(batches, acks), acks.isEmpty() ? OnLoss.RESEND : OnLoss.FAIL, null);
    }

    @Override
    public <T> CompletableFuture<T> request(ApiKey api, Consumer<ByteBuf> body, Function<ByteBuf, T> reader) {
        return call(api.name(), c -> c.request(api, body, reader), OnLoss.RETURN, null);
    }

    @Override
    public CompletableFuture<XaResponse> xa(XaCall call) {
        return call(call.request().name(), c -> c.xa(call), call.onLoss(), null);
    }

    @Override
    public CompletableFuture<BrowseResponse> browse(BrowseRequest request) {
        return call("browse", c -> c.browse(request), OnLoss.RESEND, null);
    }

    @Override
    public CompletableFuture<Void> deleteSubscription(String name) {
        return call("delete subscription " + name, c -> c.deleteSubscription(name), OnLoss.RESEND, null);
    }

    @Override
    public CompletableFuture<SubscribeResponse> seek(SeekRequest request) {
        return call("seek", c -> c.seek(request), OnLoss.RESEND, null);
    }

    @Override
    public CompletableFuture<SubscribeResponse> positions(int subscriptionId) {
        return call("read positions", c -> c.positions(subscriptionId), OnLoss.RESEND, null);
    }

    /** Open until closed or until reconnecting gave up; reconnecting counts as open. */
    @Override
    public boolean isOpen() {
        synchronized (lock) {
            return status == Status.CONNECTED || status == Status.RECONNECTING;
        }
    }

    /** Whether the connection is lost and being re-established right now. */
    public boolean isReconnecting() {
        synchronized (lock) {
            return status == Status.RECONNECTING;
        }
    }

    @Override
    public void stopReconnecting() {
        synchronized (lock) {
            stopReconnecting = true;
        }
        giveUp();
    }

    /** Closes the connection; when reconnecting, stops at once and fails what is pending. */
    @Override
    public void close() {
        BrokerConnection toClose;
        List<PendingCall<?>> failing;
        synchronized (lock) {
            if (status == Status.CLOSED) {
                return;
            }
            boolean wasConnected = status == Status.CONNECTED;
            status = Status.CLOSED;
            toClose = wasConnected ? current : restoring;
            failing = unanswered.takeAll();
        }
        if (toClose != null) {
            toClose.close();
        }
        ConnectionLostException closed = new ConnectionLostException("the connection was closed", null);
        failing.forEach(c -> c.finish(null, closed));
    }

    // ---- calls ----

    <T> CompletableFuture<T> call(String what, Function<BrokerConnection, CompletableFuture<T>> request,
                                          OnLoss onLoss, Consumer<T> onSuccess) {
        PendingCall<T> call;
        BrokerConnection target = null;
        int sentOn = -1;
        Throwable refused = null;
        boolean settled = false;
        synchronized (lock) {
            call = new PendingCall<>(nextSequence++, what, request, onLoss, onSuccess, generation);
            if (status == Status.CLOSED || status == Status.FAILED) {
                refused = closedFailure();
            } else if (status == Status.RECONNECTING && onLoss == OnLoss.SETTLED) {
                settled = true;
            } else if (status == Status.RECONNECTING && onLoss == OnLoss.RETURN) {
                refused = new ConnectionLostException("the connection to the broker is being re-established",
                        lastFailure);
            } else {
                unanswered.add(call);
                if (status == Status.CONNECTED) {
                    target = current;
                    sentOn = generation;
                    call.sentOn = sentOn;
                }
            }
        }
        if (refused != null || settled) {
            call.finish(null, refused);
        } else if (target != null) {
            send(call, target, sentOn);
        }
        return call.result;
    }

    private <T> void send(PendingCall<T> call, BrokerConnection target, int sentOn) {
        CompletableFuture<T> answer;
        try {
            answer = call.request.apply(target);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenComplete((value, error) -> answered(call, sentOn, value, error));
    }

    private <T> void answered(PendingCall<T> call, int sentOn, T value, Throwable error) {
        Throwable cause = LeaderErrors.unwrap(error);
        boolean lossOfConnection = cause instanceof ConnectionLostException || cause instanceof TimeoutException;
        Object result = value;
        Throwable failure = cause;
        synchronized (lock) {
            if (!unanswered.awaits(call, sentOn)) {
                return; // failed by close or give-up already, or answered on a connection since replaced
            }
            if (lossOfConnection && status != Status.CLOSED && status != Status.FAILED) {
                if (sentOn == generation && status == Status.CONNECTED) {
                    startReconnecting(cause);
                }
                switch (call.onLoss) {
                    case RESEND -> {
                        call.sentOn = -1;
                        return;
                    }
                    case SETTLED -> failure = null;
                    case FAIL -> failure = new TransactionLostException("the connection to the broker was lost"
                            + " while the commit was in flight; whether it was applied is unknown", true);
                    case RETURN -> failure = ConnectionLostException.after(cause);
                }
                result = null;
            } else if (failure == null && call.onSuccess != null) {
                call.onSuccess.accept(value);
            }
            unanswered.remove(call);
        }
        call.finish(result, failure);
    }

    /** Where credit and one-way acknowledgements go now: the live connection, or none while reconnecting. */
    private BrokerConnection oneWayTarget() {
        return status == Status.CONNECTED ? current : status == Status.RECONNECTING ? restoring : null;
    }

    private Throwable closedFailure() {
        if (status == Status.FAILED && stopReconnecting) {
            return new ConnectionLostException("the connection to the broker was lost while the connection was"
                    + " being closed", lastFailure);
        }
        if (status == Status.FAILED) {
            return new ConnectionLostException("the connection to the broker was lost and could not be re-established"
                    + " within reconnectTimeout (" + backoff.timeoutMillis() + " ms)", lastFailure);
        }
        return new ConnectionLostException("the connection was closed", null);
    }

    // ---- losing and reconnecting ----

    /** The connection of {@code router} was lost. */
    boolean isCurrentRouter(ConnectionRouter router) {
        return currentRouter == router;
    }

    BrokerEvents events() {
        return events;
    }

    void lost(ConnectionRouter router, Throwable cause) {
        synchronized (lock) {
            if (router != currentRouter || status != Status.CONNECTED) {
                return;
            }
            startReconnecting(cause);
        }
    }

    /** Called holding the lock, once per loss. */
    private void startReconnecting(Throwable cause) {
        status = Status.RECONNECTING;
        if (stopReconnecting) {
            lastFailure = cause;
            scheduler.schedule(this::giveUp, 0);
            return;
        }
        currentRouter = null;
        lostAtMillis = scheduler.nowMillis();
        attempt = 0;
        lastFailure = cause;
        List<PendingCall<?>> returned = unanswered.connectionLost();
        if (!returned.isEmpty()) {
            Throwable failure = ConnectionLostException.after(cause);
            scheduler.schedule(() -> returned.forEach(c -> c.finish(null, failure)), 0);
        }
        BrokerConnection old = current;
        LOG.warn("lost the connection to the logjms broker ({}); reconnecting for up to {} ms",
                cause == null ? "closed" : cause.getMessage(), backoff.timeoutMillis());
        scheduler.schedule(() -> {
            old.close();
            events.onConnectionInterrupted(cause);
            tryReconnect();
        }, backoff.pauseBefore(0));
    }

    private void scheduleAttempt() {
        long pause = backoff.next(attempt, scheduler.nowMillis() - lostAtMillis);
        if (pause < 0) {
            giveUp();
            return;
        }
        scheduler.schedule(this::tryReconnect, pause);
    }

    private void tryReconnect() {
        BrokerAddress broker;
        ConnectionRouter router = new ConnectionRouter();
        synchronized (lock) {
            if (status != Status.RECONNECTING) {
                return;
            }
            List<BrokerAddress> candidates = brokers.get();
            broker = candidates.get(Math.floorMod(brokerIndex + attempt, candidates.size()));
            attempt++;
            currentRouter = router;
        }
        BrokerConnection fresh = null;
        try {
            fresh = opener.open(broker, router);
            router.bind(this);
            synchronized (lock) {
                if (status != Status.RECONNECTING) {
                    fresh.close();
                    return;
                }
                restoring = fresh;
            }
            RestorableState.Snapshot snapshot;
            synchronized (lock) {
                snapshot = state.snapshot();
            }
            new StateRestorer(fresh, events, this::stillSubscribed).restore(snapshot);
            finishReconnect(fresh, broker);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failedAttempt(fresh, broker, e);
        } catch (Exception e) {
            failedAttempt(fresh, broker, e);
        }
    }

    private boolean stillSubscribed(int subscriptionId) {
        synchronized (lock) {
            return state.isSubscribed(subscriptionId);
        }
    }

    private void failedAttempt(BrokerConnection fresh, BrokerAddress broker, Exception e) {
        if (fresh != null) {
            fresh.close();
        }
        synchronized (lock) {
            restoring = null;
            if (status != Status.RECONNECTING) {
                return;
            }
            lastFailure = e;
            LOG.info("reconnect attempt {} to {} failed: {}", attempt, broker, e.toString());
            scheduleAttempt();
        }
    }

    /** Makes the restored connection current and sends the unanswered requests again, in order. */
    private void finishReconnect(BrokerConnection fresh, BrokerAddress broker) {
        UnansweredCalls.Restored restored;
        synchronized (lock) {
            restoring = null;
            if (status != Status.RECONNECTING) {
                fresh.close();
                return;
            }
            generation++;
            int sentOn = generation;
            state.forgetTemporaryDestinations();
            current = fresh;
            status = Status.CONNECTED;
            brokerIndex = Math.max(0, brokers.get().indexOf(broker));
            restored = unanswered.connectionRestored(sentOn);
            // sent while holding the lock, so a request made now cannot overtake one made before the loss
            for (PendingCall<?> call : restored.resend()) {
                send(call, fresh, sentOn);
            }
        }
        LOG.warn("reconnected to the logjms broker at {}; {} unanswered requests sent again", broker,
                restored.resend().size());
        TransactionLostException rolledBack = new TransactionLostException("the connection to the broker was lost"
                + " before the commit was sent; the transaction's received messages went back to the broker", false);
        restored.lostCommits().forEach(c -> c.finish(null, rolledBack));
        events.onConnectionRestored();
    }

    private void giveUp() {
        List<PendingCall<?>> failing;
        Throwable cause;
        synchronized (lock) {
            if (status != Status.RECONNECTING) {
                return;
            }
            status = Status.FAILED;
            failing = unanswered.takeAll();
            cause = closedFailure();
        }
        LOG.error("giving up reconnecting to the logjms broker: {}", cause.getMessage());
        failing.forEach(c -> c.finish(null, cause));
        events.onConnectionLost(cause);
    }
}
