package io.logjms.provider;

import io.logjms.protocol.api.AckRequest;
import io.logjms.protocol.api.RecordRef;
import io.logjms.protocol.api.ReleaseRequest;
import io.logjms.provider.ack.AckBatcher;
import io.logjms.provider.ack.ConsumedRecords;
import io.logjms.provider.client.BrokerConnection;
import io.logjms.provider.util.ClientThreads;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * How one session acknowledges, by its mode. AUTO_ACKNOWLEDGE and DUPS_OK_ACKNOWLEDGE: a record is
 * acknowledged once the application processed it, in one-way ACK frames batched by count
 * ({@value #FLUSH_THRESHOLD}) and time ({@value #FLUSH_DELAY_MILLIS} ms). CLIENT_ACKNOWLEDGE: records
 * are kept until acknowledge takes them all, or recover or close gives them back. In a transacted
 * session the {@link TransactionContext} keeps the consumed records instead, so nothing reaches this.
 * Thread-safe.
 */
final class SessionAcknowledgements {
    static final int FLUSH_THRESHOLD = 100;
    static final long FLUSH_DELAY_MILLIS = 5;

    private final int sessionMode;
    private final BrokerConnection broker;
    private final ConsumedRecords consumed = new ConsumedRecords();
    private final AckBatcher batcher = new AckBatcher(FLUSH_THRESHOLD);
    private ScheduledFuture<?> scheduledFlush;

    SessionAcknowledgements(int sessionMode, BrokerConnection broker) {
        this.sessionMode = sessionMode;
        this.broker = broker;
    }

    /** Whether records are acknowledged automatically after processing (AUTO or DUPS_OK). */
    boolean isAutomatic() {
        return sessionMode == Session.AUTO_ACKNOWLEDGE || sessionMode == Session.DUPS_OK_ACKNOWLEDGE;
    }

    /** Whether the application acknowledges with Message.acknowledge() (CLIENT_ACKNOWLEDGE). */
    boolean isClientAcknowledge() {
        return sessionMode == Session.CLIENT_ACKNOWLEDGE;
    }

    /** A record was given to the application (and the session's transaction did not take it). */
    void delivered(int subscriptionId, RecordRef record) {
        if (!isAutomatic()) {
            consumed.add(subscriptionId, record);
        }
    }

    /** The application finished with a record (receive returned, onMessage returned). */
    void processed(int subscriptionId, RecordRef record) {
        if (!isAutomatic()) {
            return;
        }
        if (batcher.add(subscriptionId, record)) {
            flush();
        } else {
            scheduleFlush();
        }
    }

    /** Sends the pending automatic acknowledgements now. */
    void flush() {
        synchronized (this) {
            if (scheduledFlush != null) {
                scheduledFlush.cancel(false);
                scheduledFlush = null;
            }
        }
        for (AckRequest ack : batcher.drain()) {
            broker.acknowledgeOneWay(ack);
        }
    }

    private synchronized void scheduleFlush() {
        if (scheduledFlush == null || scheduledFlush.isDone()) {
            scheduledFlush = ClientThreads.timer().schedule(this::flush, FLUSH_DELAY_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** Whether records of the subscription wait for acknowledge, commit, recover or rollback. */
    boolean hasUnacknowledged(int subscriptionId) {
        return consumed.contains(subscriptionId);
    }

    /** Acknowledges every consumed record (CLIENT_ACKNOWLEDGE) and waits for the broker. */
    void acknowledgeConsumed() throws JMSException {
        List<CompletableFuture<Void>> answers = new ArrayList<>();
        for (AckRequest ack : consumed.drainAsAcks()) {
            answers.add(broker.acknowledge(ack));
        }
        for (CompletableFuture<Void> answer : answers) {
            ExceptionTranslator.await(answer, "acknowledge messages");
        }
    }

    /** The consumed records as releases marked delivered, for recover and close. */
    List<ReleaseRequest> takeConsumedForRelease() {
        return consumed.drainAsReleases(true);
    }

    /**
     * After a reconnect: records delivered on the lost connection went back to their subscriptions and
     * come again, so their acknowledgements are dropped (a later acknowledge() covers what came since).
     */
    void forgetDeliveredBeforeReconnect() {
        consumed.drainAsAcks();
        batcher.drain();
    }

    /**
     * Partitions of a subscription moved to another broker (null: all of them): the records received of them and
     * not acknowledged come again from the new leader, so their acknowledgements are dropped.
     */
    void forgetPartitions(int subscriptionId, java.util.Set<Integer> partitions) {
        consumed.remove(subscriptionId, partitions);
        batcher.remove(subscriptionId, partitions);
    }

    /** Stops the flush timer; pending automatic acknowledgements are sent first. */
    void close() {
        flush();
    }
}
