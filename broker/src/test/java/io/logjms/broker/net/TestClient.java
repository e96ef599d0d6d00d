package io.logjms.broker.net;

import io.logjms.protocol.ApiKey;
import io.logjms.protocol.DestinationId;
import io.logjms.protocol.Frame;
import io.logjms.protocol.api.AckRequest;
import io.logjms.protocol.api.CreateDestinationRequest;
import io.logjms.protocol.api.CreditNotice;
import io.logjms.protocol.api.DeliverHeader;
import io.logjms.protocol.api.DeliveredRecord;
import io.logjms.protocol.api.DescribeDestinationResponse;
import io.logjms.protocol.api.DestinationRequest;
import io.logjms.protocol.api.FetchRequest;
import io.logjms.protocol.api.FetchResponseHeader;
import io.logjms.protocol.api.ProduceRequest;
import io.logjms.protocol.api.ProduceResponse;
import io.logjms.protocol.api.RecordRef;
import io.logjms.protocol.api.ReleaseRequest;
import io.logjms.protocol.api.SubscribeRequest;
import io.logjms.protocol.api.SubscribeResponse;
import io.logjms.protocol.message.MessageHeaders;
import io.logjms.protocol.message.MessageHeadersCodec;
import io.logjms.protocol.record.RecordBatch;
import io.logjms.protocol.record.RecordBatchBuilder;
import io.logjms.provider.client.ProtocolClient;
import io.logjms.provider.client.PushListener;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A protocol-level client for broker integration tests: produce text records, collect deliveries. */
public final class TestClient implements AutoCloseable {
    public record Delivery(int subscriptionId, int partition, DeliveredRecord record) {
        public String text() {
            return new String(record.value(), StandardCharsets.UTF_8);
        }

        public RecordRef ref() {
            return new RecordRef(partition, record.offset());
        }
    }

    /** A stored batch as fetched back: its offsets and the text of each record, in order. */
    public record StoredBatch(long baseOffset, long lastOffset, List<String> texts) {
    }

    private final ProtocolClient client;
    private final LinkedBlockingQueue<Delivery> deliveries = new LinkedBlockingQueue<>();
    /** Per subscription and partition: records of whole batches below this offset are skipped. */
    private final Map<Long, Long> nextOffsets = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger batchDeliveries = new java.util.concurrent.atomic.AtomicInteger();

    private TestClient(int port, String clientId, String user, String password) throws Exception {
        client = ProtocolClient.connect("127.0.0.1", port, ProtocolClient.handshake(clientId, user, password),
                Duration.ofSeconds(5), Duration.ofSeconds(10), new PushListener() {
                    @Override
                    public void onPush(Frame frame) {
                        if (frame.apiKey() == ApiKey.DELIVER) {
                            DeliverHeader h = DeliverHeader.readFrom(frame.body());
                            if (h.format() == DeliverHeader.FORMAT_BATCHES) {
                                receiveBatches(h, frame.body());
                                return;
                            }
                            int n = frame.body().readInt();
                            for (int i = 0; i < n; i++) {
                                accept(h, DeliveredRecord.readFrom(frame.body()));
                            }
                        }
                    }

                    @Override
                    public void onClosed(Throwable cause) {
                    }
                }).get(10, TimeUnit.SECONDS);
    }

    /**
     * Whole stored batches (format 0), decoded as the logjms client does: each record delivered once, and
     * records before the subscription's position (a batch that straddles it) skipped.
     */
    private void receiveBatches(DeliverHeader h, io.netty.buffer.ByteBuf body) {
        batchDeliveries.incrementAndGet();
        ByteBuffer bytes = ByteBuffer.allocate(h.length());
        body.readBytes(bytes);
        bytes.flip();
        while (bytes.hasRemaining()) {
            RecordBatch batch = new RecordBatch(bytes, bytes.position());
            batch.validate();
            long skipBelow = nextOffsets.getOrDefault(key(h.subscriptionId(), h.partition()), -1L);
            batch.records().forEachRemaining(r -> {
                if (r.offset() >= skipBelow) {
                    accept(h, new DeliveredRecord(r.offset(), r.timestamp(), 1, io.logjms.protocol.record.Record.toArray(r.key()),
                            io.logjms.protocol.record.Record.toArray(r.headers()), io.logjms.protocol.record.Record.toArray(r.value())));
                }
            });
            bytes.position(bytes.position() + batch.sizeInBytes());
        }
    }

