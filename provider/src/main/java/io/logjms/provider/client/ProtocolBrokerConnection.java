package io.logjms.provider.client;

import io.logjms.protocol.ApiKey;
import io.logjms.protocol.DestinationId;
import io.logjms.protocol.Frame;
import io.logjms.protocol.api.AckRequest;
import io.logjms.protocol.api.BrowseRequest;
import io.logjms.protocol.api.BrowseResponse;
import io.logjms.protocol.api.CommitRequest;
import io.logjms.protocol.api.CommitResponse;
import io.logjms.protocol.api.CreateDestinationRequest;
import io.logjms.protocol.api.CreditNotice;
import io.logjms.protocol.api.DeliverHeader;
import io.logjms.protocol.api.DestinationRequest;
import io.logjms.protocol.api.HandshakeRequest;
import io.logjms.protocol.api.InitProducerRequest;
import io.logjms.protocol.api.InitProducerResponse;
import io.logjms.protocol.api.MetadataRequest;
import io.logjms.protocol.api.MetadataResponse;
import io.logjms.protocol.api.NameRequest;
import io.logjms.protocol.api.ProduceRequest;
import io.logjms.protocol.api.ProduceResponse;
import io.logjms.protocol.api.ReleaseRequest;
import io.logjms.protocol.api.SeekRequest;
import io.logjms.protocol.api.SubscribeRequest;
import io.logjms.protocol.api.SubscribeResponse;
import io.logjms.protocol.api.SubscriptionClosedNotice;
import io.logjms.protocol.api.SubscriptionPartitions;
import io.logjms.protocol.api.SubscriptionRequest;
import io.logjms.protocol.api.XaRequest;
import io.logjms.protocol.api.XaResponse;
import io.logjms.provider.config.BrokerAddress;
import io.logjms.provider.tls.TlsOptions;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A {@link BrokerConnection} over the logjms wire protocol, through a {@link ProtocolClient}. */
public final class ProtocolBrokerConnection implements BrokerConnection {
    private static final Logger LOG = LoggerFactory.getLogger(ProtocolBrokerConnection.class);
    private static final Function<ByteBuf, Void> NO_BODY = body -> null;

    private final ProtocolClient client;

    private ProtocolBrokerConnection(ProtocolClient client) {
        this.client = client;
    }

    /**
     * Connects to the first broker of the list that accepts the connection and the handshake.
     *
     * @throws ProtocolErrorException when a broker refused the handshake (credentials, client id,
     *     version): the other brokers would refuse it too
     * @throws BrokerUnreachableException when no broker could be reached
     * @throws InterruptedException when interrupted while waiting
     */
    /** Opens one connection to a broker with the credentials, timeouts and TLS settings of {@code options}. */
    /**
     * Opens connections for a reconnecting connection: every connection after the first presents the first one's
     * id as its origin, so noLocal holds across reconnects.
     */
    static ReconnectingBrokerConnection.Opener opener(io.logjms.provider.config.ConnectionOptions options) {
        HandshakeRequest handshake = ProtocolClient.handshake(options.clientId(), options.user(), options.password());
        java.util.concurrent.atomic.AtomicReference<String> origin = new java.util.concurrent.atomic.AtomicReference<>();
        return (broker, brokerEvents) -> {
            BrokerConnection opened = connect(List.of(broker), handshake.withOrigin(origin.get()),
                    options.connectTimeout(), options.requestTimeout(), brokerEvents, options.tls());
            origin.compareAndSet(null, opened.connectionId());
            return opened;
        };
    }

    /**
     * Opens connections that present {@code origin} (asked at each opening) in their handshake: the links of a
     * cluster client present its bootstrap connection's id, so a noLocal subscriber attached through any of them
     * skips the records this client sent through any other.
     */
    static ReconnectingBrokerConnection.Opener opener(io.logjms.provider.config.ConnectionOptions options,
                                                      java.util.function.Supplier<String> origin) {
        HandshakeRequest handshake = ProtocolClient.handshake(options.clientId(), options.user(), options.password());
        return (broker, brokerEvents) -> connect(List.of(broker), handshake.withOrigin(origin.get()),
                options.connectTimeout(), options.requestTimeout(), brokerEvents, options.tls());
    }

    public static BrokerConnection connect(List<BrokerAddress> brokers, HandshakeRequest handshake,
                                           Duration connectTimeout, Duration requestTimeout, BrokerEvents events)
            throws BrokerUnreachableException, InterruptedException {
        return connect(brokers, handshake, connectTimeout, requestTimeout, events, TlsOptions.NONE);
    }

