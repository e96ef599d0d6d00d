package io.logjms.provider;

import io.logjms.protocol.DestinationId;
import io.logjms.protocol.api.InitProducerRequest;
import io.logjms.protocol.api.InitProducerResponse;
import io.logjms.protocol.message.MessageHeaders;
import io.logjms.protocol.message.MessageHeadersCodec;
import io.logjms.protocol.message.WireMessage;
import io.logjms.provider.client.BrokerConnection;
import io.logjms.provider.client.LimitExceededException;
import io.logjms.provider.message.MessageConverter;
import io.logjms.provider.send.CompletionSequencer;
import io.logjms.provider.send.OutgoingRecord;
import io.logjms.provider.send.PartitionChooser;
import io.logjms.provider.send.ProduceQueue;
import io.logjms.provider.send.ProducerSequences;
import io.logjms.provider.send.SendLimits;
import jakarta.jms.CompletionListener;
import jakarta.jms.Destination;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The send path of one session: stamps the headers, turns the message into a record, picks its
 * partition, checks it against the broker's size limits, then either hands it to the session's
 * {@link TransactionContext} (which sends it at commit) or queues it for the broker, waiting for the
 * answer (synchronous send) or calling the completion listener later, in send order (asynchronous).
 *
 * <p>Thread-safe where the session needs it: sends come from the session's one thread, answers and
 * completion listeners from others, and {@link #awaitCompletions} from close on any thread.
 */
final class SessionSender {
    private static final Logger LOG = LoggerFactory.getLogger(SessionSender.class);
    private static final String GROUP_ID = "JMSXGroupID";

    private final LogJmsConnection connection;
    private final TransactionContext transaction;
    private final LongSupplier clock;
    private final PartitionChooser partitions;
    private final ProduceQueue produceQueue;
    /** The session's producer id (asked for on the first send) and its next sequence per partition. */
    private final ProducerSequences sequences;
    private final CompletionSequencer completions;

    SessionSender(LogJmsConnection connection, TransactionContext transaction, ProducerSequences sequences,
                  Executor completionExecutor, LongSupplier clock) {
        this.connection = connection;
        this.transaction = transaction;
        this.sequences = sequences;
        this.clock = clock;
        this.partitions = new PartitionChooser(connection::nextPartitionPin);
        this.produceQueue = new ProduceQueue(connection.broker(), destination -> limits().batchLimit(destination),
                sequences);
        this.completions = new CompletionSequencer(completionExecutor);
    }

    /**
     * Sends a message. Without a completion listener this returns once the broker has the message
     * durably (or, in a transacted session, once it is part of the transaction).
     */
    void send(Destination destination, Message message, MessageStamper.SendParameters parameters,
              CompletionListener completionListener) throws JMSException {
        if (message == null) {
            throw new MessageFormatException("the message to send must not be null");
        }
        DestinationId id = Destinations.idOf(destination);
        ensureProducerId();
        int partitionCount = connection.partitionCount(destination, id);
        long now = clock.getAsLong();
        MessageStamper.stamp(message, destination, parameters, connection.messageIds().next(), now);
        OutgoingRecord record = toRecord(message, id, partitionCount, now);
        try {
            limits().check(record, transaction.isTransacted());
        } catch (LimitExceededException e) {
            // thrown from the send call itself, also with a completion listener (Jakarta Messaging 3.1, 7.3.2)
            throw ExceptionTranslator.toJms("send a message to " + destination, e);
        }
        if (transaction.collectSend(record)) {
            if (completionListener != null) {
                completions.add(CompletableFuture.completedFuture(null),
                        error -> completionListener.onCompletion(message));
            }
            return;
        }
        CompletableFuture<Void> sent = produceQueue.submit(record);
        sent.whenComplete((r, error) -> forgetUnknownDestination(id, error));
        if (completionListener == null) {
            ExceptionTranslator.await(sent, "send a message to " + destination);
            return;
        }
        completions.add(sent, error -> {
            if (error == null) {
                completionListener.onCompletion(message);
            } else {
                completionListener.onException(message,
                        ExceptionTranslator.toJms("send a message to " + destination, error));
            }
        });
    }

    /** The broker's size limits, from the handshake. */
    private SendLimits limits() {
        BrokerConnection broker = connection.broker();
        return new SendLimits(broker.maxFrameBytes(), broker.maxBatchBytes());
    }

    /**
     * Asks the broker for the session's producer id before its first send. One id per session: a session's
     * sends to a partition are ordered, which is what one sequence per producer id and partition checks.
     */
    private void ensureProducerId() throws JMSException {
        synchronized (sequences) {
            if (!sequences.isAssigned()) {
                InitProducerResponse identity = ExceptionTranslator.await(
                        connection.broker().initProducer(InitProducerRequest.newProducer()), "get a producer id");
                sequences.assign(identity.producerId(), identity.producerEpoch());
            }
        }
    }

    private OutgoingRecord toRecord(Message message, DestinationId id, int partitionCount, long now)
            throws JMSException {
        WireMessage wire = MessageConverter.toWire(message);
        MessageHeaders headers = wire.headers();
        headers.removeProperty(LogJmsProperties.PARTITION);
        headers.removeProperty(LogJmsProperties.OFFSET);
        headers.setProperty(LogJmsProperties.ORIGIN, connection.connectionId());
        byte[] key = headers.getProperty(GROUP_ID) instanceof String group
                ? group.getBytes(StandardCharsets.UTF_8) : null;
        int partition = partitions.choose(id, key, partitionCount);
        return new OutgoingRecord(id, partition, now, key, MessageHeadersCodec.encode(headers), wire.body());
    }

    private void forgetUnknownDestination(DestinationId id, Throwable error) {
        if (error != null && ExceptionTranslator.toJms("send", error) instanceof InvalidDestinationException) {
            connection.forgetPartitionCount(id);
        }
    }

    /**
     * Waits until every send was answered and every completion listener returned, at most
     * {@code timeoutMillis} (then it logs that some were not).
     */
    void awaitCompletions(long timeoutMillis) throws JMSException {
        try {
            if (!awaitIdle(timeoutMillis)) {
                LOG.warn("asynchronous sends of a session were not answered within {} ms", timeoutMillis);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ExceptionTranslator.withCause(new JMSException("interrupted while waiting for sends to complete"), e);
        }
    }

    private boolean awaitIdle(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        if (!produceQueue.awaitIdle(timeoutMillis, TimeUnit.MILLISECONDS)) {
            return false;
        }
        long left = deadline - System.nanoTime();
        return completions.awaitIdle(Math.max(0, left), TimeUnit.NANOSECONDS);
    }
}
