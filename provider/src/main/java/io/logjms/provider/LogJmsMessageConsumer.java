package io.logjms.provider;

import io.logjms.protocol.DestinationId;
import io.logjms.protocol.api.DeliveredRecord;
import io.logjms.protocol.api.SeekMode;
import io.logjms.protocol.api.SeekRequest;
import io.logjms.provider.delivery.CreditWindow;
import io.logjms.provider.delivery.Delivery;
import io.logjms.provider.delivery.PrefetchBuffer;
import jakarta.jms.Destination;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.Queue;
import jakarta.jms.QueueReceiver;
import jakarta.jms.Topic;
import jakarta.jms.TopicSubscriber;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A consumer of one subscription: it buffers what the broker pushes (at most its prefetch, the credit
 * it grants) and hands it to {@link #receive} or to its {@link MessageListener} through its session,
 * which owns acknowledgement. Also serves as the legacy {@link QueueReceiver} and {@link TopicSubscriber},
 * and moves through the log as a {@link LogMessageConsumer}.
 *
 * <p>Like its session, not for concurrent use, except {@link #close()}.
 */
public class LogJmsMessageConsumer implements LogMessageConsumer, QueueReceiver, TopicSubscriber {
    private final LogJmsSession session;
    private final int subscriptionId;
    private final Destination destination;
    private final DestinationId destinationId;
    private final Subscription subscription;
    private final PrefetchBuffer buffer = new PrefetchBuffer();
    private final CreditWindow credit;
    /**
     * Guards {@link #flowing} and orders the CREDIT notices of this consumer: a grant and a withdrawal
     * sent from two threads (a receive and {@code Connection.stop}) must reach the broker in the order
     * the state changed.
     */
    private final Object flowLock = new Object();
    /** Whether the broker holds credit for this consumer: only while its connection is started. */
    private boolean flowing;
    /** Per partition, the offset the subscription started at; whole batches may begin before it. */
    private volatile Map<Integer, Long> startPositions = Map.of();
    /**
     * Per partition, the offset after the last record handed to the application since the broker last
     * told the positions or records were given back (non-shared subscriptions only): records below it
     * that arrive again in a whole batch are skipped, and it is the position while
     * {@link #positionsKnown}.
     */
    private final Map<Integer, Long> nextAfterHandedOut = new ConcurrentHashMap<>();
    private volatile boolean positionsKnown;
    private volatile MessageListener listener;
    private volatile boolean closed;
    private volatile JMSException closedByBroker;

    LogJmsMessageConsumer(LogJmsSession session, int subscriptionId, Destination destination,
                          DestinationId destinationId, Subscription subscription, int prefetch) {
        this.session = session;
        this.subscriptionId = subscriptionId;
        this.destination = destination;
        this.destinationId = destinationId;
        this.subscription = subscription;
        this.credit = new CreditWindow(prefetch);
    }

    // ---- JMS API ----

    @Override
    public String getMessageSelector() throws JMSException {
        checkOpen();
        return subscription.selector();
    }

    @Override
    public MessageListener getMessageListener() throws JMSException {
        checkOpen();
        return listener;
    }

    @Override
    public void setMessageListener(MessageListener newListener) throws JMSException {
        checkOpen();
        listener = newListener;
        if (newListener != null) {
            session.delivery().scheduleListenerDeliveries(this, buffer.size());
        } else {
            buffer.wakeUp();
        }
    }

    @Override
    public Message receive() throws JMSException {
        return receiveUntil(Long.MAX_VALUE);
    }

    @Override
    public Message receive(long timeout) throws JMSException {
        if (timeout < 0) {
            throw new JMSException("receive timeout must not be negative, was " + timeout);
        }
        return receiveUntil(timeout == 0 ? Long.MAX_VALUE : deadline(timeout));
    }

    @Override
    public Message receiveNoWait() throws JMSException {
        return receiveUntil(System.nanoTime());
    }

    private Message receiveUntil(long deadlineNanos) throws JMSException {
        checkOpen();
        checkNoListener();
        return session.delivery().receive(this, deadlineNanos);
    }

    /** For JMSConsumer.receiveBody: the body of the next message, leaving a mismatched one unconsumed. */
    <T> T receiveBody(Class<T> type, long deadlineNanos) throws JMSException {
        checkOpen();
        checkNoListener();
        return session.delivery().receiveBody(this, type, deadlineNanos);
    }

    static long deadline(long timeoutMillis) {
        long nanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        long now = System.nanoTime();
        return Long.MAX_VALUE - now < nanos ? Long.MAX_VALUE : now + nanos;
    }

    @Override
    public void close() throws JMSException {
        if (!closed) {
            session.consumers().close(this);
        }
    }

    @Override
    public Queue getQueue() throws JMSException {
        checkOpen();
        if (!(destination instanceof Queue queue)) {
            throw new IllegalStateException("this consumer reads topic " + destination + ", not a queue");
        }
        return queue;
    }

    @Override
    public Topic getTopic() throws JMSException {
        checkOpen();
        if (!(destination instanceof Topic topic)) {
            throw new IllegalStateException("this consumer reads queue " + destination + ", not a topic");
        }
        return topic;
    }

    @Override
    public boolean getNoLocal() throws JMSException {
        checkOpen();
        return subscription.noLocal();
    }

    // ---- log extensions ----

    @Override
    public void seekToBeginning() throws JMSException {
        seekTo(SeekMode.BEGINNING, 0, SeekRequest.ALL_PARTITIONS);
    }

    @Override
    public void seekToEnd() throws JMSException {
        seekTo(SeekMode.END, 0, SeekRequest.ALL_PARTITIONS);
    }

    @Override
    public void seekToTime(Instant time) throws JMSException {
        if (time == null) {
            throw new JMSException("the time to seek to must not be null");
        }
        seekTo(SeekMode.TIMESTAMP, time.toEpochMilli(), SeekRequest.ALL_PARTITIONS);
    }

    @Override
    public void seek(int partition, long offset) throws JMSException {
        if (partition < 0) {
            throw new JMSException("a partition number is never negative, was " + partition);
        }
        if (offset < 0) {
            throw new JMSException("an offset is never negative, was " + offset);
        }
        seekTo(SeekMode.OFFSET, offset, partition);
    }

    @Override
    public Map<Integer, Long> positions() throws JMSException {
        checkOpen();
        return session.consumers().positions(this);
    }

    private void seekTo(SeekMode mode, long value, int partition) throws JMSException {
        checkOpen();
        session.consumers().seek(this, new SeekRequest(subscriptionId, mode, value, partition));
    }

    // ---- for the session and the connection ----

    int subscriptionId() {
        return subscriptionId;
    }

    DestinationId destinationId() {
        return destinationId;
    }

    Subscription subscription() {
        return subscription;
    }

    String subscriptionName() {
        return subscription.name();
    }

    MessageListener listener() {
        return listener;
    }

    PrefetchBuffer buffer() {
        return buffer;
    }

    boolean isClosed() {
        return closed;
    }

    /** Called once the broker answered SUBSCRIBE or SEEK: the cursor's positions. */
    void subscribed(Map<Integer, Long> positions) {
        startPositions = Map.copyOf(positions);
        nextAfterHandedOut.clear();
        positionsKnown = true;
    }

    /**
     * For a subscription of its own: where it starts or continues in each partition, from the positions
     * the broker last gave and what was handed out since; null when only the broker knows (a shared
     * cursor, or after records were given back).
     */
    Map<Integer, Long> positionsSinceSubscribed() {
        if (subscription.kind().shared() || !positionsKnown) {
            return null;
        }
        Map<Integer, Long> positions = new java.util.TreeMap<>(startPositions);
        positions.putAll(nextAfterHandedOut);
        return positions;
    }

    /** Called on the I/O thread with records the broker pushed. */
    void onDelivery(int partition, List<DeliveredRecord> records, boolean fromBatches) {
        List<Delivery> deliveries = new ArrayList<>(records.size());
        for (DeliveredRecord r : records) {
            deliveries.add(new Delivery(subscriptionId, partition, r, fromBatches));
        }
        buffer.addAll(deliveries);
        if (listener != null && !closed) {
            session.delivery().scheduleListenerDeliveries(this, deliveries.size());
        }
    }

    /**
     * Whether a record came in a whole batch although the subscription already passed it (a batch
     * that straddles the start position, or one sent again after a partial delivery).
     */
    boolean isAlreadyPassed(Delivery delivery) {
        if (!delivery.fromBatch() || subscription.kind().shared()) {
            return false;
        }
        long offset = delivery.record().offset();
        Long start = startPositions.get(delivery.partition());
        Long next = nextAfterHandedOut.get(delivery.partition());
        return (start != null && offset < start) || (next != null && offset < next);
    }

    /** Notes that a record left the buffer for the application, granting credit back when due. */
    void handedOut(Delivery delivery) {
        if (!subscription.kind().shared()) {
            nextAfterHandedOut.merge(delivery.partition(), delivery.record().offset() + 1, Math::max);
        }
        discarded(1);
    }

    /** Counts records that left the buffer without reaching the application, granting credit when due. */
    void discarded(int records) {
        synchronized (flowLock) {
            int grant = credit.consumed(records);
            if (grant > 0 && flowing && !closed) {
                session.connection().broker().grantCredit(subscriptionId, grant);
            }
        }
    }

    /**
     * Grants the whole window when the connection is started and credit does not flow yet (the
     * consumer was created on a stopped connection, or the connection was stopped). A consumer of a
     * stopped connection holds no credit, so the broker hands a queue's messages to consumers that
     * can receive them.
     */
    void startFlow() {
        synchronized (flowLock) {
            if (flowing || closed || !session.connection().isStarted()) {
                return;
            }
            flowing = true;
            credit.reset();
            session.connection().broker().grantCredit(subscriptionId, credit.initialCredit());
        }
    }

    /** Withdraws the credit (the connection stopped); what the buffer holds is for the session to give back. */
    void stopFlow() {
        synchronized (flowLock) {
            if (flowing) {
                flowing = false;
                session.connection().broker().withdrawCredit(subscriptionId);
            }
        }
    }

    /** After credit was withdrawn to settle records: grants the whole window anew, if credit flows. */
    void resumeFlow() {
        synchronized (flowLock) {
            credit.reset();
            if (flowing && !closed) {
                session.connection().broker().grantCredit(subscriptionId, credit.initialCredit());
            }
        }
    }

    /**
     * After recover, rollback, seek or stop: records were given back and are delivered again, so stop
     * filtering them. Credit follows with {@link #resumeFlow()} or {@link #startFlow()}.
     */
    void restart() {
        positionsKnown = false;
        nextAfterHandedOut.clear();
    }

    /**
     * Before its subscription is made again on a new connection: drops what the consumer holds ahead
     * (the broker sends it again, or, for a non-durable subscriber, it is read again from the returned
     * position) and starts a fresh credit window. Returns where a non-durable subscriber continues:
     * right after the last record handed to the application; null for the other kinds, which continue
     * from their state on the broker.
     */
    Map<Integer, Long> prepareResume() {
        Map<Integer, Long> resumeAt = subscription.kind() == io.logjms.protocol.api.SubscriptionKind.NON_DURABLE
                ? positionsSinceSubscribed() : null;
        buffer.drain();
        restart();
        credit.reset();
        return resumeAt;
    }

    /**
     * Partitions of the subscription are moving to another broker (null: all of them): drops what the consumer
     * holds of them (the new leader sends it again; the credit goes back), has the session forget what it received
     * of them, and returns where a non-durable subscriber continues in them (right after the last record handed to
     * the application); null for the kinds that continue from their state on the broker.
     */
    Map<Integer, Long> partitionsMoving(java.util.Set<Integer> partitions) {
        Map<Integer, Long> resumeAt = null;
        if (subscription.kind() == io.logjms.protocol.api.SubscriptionKind.NON_DURABLE) {
            Map<Integer, Long> known = positionsSinceSubscribed();
            if (known != null) {
                resumeAt = new java.util.TreeMap<>(known);
                if (partitions != null) {
                    resumeAt.keySet().retainAll(partitions);
                }
            }
        }
        int dropped = buffer.removeIf(d -> partitions == null || partitions.contains(d.partition())).size();
        if (partitions != null) {
            // the new leader may deliver below it again (what was in flight); a whole subscription restored by a
            // reconnect keeps it until prepareResume
            nextAfterHandedOut.keySet().removeAll(partitions);
        }
        session.consumers().partitionsMoving(subscriptionId, partitions);
        if (dropped > 0) {
            discarded(dropped);
        }
        return resumeAt;
    }

    /** Moved partitions are attached at their new leader, at these positions. */
    void partitionsMoved(Map<Integer, Long> positions) {
        Map<Integer, Long> start = new java.util.TreeMap<>(startPositions);
        start.putAll(positions);
        startPositions = Map.copyOf(start);
        nextAfterHandedOut.keySet().removeAll(positions.keySet());
    }

    void markClosed() {
        closed = true;
        buffer.wakeUp();
    }

    void onClosedByBroker(JMSException reason) {
        closedByBroker = reason;
        markClosed();
    }

    void wakeUp() {
        buffer.wakeUp();
    }

    private void checkOpen() throws JMSException {
        if (closed) {
            JMSException reason = closedByBroker;
            if (reason != null) {
                throw ExceptionTranslator.withCause(new IllegalStateException("the consumer was closed by the broker: "
                        + reason.getMessage()), reason);
            }
            throw new IllegalStateException("the consumer is closed");
        }
        session.checkOpen();
    }

    private void checkNoListener() throws IllegalStateException {
        if (listener != null) {
            throw new IllegalStateException("this consumer delivers to a MessageListener; it cannot also receive"
                    + " synchronously");
        }
    }

    @Override
    public String toString() {
        return "LogJmsMessageConsumer[" + destination + ", subscription " + subscriptionId + " "
                + subscription.kind() + (subscription.name() != null ? " " + subscription.name() : "") + "]";
    }
}
