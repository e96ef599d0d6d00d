package io.logjms.provider;

import io.logjms.protocol.DestinationId;
import io.logjms.protocol.api.RecordRef;
import io.logjms.protocol.api.ReleaseRequest;
import io.logjms.protocol.api.SeekRequest;
import io.logjms.protocol.api.SubscribeRequest;
import io.logjms.protocol.api.SubscribeResponse;
import io.logjms.protocol.api.SubscriptionKind;
import io.logjms.provider.delivery.Delivery;
import io.logjms.selector.Selector;
import jakarta.jms.Destination;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The lifecycle of one session's consumers: subscribing them, closing them, and giving back what they
 * hold. A closed consumer whose records still wait for acknowledge, commit, recover or rollback (or
 * whose record a MessageListener is processing) keeps its subscription among the closing ones until
 * they are settled ({@link #finishClosing()}). Settling withdraws credit and releases records so that
 * recover, rollback, stop and seek leave the broker holding nothing for the consumers in flight.
 *
 * <p>Thread-safe: the lists are copy-on-write; what changes the consumers' flow runs under the
 * session's delivery lock ({@link SessionDelivery#exclusive}) or on the session's thread.
 */
final class SessionConsumers implements TransactionContext.Consumers {
    private final LogJmsSession session;
    private final LogJmsConnection connection;
    private final SessionDelivery delivery;
    private final SessionAcknowledgements acks;
    private final TransactionContext transaction;
    private final List<LogJmsMessageConsumer> consumers = new CopyOnWriteArrayList<>();
    /** Closed consumers whose subscription stays until their records are acknowledged or given back. */
    private final List<LogJmsMessageConsumer> closingConsumers = new CopyOnWriteArrayList<>();

    SessionConsumers(LogJmsSession session, SessionDelivery delivery, SessionAcknowledgements acks,
                     TransactionContext transaction) {
        this.session = session;
        this.connection = session.connection();
        this.delivery = delivery;
        this.acks = acks;
        this.transaction = transaction;
    }

    // ---- creating and closing ----

    /** Makes a consumer of the subscription and subscribes it at the broker; credit flows if the connection runs. */
    LogJmsMessageConsumer subscribe(Destination destination, Subscription subscription) throws JMSException {
        connection.checkUsable();
        if (Destinations.isTemporary(destination) && !connection.isOwnTemporary(destination)) {
            throw new InvalidDestinationException("temporary destination " + destination + " was created by another"
                    + " connection (or deleted); only its creating connection can consume from it");
        }
        Selector.parse(subscription.selector());
        DestinationId id = Destinations.idOf(destination);
        connection.partitionCount(destination, id);
        LogJmsMessageConsumer consumer = new LogJmsMessageConsumer(session, connection.nextSubscriptionId(),
                destination, id, subscription, connection.options().prefetch());
        DestinationOptions options = optionsOf(destination, subscription);
        connection.register(consumer);
        try {
            SubscribeResponse answer = ExceptionTranslator.await(connection.broker().subscribe(new SubscribeRequest(
                    consumer.subscriptionId(), id, subscription.kind(), subscription.name(), subscription.selector(),
                    subscription.noLocal(), options.start(subscription.startPosition()), options.startTimestamp(),
                    0)),
                    "subscribe to " + destination);
            consumer.subscribed(answer.positions());
        } catch (JMSException e) {
            connection.unregister(consumer.subscriptionId());
            throw e;
        }
        consumers.add(consumer);
        // after the add: a start() that runs meanwhile either sees the consumer or is seen here
        consumer.startFlow();
        return consumer;
    }

    /** The options the destination's name carries, checked against the kind of subscription. */
    private static DestinationOptions optionsOf(Destination destination, Subscription subscription)
            throws InvalidDestinationException {
        if (!(destination instanceof LogJmsDestination logJms)) {
            return DestinationOptions.NONE;
        }
        DestinationOptions options = logJms.options();
        if (options.hasStart() && subscription.kind() == SubscriptionKind.QUEUE) {
            throw new InvalidDestinationException("the option '" + DestinationOptions.START + "' of " + destination
                    + " applies to topic subscriptions; a queue is always consumed from its oldest unacknowledged"
                    + " message (move a queue's cursor with LogMessageConsumer.seek* or the admin tool)");
        }
        return options;
    }

    /** Closes a consumer; its subscription ends now, or once its consumed records are settled. */
    void close(LogJmsMessageConsumer consumer) throws JMSException {
        delivery.exclusive(() -> {
            if (consumer.isClosed() && !consumers.contains(consumer)) {
                return;
            }
            consumer.markClosed();
            connection.broker().withdrawCredit(consumer.subscriptionId());
            consumers.remove(consumer);
            closingConsumers.add(consumer);
            finishClosing();
        });
    }

    /** Ends the subscriptions of closed consumers that have nothing left to settle. */
    void finishClosing() throws JMSException {
        if (closingConsumers.isEmpty()) {
            return;
        }
        List<LogJmsMessageConsumer> finished = new ArrayList<>();
        for (LogJmsMessageConsumer consumer : closingConsumers) {
            int id = consumer.subscriptionId();
            boolean busy = acks.hasUnacknowledged(id) || transaction.holdsConsumed(id) || delivery.isInListener(id);
            if (!busy) {
                finished.add(consumer);
            }
        }
        if (finished.isEmpty()) {
            return;
        }
        closingConsumers.removeAll(finished);
        acks.flush();
        try {
            endSubscriptions(finished, List.of());
        } finally {
            finished.forEach(c -> connection.unregister(c.subscriptionId()));
        }
    }

    @Override
    public void transactionEnded() throws JMSException {
        finishClosing();
    }

    /**
     * Closes every consumer as the session closes (under the delivery lock): what the session consumed
     * and did not acknowledge or commit is given back, and every subscription ends.
     */
    void closeAll() throws JMSException {
        List<LogJmsMessageConsumer> all = new ArrayList<>(consumers);
        all.addAll(closingConsumers);
        try {
            acks.close();
            all.forEach(LogJmsMessageConsumer::markClosed);
            List<ReleaseRequest> consumed = new ArrayList<>(transaction.close());
            consumed.addAll(acks.takeConsumedForRelease());
            endSubscriptions(all, consumed);
        } finally {
            all.forEach(c -> connection.unregister(c.subscriptionId()));
            consumers.clear();
            closingConsumers.clear();
        }
    }

    /**
     * Gives back what the consumers hold and ends their subscriptions. A non-durable subscriber's
     * cursor dies with it, so what it holds is simply dropped.
     */
    private void endSubscriptions(List<LogJmsMessageConsumer> ending, List<ReleaseRequest> consumedReleases)
            throws JMSException {
        List<LogJmsMessageConsumer> keepingCursor = new ArrayList<>();
        for (LogJmsMessageConsumer consumer : ending) {
            if (consumer.subscription().kind() == SubscriptionKind.NON_DURABLE) {
                connection.broker().withdrawCredit(consumer.subscriptionId());
                consumer.buffer().drain();
            } else {
                keepingCursor.add(consumer);
            }
        }
        JMSException failure = null;
        try {
            settle(keepingCursor, consumedReleases);
        } catch (JMSException e) {
            failure = e;
        }
        List<CompletableFuture<Void>> answers = new ArrayList<>();
        for (LogJmsMessageConsumer consumer : ending) {
            answers.add(connection.broker().unsubscribe(consumer.subscriptionId()));
        }
        try {
            awaitAll(answers, "close a consumer");
        } catch (JMSException e) {
            failure = failure == null ? e : failure;
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Partitions of a consumer's subscription moved to another broker (cluster; null: all of them): what the session
     * received of them and did not acknowledge comes again from the new leader, so it is forgotten
     * (CLIENT_ACKNOWLEDGE: a later acknowledge() covers the rest; a transaction that received some can no longer
     * commit).
     */
    void partitionsMoving(int subscriptionId, java.util.Set<Integer> partitions) {
        acks.forgetPartitions(subscriptionId, partitions);
        transaction.onPartitionsMoved(subscriptionId, partitions);
    }

    // ---- giving back ----

    /**
     * Gives records back for redelivery, in order: consumed records (delivered) and everything the
     * consumers hold ahead (not delivered); then lets the open consumers receive again.
     */
    @Override
    public void giveBack(List<ReleaseRequest> consumedReleases) throws JMSException {
        List<LogJmsMessageConsumer> affected = new ArrayList<>(consumers);
        affected.addAll(closingConsumers);
        settle(affected, consumedReleases);
        for (LogJmsMessageConsumer consumer : consumers) {
            consumer.restart();
            consumer.resumeFlow();
        }
    }

    /**
     * Brings consumers to a standstill and releases records. Their credit is withdrawn first, so the
     * broker sends them nothing more; then the consumed records are released as delivered and what
     * the consumers hold ahead as not delivered. Records the broker pushed before it saw the
     * withdrawal arrive before its answers, and are released in a second round. Afterwards the
     * consumers' buffers are empty and the broker holds nothing for them in flight but what the
     * application has (and acknowledges or closes with).
     */
    private void settle(List<LogJmsMessageConsumer> affected, List<ReleaseRequest> consumedReleases)
            throws JMSException {
        for (LogJmsMessageConsumer consumer : affected) {
            connection.broker().withdrawCredit(consumer.subscriptionId());
        }
        List<CompletableFuture<Void>> answers = new ArrayList<>();
        for (ReleaseRequest release : consumedReleases) {
            answers.add(connection.broker().release(release));
        }
        for (LogJmsMessageConsumer consumer : affected) {
            answers.add(releaseBuffered(consumer));
        }
        awaitAll(answers, "give messages back for redelivery");
        answers.clear();
        for (LogJmsMessageConsumer consumer : affected) {
            if (consumer.buffer().size() > 0) {
                answers.add(releaseBuffered(consumer));
            }
        }
        awaitAll(answers, "give messages back for redelivery");
    }

    /** Releases, as not delivered, what the consumer holds ahead (possibly nothing: the answer is a barrier). */
    private CompletableFuture<Void> releaseBuffered(LogJmsMessageConsumer consumer) {
        List<Delivery> buffered = consumer.buffer().drain();
        List<RecordRef> refs = new ArrayList<>(buffered.size());
        for (Delivery d : buffered) {
            refs.add(d.ref());
        }
        return connection.broker().release(new ReleaseRequest(consumer.subscriptionId(), false, refs));
    }

    private static void awaitAll(List<CompletableFuture<Void>> answers, String what) throws JMSException {
        JMSException first = null;
        for (CompletableFuture<Void> answer : answers) {
            try {
                ExceptionTranslator.await(answer, what);
            } catch (JMSException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    // ---- connection start and stop ----

    void onConnectionStarted() {
        for (LogJmsMessageConsumer consumer : consumers) {
            consumer.startFlow();
            consumer.wakeUp();
            if (consumer.listener() != null) {
                delivery.scheduleListenerDeliveries(consumer, consumer.buffer().size());
            }
        }
    }

    /**
     * Waits for a running MessageListener to return (the connection is already marked stopped), then
     * withdraws the consumers' credit and gives back, not delivered, what they hold ahead: a stopped
     * connection's consumers hold nothing a queue's other consumers could receive.
     */
    void onConnectionStopped() throws JMSException {
        delivery.exclusive(() -> {
            acks.flush();
            if (session.isClosed()) {
                return;
            }
            List<LogJmsMessageConsumer> open = new ArrayList<>(consumers);
            open.forEach(LogJmsMessageConsumer::stopFlow);
            settle(open, List.of());
            open.forEach(LogJmsMessageConsumer::restart);
            // a start() from another thread may have run meanwhile and found credit still flowing
            open.forEach(LogJmsMessageConsumer::startFlow);
        });
    }

    // ---- log extensions ----

    /**
     * Moves a consumer's subscription: the consumer is brought to a standstill and what it holds ahead
     * is given back, then the broker moves the cursor and the consumer starts again from the new
     * positions. What the session processed so far is acknowledged first (AUTO and DUPS_OK).
     */
    void seek(LogJmsMessageConsumer consumer, SeekRequest request) throws JMSException {
        delivery.exclusive(() -> {
            session.checkOpen();
            connection.checkUsable();
            acks.flush();
            settle(List.of(consumer), List.of());
            SubscribeResponse answer;
            try {
                answer = ExceptionTranslator.await(connection.broker().seek(request),
                        "seek " + consumer.destinationId());
            } catch (JMSException e) {
                consumer.restart();
                consumer.resumeFlow();
                throw e;
            }
            consumer.restart();
            consumer.subscribed(answer.positions());
            consumer.resumeFlow();
        });
    }

    /**
     * The next offset the consumer hands to the application, by partition: the first record it holds;
     * else, for a subscription of its own, the record after the last one it handed out (records may be
     * on their way, so the broker's read position would be ahead); else the broker's position.
     */
    Map<Integer, Long> positions(LogJmsMessageConsumer consumer) throws JMSException {
        connection.checkUsable();
        Map<Integer, Long> positions = consumer.positionsSinceSubscribed();
        if (positions == null) {
            positions = ExceptionTranslator.await(connection.broker().positions(consumer.subscriptionId()),
                    "read the positions of " + consumer.destinationId()).positions();
        }
        Map<Integer, Long> result = new TreeMap<>(positions);
        Map<Integer, Long> firstHeld = new TreeMap<>();
        for (Delivery d : consumer.buffer().snapshot()) {
            if (!consumer.isAlreadyPassed(d)) {
                firstHeld.merge(d.partition(), d.record().offset(), Math::min);
            }
        }
        result.putAll(firstHeld);
        return Collections.unmodifiableMap(result);
    }
}