    private void accept(DeliverHeader h, DeliveredRecord record) {
        nextOffsets.merge(key(h.subscriptionId(), h.partition()), record.offset() + 1, Math::max);
        deliveries.add(new Delivery(h.subscriptionId(), h.partition(), record));
    }

    private static long key(int subscriptionId, int partition) {
        return ((long) subscriptionId << 32) | (partition & 0xffffffffL);
    }

    /** Where a subscription continues, as SUBSCRIBE or SEEK answered: whole batches may start before. */
    private void positioned(int subscriptionId, Map<Integer, Long> positions) {
        positions.forEach((p, offset) -> nextOffsets.put(key(subscriptionId, p), offset));
    }

    /** How many DELIVER frames carried whole stored batches (format 0). */
    public int batchDeliveries() {
        return batchDeliveries.get();
    }

    /** SEEK; deliveries of whole batches are then filtered from the answered positions on. */
    public SubscribeResponse seek(io.logjms.protocol.api.SeekRequest request) throws Exception {
        return client.request(ApiKey.SEEK, request::writeTo, body -> {
            SubscribeResponse r = SubscribeResponse.readFrom(body);
            positioned(request.subscriptionId(), r.positions());
            return r;
        }).get(10, TimeUnit.SECONDS);
    }

    public static TestClient connect(int port) throws Exception {
        return new TestClient(port, null, null, null);
    }

    public static TestClient connect(int port, String clientId) throws Exception {
        return new TestClient(port, clientId, null, null);
    }

    public static TestClient connect(int port, String clientId, String user, String password) throws Exception {
        return new TestClient(port, clientId, user, password);
    }

    public ProtocolClient protocol() {
        return client;
    }

    public static byte[] textBatch(String... texts) {
        return textBatch(new RecordBatchBuilder(), texts);
    }

    /** A batch of an idempotent producer: producer id, epoch and base sequence stamped. */
    public static byte[] producerBatch(long producerId, int epoch, int baseSequence, String... texts) {
        return textBatch(new RecordBatchBuilder().producer(producerId, (short) epoch, baseSequence), texts);
    }

    private static byte[] textBatch(RecordBatchBuilder b, String... texts) {
        for (String t : texts) {
            MessageHeaders h = new MessageHeaders();
            h.setProperty("text", t);
            b.append(System.currentTimeMillis(), null, MessageHeadersCodec.encode(h), t.getBytes(StandardCharsets.UTF_8));
        }
        var buf = b.build();
        byte[] bytes = new byte[buf.remaining()];
        buf.get(bytes);
        return bytes;
    }

    public ProduceResponse produce(DestinationId d, int partition, String... texts) throws Exception {
        return produceAsync(d, partition, texts).get(10, TimeUnit.SECONDS);
    }

    /** Sends the given batch bytes as they are and waits for the answer. */
    public ProduceResponse produceBatch(DestinationId d, int partition, byte[] batch) throws Exception {
        return client.request(ApiKey.PRODUCE,
                out -> new ProduceRequest(d, partition, Unpooled.wrappedBuffer(batch)).writeTo(out),
                ProduceResponse::readFrom).get(10, TimeUnit.SECONDS);
    }

    /** Asks for a producer identity (INIT_PRODUCER). */
    public io.logjms.protocol.api.InitProducerResponse initProducer(long producerId, int epoch) throws Exception {
        return client.request(ApiKey.INIT_PRODUCER,
                new io.logjms.protocol.api.InitProducerRequest(producerId, (short) epoch)::writeTo,
                io.logjms.protocol.api.InitProducerResponse::readFrom).get(10, TimeUnit.SECONDS);
    }

