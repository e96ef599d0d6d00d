package io.logjms.provider.client;

import io.logjms.protocol.ApiKey;
import io.logjms.protocol.DestinationId;
import io.logjms.protocol.api.AckRequest;
import io.logjms.protocol.api.BrowseRequest;
import io.logjms.protocol.api.BrowseResponse;
import io.logjms.protocol.api.CommitResponse;
import io.logjms.protocol.api.CreateDestinationRequest;
import io.logjms.protocol.api.InitProducerRequest;
import io.logjms.protocol.api.InitProducerResponse;
import io.logjms.protocol.api.MetadataResponse;
import io.logjms.protocol.api.ProduceResponse;
import io.logjms.protocol.api.ReleaseRequest;
import io.logjms.protocol.api.SeekRequest;
import io.logjms.protocol.api.SubscribeRequest;
import io.logjms.protocol.api.SubscribeResponse;
import io.logjms.protocol.api.XaResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import io.netty.buffer.ByteBuf;

/**
 * What the JMS objects ask of a broker, one method per protocol request, all asynchronous. This is the
 * only boundary between the JMS layer and the wire: it takes and returns plain protocol values (never
 * JMS or Netty types), reports pushes to a {@link BrokerEvents}, and fails futures with
 * {@link ProtocolErrorException}, {@link ConnectionLostException} or
 * {@link java.util.concurrent.TimeoutException}. Implementations are thread-safe.
 */
public interface BrokerConnection extends AutoCloseable {

    /** The id the broker gave this connection in the handshake; producers stamp it on records. */
    String connectionId();

    /**
     * The id the broker gave the connection in use now: {@link #connectionId()} until a reconnect replaced
     * it. Names of new temporary destinations start with it, since the broker gives each connection its own.
     */
    default String currentConnectionId() {
        return connectionId();
    }

    /** The id of the broker this connection is connected to, from the handshake. */
    String brokerId();

    /** The largest record batch the broker accepts, from the handshake. */
    int maxBatchBytes();

    /** The largest frame the broker accepts (header included, length field not), from the handshake. */
    int maxFrameBytes();

    CompletableFuture<Void> setClientId(String clientId);

    CompletableFuture<MetadataResponse> metadata(List<DestinationId> destinations, boolean autoCreate);

    CompletableFuture<Void> createDestination(CreateDestinationRequest request);

    CompletableFuture<Void> deleteDestination(DestinationId destination);

    /** A producer id and epoch for a producing session (or the next epoch of a known id). */
    CompletableFuture<InitProducerResponse> initProducer(InitProducerRequest request);

    /**
     * Appends one batch to a partition; completes once the broker made it durable. A batch the broker already
     * holds (same producer id, epoch and sequences) is not stored again; the answer carries its offsets.
     */
    CompletableFuture<ProduceResponse> produce(OutgoingBatch batch);

    CompletableFuture<SubscribeResponse> subscribe(SubscribeRequest request);

    /** One-way: grants a subscription {@code credit} more records. */
    void grantCredit(int subscriptionId, int credit);

    /**
     * One-way: withdraws all of a subscription's remaining credit, so the broker sends it nothing more
     * until credit is granted again. Records already on their way still arrive.
     */
    void withdrawCredit(int subscriptionId);

    CompletableFuture<Void> unsubscribe(int subscriptionId);

    /**
     * Replaces the partitions a subscription's attachment on this connection covers ({@code SUBSCRIPTION_PARTITIONS},
     * cluster brokers only); completes with the positions of the partitions now covered. Fails with
     * {@code NOT_LEADER} when an added partition is not led by this broker (nothing changes then).
     */
    default CompletableFuture<SubscribeResponse> subscriptionPartitions(int subscriptionId, List<Integer> partitions) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException(getClass().getSimpleName()
                + " cannot change the partitions of a subscription"));
    }

    /** Acknowledges records and waits until the broker recorded it. */
    CompletableFuture<Void> acknowledge(AckRequest request);

    /** Acknowledges records without waiting for an answer. */
    void acknowledgeOneWay(AckRequest request);

    CompletableFuture<Void> release(ReleaseRequest request);

    /**
     * Any other request (the cross-broker transaction requests): sent once; if the connection is lost before the
     * answer it fails with a {@link ConnectionLostException} and is not sent again (the caller decides where it goes).
     */
    default <T> CompletableFuture<T> request(ApiKey api, Consumer<ByteBuf> body, Function<ByteBuf, T> reader) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException(getClass().getSimpleName()
                + " sends no " + api + " requests"));
    }

    /** Commits a transaction: its batches and its acknowledgements, atomically. */
    CompletableFuture<CommitResponse> commit(List<OutgoingBatch> batches, List<AckRequest> acks);

    /**
     * An XA request; completes with the prepare vote or the recovered branches. Errors come as
     * {@link ProtocolErrorException} with the XA error codes.
     */
    CompletableFuture<XaResponse> xa(XaCall call);

    CompletableFuture<BrowseResponse> browse(BrowseRequest request);

    /** Deletes a durable subscription of this connection's client id (or a shared one by name). */
    CompletableFuture<Void> deleteSubscription(String name);

    /**
     * Moves a subscription's cursors (all partitions, or one); what was in flight is forgotten.
     * Completes with the new positions.
     */
    CompletableFuture<SubscribeResponse> seek(SeekRequest request);

    /** The next offset the broker delivers to a subscription, by partition. */
    CompletableFuture<SubscribeResponse> positions(int subscriptionId);

    /**
     * The application is closing: a connection that reconnects stops doing so, failing what waits for a
     * reconnect now and treating a later loss as final, so closing never waits out the reconnect timeout.
     */
    default void stopReconnecting() {
    }

    /** False once the connection is closed or lost. */
    boolean isOpen();

    /** Closes the connection; pending requests fail. Idempotent. */
    @Override
    void close();
}
