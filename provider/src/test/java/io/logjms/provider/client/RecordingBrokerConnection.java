package io.logjms.provider.client;

import io.logjms.protocol.ApiKey;
import io.logjms.protocol.DestinationId;
import io.logjms.protocol.ErrorCode;
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
import io.logjms.protocol.api.XaBranchId;
import io.logjms.protocol.api.XaResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link BrokerConnection} without a broker, for unit tests: it records every call, answers requests
 * at once (or holds produce answers until the test gives them), and lets the test push deliveries and
 * lose the connection. Requests fail when the test asked for it with {@link #failNext}.
 */
public final class RecordingBrokerConnection implements BrokerConnection {
    /** A credit grant or withdrawal ({@code credit} = {@link Integer#MIN_VALUE}). */
    public record Credit(int subscriptionId, int credit) {
    }

    /** A commit request. */
    public record Commit(List<OutgoingBatch> batches, List<AckRequest> acks) {
    }

    /** A request sent with {@link #request}: its key and its body's bytes. */
    public record Request(ApiKey api, byte[] body) {
        public io.netty.buffer.ByteBuf bodyBuffer() {
            return io.netty.buffer.Unpooled.wrappedBuffer(body);
        }
    }

    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private volatile Map<Integer, Long> positions = Map.of(0, 0L);
    private final java.util.concurrent.atomic.AtomicLong nextProducerId = new java.util.concurrent.atomic.AtomicLong(1000);
    private final List<OutgoingBatch> produced = Collections.synchronizedList(new ArrayList<>());
    private final List<CompletableFuture<ProduceResponse>> produceAnswers = Collections.synchronizedList(new ArrayList<>());
    private final List<SubscribeRequest> subscribes = Collections.synchronizedList(new ArrayList<>());
    private final List<Credit> credits = Collections.synchronizedList(new ArrayList<>());
    private final List<AckRequest> acks = Collections.synchronizedList(new ArrayList<>());
    private final List<AckRequest> oneWayAcks = Collections.synchronizedList(new ArrayList<>());
    private final List<ReleaseRequest> releases = Collections.synchronizedList(new ArrayList<>());
    private final List<Integer> unsubscribes = Collections.synchronizedList(new ArrayList<>());
    private final List<List<Integer>> partitionChanges = Collections.synchronizedList(new ArrayList<>());
    private final List<SeekRequest> seeks = Collections.synchronizedList(new ArrayList<>());
    private final List<Commit> commits = Collections.synchronizedList(new ArrayList<>());
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
    private final Map<ApiKey, java.util.function.Function<Request, java.util.function.Consumer<io.netty.buffer.ByteBuf>>>
            answerers = Collections.synchronizedMap(new EnumMap<>(ApiKey.class));
    private final Map<DestinationId, Integer> partitions = new HashMap<>();
    private final Map<ApiKey, RuntimeException> failures = Collections.synchronizedMap(new EnumMap<>(ApiKey.class));
    private final List<XaCall> xaCalls = Collections.synchronizedList(new ArrayList<>());
    private volatile List<XaBranchId> recovered = List.of();
    private volatile String brokerId = "broker-1";
    private volatile boolean holdProduces;
    private volatile MetadataResponse clusterMetadata;
    private volatile boolean open = true;
    private volatile BrokerEvents events;

    /** A connector handing out this connection. */
    public BrokerConnector connector() {
        return (options, brokerEvents) -> {
            this.events = brokerEvents;
            return this;
        };
    }

    /** Produce answers wait for {@link #answerProduce} or {@link #failProduce}. */
    public RecordingBrokerConnection holdProduces() {
        holdProduces = true;
        return this;
    }

    public RecordingBrokerConnection partitions(DestinationId destination, int count) {
        partitions.put(destination, count);
        return this;
    }

    /** What METADATA answers from now on, whatever is asked: a cluster's answer with leaders and brokers. */
    public RecordingBrokerConnection answerMetadata(MetadataResponse answer) {
        clusterMetadata = answer;
        return this;
    }

    /** Where this connection reports pushes and losses (a link opened by a routing connection). */
    public RecordingBrokerConnection withEvents(BrokerEvents brokerEvents) {
        this.events = brokerEvents;
        return this;
    }

    /** The next request of this kind fails with {@code failure}. */
    public void failNext(ApiKey request, RuntimeException failure) {
        failures.put(request, failure);
    }

    // ---- what the test does as the broker ----

    public void deliver(int subscriptionId, int partition, DeliveredRecord... records) {
        events.onDelivery(subscriptionId, partition, List.of(records), false);
    }

    /** What a reconnect reports when the temporary destinations ended with the lost connection. */
    public void loseTemporaryDestinations(List<DestinationId> lost) {
        events.onTemporaryDestinationsLost(lost);
    }

    /** The broker pushes PARTITIONS_LOST. */
    public void losePartitions(int subscriptionId, Integer... lost) {
        events.onPartitionsLost(subscriptionId, List.of(lost));
    }

    /** What a routing connection tells the JMS layer when partitions of a subscription move to another broker. */
    public Map<Integer, Long> movePartitions(int subscriptionId, java.util.Set<Integer> moving) {
        return events.onPartitionsMoving(subscriptionId, moving);
    }

    /** What a routing connection tells the JMS layer when moved partitions are attached again. */
    public void partitionsMoved(int subscriptionId, Map<Integer, Long> positions) {
        events.onPartitionsMoved(subscriptionId, positions);
    }

    /** What a reconnecting connection reports when it loses its connection: requests fail until {@link #restore}. */
    public void interrupt(Throwable cause) {
        open = false;
        events.onConnectionInterrupted(cause);
    }

    /** What a reconnecting connection reports once it is connected again. */
    public void restore() {
        open = true;
        events.onConnectionRestored();
    }

    public void loseConnection(Throwable cause) {
        open = false;
        events.onConnectionLost(cause);
    }

    public void answerProduce(int index, ProduceResponse response) {
        produceAnswers.get(index).complete(response);
    }

    public void failProduce(int index, RuntimeException failure) {
        produceAnswers.get(index).completeExceptionally(failure);
    }

    // ---- what the test checks ----

    /** What POSITIONS answers from now on. */
    public void answerPositions(Map<Integer, Long> positions) {
        this.positions = Map.copyOf(positions);
    }

    public List<String> calls() {
        return snapshot(calls);
    }

    public List<OutgoingBatch> produced() {
        return snapshot(produced);
    }

    public List<SubscribeRequest> subscribes() {
        return snapshot(subscribes);
    }

    public List<Credit> credits() {
        return snapshot(credits);
    }

    public List<AckRequest> acks() {
        return snapshot(acks);
    }

    public List<AckRequest> oneWayAcks() {
        return snapshot(oneWayAcks);
    }

    public List<ReleaseRequest> releases() {
        return snapshot(releases);
    }

    public List<Integer> unsubscribes() {
        return snapshot(unsubscribes);
    }

    /** The partition lists of SUBSCRIPTION_PARTITIONS requests, in order. */
    public List<List<Integer>> partitionChanges() {
        return snapshot(partitionChanges);
    }

    public List<SeekRequest> seeks() {
        return snapshot(seeks);
    }

    public List<Commit> commits() {
        return snapshot(commits);
    }

    /** The requests sent with {@link #request}, in order. */
    public List<Request> requests() {
        return snapshot(requests);
    }

    /** Answers requests of kind {@code api} sent with {@link #request}: the function writes the answer's body. */
    public void answerRequests(ApiKey api,
                               java.util.function.Function<Request, java.util.function.Consumer<io.netty.buffer.ByteBuf>> answer) {
        answerers.put(api, answer);
    }

    public List<XaCall> xaCalls() {
        return snapshot(xaCalls);
    }

    /** The branches XA_RECOVER answers from now on. */
    public void answerRecover(List<XaBranchId> prepared) {
        this.recovered = List.copyOf(prepared);
    }

    /** The broker id the handshake reported. */
    public RecordingBrokerConnection brokerId(String id) {
        this.brokerId = id;
        return this;
    }

    private static <T> List<T> snapshot(List<T> list) {
        synchronized (list) {
            return List.copyOf(list);
        }
    }

    // ---- BrokerConnection ----

    @Override
    public <T> CompletableFuture<T> request(ApiKey api, java.util.function.Consumer<io.netty.buffer.ByteBuf> body,
                                            java.util.function.Function<io.netty.buffer.ByteBuf, T> reader) {
        io.netty.buffer.ByteBuf out = io.netty.buffer.Unpooled.buffer();
        body.accept(out);
        byte[] bytes = new byte[out.readableBytes()];
        out.readBytes(bytes);
        Request request = new Request(api, bytes);
        requests.add(request);
        calls.add("request " + api);
        RuntimeException failure = failures.remove(api);
        if (failure != null) {
            return CompletableFuture.failedFuture(failure);
        }
        var answerer = answerers.get(api);
        if (answerer == null) {
            return CompletableFuture.failedFuture(new AssertionError("no answer set for " + api));
        }
        io.netty.buffer.ByteBuf answer = io.netty.buffer.Unpooled.buffer();
        answerer.apply(request).accept(answer);
        return CompletableFuture.completedFuture(reader.apply(answer));
    }

    @Override
    public String connectionId() {
        return "conn-1";
    }

    @Override
    public String brokerId() {
        return brokerId;
    }

    @Override
    public int maxBatchBytes() {
        return 1 << 20;
    }

    @Override
    public int maxFrameBytes() {
        return io.logjms.protocol.FrameLayout.DEFAULT_MAX_FRAME_BYTES;
    }

    @Override
    public CompletableFuture<Void> setClientId(String clientId) {
        return answer(ApiKey.SET_CLIENT_ID, "setClientId " + clientId, null);
    }

    @Override
    public CompletableFuture<MetadataResponse> metadata(List<DestinationId> destinations, boolean autoCreate) {
        List<MetadataResponse.Entry> entries = new ArrayList<>();
        for (DestinationId d : destinations) {
            entries.add(new MetadataResponse.Entry(d, ErrorCode.NONE, null, partitions.getOrDefault(d, 1)));
        }
        MetadataResponse cluster = clusterMetadata;
        return answer(ApiKey.METADATA, "metadata " + destinations + " autoCreate=" + autoCreate,
                cluster != null ? cluster : new MetadataResponse(entries));
    }

    @Override
    public CompletableFuture<Void> createDestination(CreateDestinationRequest request) {
        return answer(ApiKey.CREATE_DESTINATION, "create " + request.destination() + " " + request.settings(), null);
    }

    @Override
    public CompletableFuture<Void> deleteDestination(DestinationId destination) {
        return answer(ApiKey.DELETE_DESTINATION, "delete " + destination, null);
    }

    @Override
    public CompletableFuture<InitProducerResponse> initProducer(InitProducerRequest request) {
        if (request.producerId() >= 0) {
            return CompletableFuture.completedFuture(
                    new InitProducerResponse(request.producerId(), (short) (request.producerEpoch() + 1)));
        }
        return CompletableFuture.completedFuture(new InitProducerResponse(nextProducerId.getAndIncrement(), (short) 0));
    }

    @Override
    public CompletableFuture<ProduceResponse> produce(OutgoingBatch batch) {
        produced.add(batch);
        calls.add("produce " + batch.destination() + "/" + batch.partition());
        RuntimeException failure = failures.remove(ApiKey.PRODUCE);
        if (failure != null) {
            return CompletableFuture.failedFuture(failure);
        }
        CompletableFuture<ProduceResponse> answer = new CompletableFuture<>();
        produceAnswers.add(answer);
        if (!holdProduces) {
            answer.complete(new ProduceResponse(0, batch.recordCount() - 1, 0));
        }
        return answer;
    }

    @Override
    public CompletableFuture<SubscribeResponse> subscribe(SubscribeRequest request) {
        subscribes.add(request);
        Map<Integer, Long> at = new java.util.TreeMap<>();
        if (request.partitions().isEmpty()) {
            for (int p = 0; p < partitions.getOrDefault(request.destination(), 1); p++) {
                at.put(p, 0L);
            }
        } else {
            request.partitions().forEach(p -> at.put(p, 0L));
        }
        return answer(ApiKey.SUBSCRIBE, "subscribe " + request.subscriptionId(), new SubscribeResponse(at));
    }

    @Override
    public CompletableFuture<SubscribeResponse> subscriptionPartitions(int subscriptionId, List<Integer> covered) {
        partitionChanges.add(List.copyOf(covered));
        Map<Integer, Long> at = new java.util.TreeMap<>();
        covered.forEach(p -> at.put(p, 0L));
        return answer(ApiKey.SUBSCRIPTION_PARTITIONS, "subscriptionPartitions " + subscriptionId + " " + covered,
                new SubscribeResponse(at));
    }

    @Override
    public void grantCredit(int subscriptionId, int credit) {
        credits.add(new Credit(subscriptionId, credit));
        calls.add("credit " + subscriptionId + " " + credit);
    }

    @Override
    public void withdrawCredit(int subscriptionId) {
        grantCredit(subscriptionId, Integer.MIN_VALUE);
    }

    @Override
    public CompletableFuture<Void> unsubscribe(int subscriptionId) {
        unsubscribes.add(subscriptionId);
        return answer(ApiKey.UNSUBSCRIBE, "unsubscribe " + subscriptionId, null);
    }

    @Override
    public CompletableFuture<Void> acknowledge(AckRequest request) {
        acks.add(request);
        return answer(ApiKey.ACK, "ack " + request.subscriptionId() + " " + request.records().size(), null);
    }

    @Override
    public void acknowledgeOneWay(AckRequest request) {
        oneWayAcks.add(request);
        calls.add("ack one-way " + request.subscriptionId() + " " + request.records().size());
    }

    @Override
    public CompletableFuture<Void> release(ReleaseRequest request) {
        releases.add(request);
        return answer(ApiKey.RELEASE, "release " + request.subscriptionId() + " delivered=" + request.delivered()
                + " " + request.records().size(), null);
    }

    @Override
    public CompletableFuture<CommitResponse> commit(List<OutgoingBatch> batches, List<AckRequest> ackRequests) {
        commits.add(new Commit(batches, ackRequests));
        return answer(ApiKey.COMMIT, "commit " + batches.size() + " " + ackRequests.size(), new CommitResponse(List.of()));
    }

    /** Answers every XA request with OK (prepare: XA_OK; recover: {@link #answerRecover}). */
    @Override
    public CompletableFuture<XaResponse> xa(XaCall call) {
        xaCalls.add(call);
        XaResponse answer = call.request() == ApiKey.XA_RECOVER ? new XaResponse(0, recovered) : XaResponse.OK;
        return answer(call.request(), call.request() + " " + call.xid() + " flags=" + call.flags(), answer);
    }

    @Override
    public CompletableFuture<BrowseResponse> browse(BrowseRequest request) {
        return answer(ApiKey.BROWSE, "browse " + request.destination(), new BrowseResponse(List.of(), Map.of(), true));
    }

    @Override
    public CompletableFuture<Void> deleteSubscription(String name) {
        return answer(ApiKey.DELETE_SUBSCRIPTION, "deleteSubscription " + name, null);
    }

    @Override
    public CompletableFuture<SubscribeResponse> seek(SeekRequest request) {
        seeks.add(request);
        return answer(ApiKey.SEEK, "seek " + request.subscriptionId() + " " + request.mode() + " " + request.value()
                + " " + request.partition(), new SubscribeResponse(Map.of(
                request.partition() == SeekRequest.ALL_PARTITIONS ? 0 : request.partition(), request.value())));
    }

    @Override
    public CompletableFuture<SubscribeResponse> positions(int subscriptionId) {
        return answer(ApiKey.POSITIONS, "positions " + subscriptionId, new SubscribeResponse(positions));
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        open = false;
        calls.add("close");
    }

    private <T> CompletableFuture<T> answer(ApiKey key, String call, T value) {
        calls.add(call);
        RuntimeException failure = failures.remove(key);
        if (failure != null) {
            return CompletableFuture.failedFuture(failure);
        }
        if (!open) {
            return CompletableFuture.failedFuture(new ConnectionLostException("connection closed", null));
        }
        return CompletableFuture.completedFuture(value);
    }
}