    /** Sends a batch without waiting; the future completes with the broker's answer. */
    public CompletableFuture<ProduceResponse> produceAsync(DestinationId d, int partition, String... texts) {
        byte[] batch = textBatch(texts);
        return client.request(ApiKey.PRODUCE,
                out -> new ProduceRequest(d, partition, Unpooled.wrappedBuffer(batch)).writeTo(out),
                ProduceResponse::readFrom);
    }

    public void createDestination(DestinationId d, int partitions) throws Exception {
        client.request(ApiKey.CREATE_DESTINATION, new CreateDestinationRequest(d, partitions, Map.of())::writeTo,
                b -> null).get(10, TimeUnit.SECONDS);
    }

    public DescribeDestinationResponse describe(DestinationId d) throws Exception {
        return client.request(ApiKey.DESCRIBE_DESTINATION, new DestinationRequest(d)::writeTo,
                DescribeDestinationResponse::readFrom).get(10, TimeUnit.SECONDS);
    }

    public long logEndOffset(DestinationId d, int partition) throws Exception {
        return describe(d).partitions().get(partition).logEndOffset();
    }

    /**
     * Every batch of a partition from offset 0 to the log end, fetched with FETCH. Each batch is
     * validated ({@link RecordBatch#validate()}) as it is decoded.
     */
    public List<StoredBatch> fetchAll(DestinationId d, int partition) throws Exception {
        List<StoredBatch> batches = new ArrayList<>();
        long offset = 0;
        while (true) {
            long from = offset;
            FetchResult r = client.request(ApiKey.FETCH, new FetchRequest(d, partition, from, 256 * 1024)::writeTo,
                    TestClient::readFetch).get(10, TimeUnit.SECONDS);
            batches.addAll(r.batches());
            if (r.batches().isEmpty() || r.logEnd() <= r.batches().get(r.batches().size() - 1).lastOffset() + 1) {
                return batches;
            }
            offset = r.batches().get(r.batches().size() - 1).lastOffset() + 1;
        }
    }

    private record FetchResult(long logEnd, List<StoredBatch> batches) {
    }

    private static FetchResult readFetch(io.netty.buffer.ByteBuf body) {
        FetchResponseHeader h = FetchResponseHeader.readFrom(body);
        ByteBuffer bytes = ByteBuffer.allocate(h.recordsLength());
        body.readBytes(bytes);
        bytes.flip();
        List<StoredBatch> out = new ArrayList<>();
        while (bytes.hasRemaining()) {
            RecordBatch batch = new RecordBatch(bytes, bytes.position());
            batch.validate();
            List<String> texts = new ArrayList<>();
            batch.records().forEachRemaining(r -> texts.add(StandardCharsets.UTF_8.decode(r.value()).toString()));
            out.add(new StoredBatch(batch.baseOffset(), batch.lastOffset(), texts));
            bytes.position(bytes.position() + batch.sizeInBytes());
        }
        return new FetchResult(h.logEndOffset(), out);
    }

    public SubscribeResponse subscribe(SubscribeRequest request) throws Exception {
        return client.request(ApiKey.SUBSCRIBE, request::writeTo, body -> {
            SubscribeResponse r = SubscribeResponse.readFrom(body);
            positioned(request.subscriptionId(), r.positions());
            return r;
        }).get(10, TimeUnit.SECONDS);
    }

    public void credit(int subscriptionId, int credit) {
        client.sendOneWay(ApiKey.CREDIT, new CreditNotice(subscriptionId, credit)::writeTo);
    }

    public void ack(int subscriptionId, List<RecordRef> refs) throws Exception {
        client.request(ApiKey.ACK, new AckRequest(subscriptionId, refs)::writeTo, b -> null).get(10, TimeUnit.SECONDS);
    }

    public void release(int subscriptionId, boolean delivered, List<RecordRef> refs) throws Exception {
        client.request(ApiKey.RELEASE, new ReleaseRequest(subscriptionId, delivered, refs)::writeTo, b -> null)
                .get(10, TimeUnit.SECONDS);
    }

    /** The next delivery within the timeout, or null. */
    public Delivery next(long millis) throws InterruptedException {
        return deliveries.poll(millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        client.close();
    }
}