    /** Like {@link #connect(List, HandshakeRequest, Duration, Duration, BrokerEvents)}, with TLS when asked. */
    public static BrokerConnection connect(List<BrokerAddress> brokers, HandshakeRequest handshake,
                                           Duration connectTimeout, Duration requestTimeout, BrokerEvents events,
                                           TlsOptions tls)
            throws BrokerUnreachableException, InterruptedException {
        StringBuilder failures = new StringBuilder();
        Throwable lastCause = null;
        for (BrokerAddress broker : brokers) {
            PushRouter router = new PushRouter(events);
            CompletableFuture<ProtocolClient> connecting = ProtocolClient.connect(broker.host(), broker.port(),
                    handshake, connectTimeout, requestTimeout, router, tls);
            try {
                ProtocolClient client = connecting.get(connectTimeout.toMillis() + requestTimeout.toMillis(),
                        TimeUnit.MILLISECONDS);
                router.activate();
                return new ProtocolBrokerConnection(client);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof ProtocolErrorException refused) {
                    throw refused;
                }
                lastCause = cause;
                failures.append(failures.length() == 0 ? "" : "; ").append(broker).append(": ")
                        .append(ConnectFailure.describe(cause, connectTimeout, requestTimeout));
            } catch (TimeoutException e) {
                connecting.thenAccept(ProtocolClient::close);
                lastCause = e;
                failures.append(failures.length() == 0 ? "" : "; ").append(broker).append(": timed out after ")
                        .append(connectTimeout.toMillis() + requestTimeout.toMillis()).append(" ms");
            }
            LOG.debug("could not connect to {}: {}", broker, lastCause.toString());
        }
        throw BrokerUnreachableException.ofFailures(failures.toString(), lastCause);
    }

    @Override
    public String connectionId() {
        return client.handshakeResponse().connectionId();
    }

    @Override
    public String brokerId() {
        return client.handshakeResponse().brokerId();
    }

    @Override
    public int maxBatchBytes() {
        return client.handshakeResponse().maxBatchBytes();
    }

    @Override
    public int maxFrameBytes() {
        return client.handshakeResponse().maxFrameBytes();
    }

    @Override
    public CompletableFuture<Void> setClientId(String clientId) {
        return client.request(ApiKey.SET_CLIENT_ID, new NameRequest(clientId)::writeTo, NO_BODY);
    }

    @Override
    public CompletableFuture<MetadataResponse> metadata(List<DestinationId> destinations, boolean autoCreate) {
        return client.request(ApiKey.METADATA, new MetadataRequest(destinations, autoCreate)::writeTo,
                MetadataResponse::readFrom);
    }

    @Override
    public CompletableFuture<Void> createDestination(CreateDestinationRequest request) {
        return client.request(ApiKey.CREATE_DESTINATION, request::writeTo, NO_BODY);
    }

    @Override
    public CompletableFuture<Void> deleteDestination(DestinationId destination) {
        return client.request(ApiKey.DELETE_DESTINATION, new DestinationRequest(destination)::writeTo, NO_BODY);
    }

    @Override
    public CompletableFuture<InitProducerResponse> initProducer(InitProducerRequest request) {
        return client.request(ApiKey.INIT_PRODUCER, request::writeTo, InitProducerResponse::readFrom);
    }

    @Override
    public CompletableFuture<ProduceResponse> produce(OutgoingBatch batch) {
        ProduceRequest request = new ProduceRequest(batch.destination(), batch.partition(),
                Unpooled.wrappedBuffer(batch.batch().duplicate()));
        return client.request(ApiKey.PRODUCE, request::writeTo, ProduceResponse::readFrom);
    }

    @Override
    public CompletableFuture<SubscribeResponse> subscribe(SubscribeRequest request) {
        return client.request(ApiKey.SUBSCRIBE, request::writeTo, SubscribeResponse::readFrom);
    }

    @Override
    public void grantCredit(int subscriptionId, int credit) {
        if (client.isOpen()) {
            client.sendOneWay(ApiKey.CREDIT, new CreditNotice(subscriptionId, credit)::writeTo);
        }
    }

    /** Sends the most negative credit: the broker keeps credit at zero or above, so this empties it. */
    @Override
    public void withdrawCredit(int subscriptionId) {
        grantCredit(subscriptionId, Integer.MIN_VALUE);
    }

    @Override
    public CompletableFuture<Void> unsubscribe(int subscriptionId) {
        return client.request(ApiKey.UNSUBSCRIBE, new SubscriptionRequest(subscriptionId)::writeTo, NO_BODY);
    }

    @Override
    public CompletableFuture<SubscribeResponse> subscriptionPartitions(int subscriptionId, List<Integer> partitions) {
        return client.request(ApiKey.SUBSCRIPTION_PARTITIONS,
                new SubscriptionPartitions(subscriptionId, partitions)::writeTo, SubscribeResponse::readFrom);
    }

    @Override
    public CompletableFuture<Void> acknowledge(AckRequest request) {
        return client.request(ApiKey.ACK, request::writeTo, NO_BODY);
    }

    @Override
    public void acknowledgeOneWay(AckRequest request) {
        if (client.isOpen()) {
            client.sendOneWay(ApiKey.ACK, request::writeTo);
        }
    }

    @Override
    public CompletableFuture<Void> release(ReleaseRequest request) {
        return client.request(ApiKey.RELEASE, request::writeTo, NO_BODY);
    }

    @Override
    public CompletableFuture<XaResponse> xa(XaCall call) {
        XaRequest request = new XaRequest(call.xid(), call.flags(), call.timeoutSeconds(), produces(call.batches()),
                call.acks());
        return client.request(call.request(), request::writeTo, XaResponse::readFrom);
    }

    private static List<CommitRequest.Produce> produces(List<OutgoingBatch> batches) {
        List<CommitRequest.Produce> produces = new ArrayList<>(batches.size());
        for (OutgoingBatch b : batches) {
            produces.add(new CommitRequest.Produce(b.destination(), b.partition(),
                    Unpooled.wrappedBuffer(b.batch().duplicate())));
        }
        return produces;
    }

    @Override
    public <T> CompletableFuture<T> request(ApiKey api, Consumer<ByteBuf> body, Function<ByteBuf, T> reader) {
        return client.request(api, body, reader);
    }

    @Override
    public CompletableFuture<CommitResponse> commit(List<OutgoingBatch> batches, List<AckRequest> acks) {
        return client.request(ApiKey.COMMIT, new CommitRequest(produces(batches), acks)::writeTo,
                CommitResponse::readFrom);
    }

    @Override
    public CompletableFuture<BrowseResponse> browse(BrowseRequest request) {
        return client.request(ApiKey.BROWSE, request::writeTo, BrowseResponse::readFrom);
    }

    @Override
    public CompletableFuture<Void> deleteSubscription(String name) {
        return client.request(ApiKey.DELETE_SUBSCRIPTION, new NameRequest(name)::writeTo, NO_BODY);
    }

    @Override
    public CompletableFuture<SubscribeResponse> seek(SeekRequest request) {
        return client.request(ApiKey.SEEK, request::writeTo, SubscribeResponse::readFrom);
    }

    @Override
    public CompletableFuture<SubscribeResponse> positions(int subscriptionId) {
        return client.request(ApiKey.POSITIONS, new SubscriptionRequest(subscriptionId)::writeTo,
                SubscribeResponse::readFrom);
    }

    @Override
    public boolean isOpen() {
        return client.isOpen();
    }

    @Override
    public void close() {
        client.close();
    }

    /**
     * Decodes pushes and passes them on. Until the handshake succeeded it reports nothing, so a broker
     * that refuses the handshake is not reported as a lost connection.
     */
    private static final class PushRouter implements PushListener {
        private final BrokerEvents events;
        private volatile boolean active;

        PushRouter(BrokerEvents events) {
            this.events = events;
        }

        void activate() {
            active = true;
        }

        @Override
        public void onPush(Frame frame) {
            if (frame.apiKey() == ApiKey.DELIVER) {
                DeliverHeader header = DeliverHeader.readFrom(frame.body());
                events.onDelivery(header.subscriptionId(), header.partition(),
                        DeliveryDecoder.decode(header, frame.body()),
                        header.format() == DeliverHeader.FORMAT_BATCHES);
            } else if (frame.apiKey() == ApiKey.SUBSCRIPTION_CLOSED) {
                events.onSubscriptionClosed(SubscriptionClosedNotice.readFrom(frame.body()));
            } else if (frame.apiKey() == ApiKey.PARTITIONS_LOST) {
                SubscriptionPartitions lost = SubscriptionPartitions.readFrom(frame.body());
                events.onPartitionsLost(lost.subscriptionId(), lost.partitions());
            } else {
                LOG.warn("ignoring unexpected push {}", frame);
            }
        }

        @Override
        public void onClosed(Throwable cause) {
            if (active) {
                events.onConnectionLost(cause);
            }
        }
    }
}
