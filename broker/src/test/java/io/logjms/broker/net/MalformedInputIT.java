package io.logjms.broker.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.logjms.broker.Broker;
import io.logjms.protocol.ApiKey;
import io.logjms.protocol.DestinationId;
import io.logjms.protocol.ErrorCode;
import io.logjms.protocol.FrameKind;
import io.logjms.protocol.api.FetchRequest;
import io.logjms.protocol.api.HandshakeRequest;
import io.logjms.protocol.api.MetadataRequest;
import io.logjms.protocol.api.NameRequest;
import io.logjms.protocol.api.ProduceRequest;
import io.logjms.protocol.api.ProduceResponse;
import io.logjms.protocol.api.ResetSubscriptionRequest;
import io.logjms.protocol.api.SeekMode;
import io.logjms.protocol.api.StartPosition;
import io.logjms.protocol.api.SubscribeRequest;
import io.logjms.protocol.record.RecordBatchLayout;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bytes that break the protocol, sent on a raw socket: the broker answers with the documented error
 * where it can, closes the offending connection when the error calls for it, writes nothing it should
 * not, and a well-behaved client on another connection goes on producing and consuming throughout.
 */
@Timeout(30)
class MalformedInputIT {
    private static final int MAX_FRAME_BYTES = 65_536;
    private static final int MAX_BATCH_BYTES = 8_192;
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
    private static final DestinationId EVENTS = DestinationId.topic("steady.events");
    private static final DestinationId ORDERS = DestinationId.queue("orders");
    private static final int SUBSCRIPTION = 1;

    @TempDir
    Path dataDir;
    Broker broker;
    TestClient bystander;
    final List<String> events = new ArrayList<>();
    final List<String> orders = new ArrayList<>(List.of("order-1", "order-2"));

    @BeforeEach
    void startBrokerWithAWellBehavedClient() throws Exception {
        broker = Broker.builder().dataDir(dataDir).host("127.0.0.1").port(0)
                .set("max.frame.bytes", Integer.toString(MAX_FRAME_BYTES))
                .set("max.batch.bytes", Integer.toString(MAX_BATCH_BYTES))
                .build().start();
        bystander = TestClient.connect(broker.port(), "bystander");
        bystander.produce(ORDERS, 0, orders.toArray(String[]::new));
        bystander.subscribe(SubscribeRequest.nonDurable(SUBSCRIPTION, EVENTS, StartPosition.EARLIEST, 0, null, 1000));
        bystanderProducesAndConsumes("before");
    }

    @AfterEach
    void stop() {
        if (bystander != null) {
            bystander.close();
        }
        broker.close();
    }

    static Stream<Arguments> garbage() {
        return Stream.of(
                Arguments.of("an HTTP request (its first four bytes read as a 1.2 GB length)",
                        "GET / HTTP/1.1\r\nHost: broker\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
                        ErrorCode.FRAME_TOO_LARGE),
                Arguments.of("a length with the top bit set (read as 4 GB, not as negative)",
                        bytes(0xff, 0xff, 0xff, 0xf0, 1, 2, 3, 4, 5, 6, 7, 8), ErrorCode.FRAME_TOO_LARGE),
                Arguments.of("an unknown frame kind", bytes(0, 0, 0, 7, 0, 1, 9, 0, 0, 0, 5),
                        ErrorCode.MALFORMED_FRAME));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("garbage")
    void garbageIsRefusedAndTheConnectionClosed(String what, byte[] bytes, ErrorCode expected) throws Exception {
        try (RawConnection raw = RawConnection.open(broker.port())) {
            raw.send(bytes);
            RawConnection.Response r = raw.expectError(expected, (short) 0, 0);
            if (expected == ErrorCode.FRAME_TOO_LARGE) {
                assertThat(r.message()).as("names the size and the limit")
                        .matches("frame of \\d+ bytes .*max\\.frame\\.bytes.* " + MAX_FRAME_BYTES + " bytes.*");
            }
            assertThat(raw.closedByBroker(CLOSE_TIMEOUT)).as("closed after %s", what).isTrue();
        }
        assertBystanderUnaffected();
    }

    @Test
    void closingAfterAMalformedFrameIsLoggedOnceAtInfo() throws Exception {
        byte[] unknownKind = bytes(0, 0, 0, 7, 0, 1, 9, 0, 0, 0, 5);
        for (byte[] input : List.of(unknownKind, concat(unknownKind, unknownKind, bytes(0, 0, 0, 3, 0, 1, 0)))) {
            List<LogCapture.Event> closings;
            try (LogCapture log = LogCapture.start()) {
                try (RawConnection raw = RawConnection.open(broker.port())) {
                    raw.send(input);
                    raw.expectError(ErrorCode.MALFORMED_FRAME, (short) 0, 0);
                    assertThat(raw.closedByBroker(CLOSE_TIMEOUT)).isTrue();
                }
                assertBystanderUnaffected();
                closings = log.events().stream().filter(e -> e.message().startsWith("closing")).toList();
                assertThat(log.aboveInfo()).as("nothing above INFO for bad client input").isEmpty();
            }
            assertThat(closings).as("closing lines for %d bytes of input", input.length).hasSize(1);
            assertThat(closings.get(0).level()).isEqualTo("INFO");
            assertThat(closings.get(0).message()).contains("MALFORMED_FRAME", "unknown frame kind 9");
        }
    }

    static Stream<Arguments> invalidBodies() {
        return Stream.of(
                Arguments.of(ApiKey.DESCRIBE_SUBSCRIPTION, (Consumer<ByteBuf>) new NameRequest(null)::writeTo,
                        "DESCRIBE_SUBSCRIPTION: subscriptionId must not be null"),
                Arguments.of(ApiKey.RESET_SUBSCRIPTION,
                        (Consumer<ByteBuf>) new ResetSubscriptionRequest(null, SeekMode.END, 0, -1, false)::writeTo,
                        "RESET_SUBSCRIPTION: subscriptionId must not be null"),
                Arguments.of(ApiKey.FETCH, (Consumer<ByteBuf>) new FetchRequest(ORDERS, -1, 0, 1024)::writeTo,
                        "FETCH: partition must not be negative (was -1)"),
                Arguments.of(ApiKey.SEEK, (Consumer<ByteBuf>) b -> b.writeInt(SUBSCRIPTION).writeByte(99).writeLong(0)
                        .writeInt(-1), "SEEK: unknown seek mode 99"),
                Arguments.of(ApiKey.METADATA, (Consumer<ByteBuf>) b -> b.writeInt(Integer.MIN_VALUE),
                        "METADATA: destination count " + Integer.MIN_VALUE + " does not fit in the frame"),
                Arguments.of(ApiKey.SUBSCRIBE, (Consumer<ByteBuf>) b -> b.writeInt(7).writeByte(1).writeShort(3),
                        "SUBSCRIBE: frame ends inside string"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("invalidBodies")
    void requestWithAnInvalidFieldIsRefusedNamingItAndTheConnectionKept(ApiKey api, Consumer<ByteBuf> body,
                                                                        String message) throws Exception {
        try (RawConnection raw = RawConnection.openWithHandshake(broker.port())) {
            int id = raw.sendRequest(api.id(), body);
            RawConnection.Response r = raw.expectError(ErrorCode.INVALID_REQUEST, api.id(), id);
            assertThat(r.message()).startsWith(message);
            assertSameConnectionServes(raw);
        }
        assertBystanderUnaffected();
    }

    @Test
    void oneWayFrameWithAnInvalidFieldIsDroppedAndTheConnectionKept() throws Exception {
        try (RawConnection raw = RawConnection.openWithHandshake(broker.port())) {
            raw.send(RawConnection.frame(ApiKey.CREDIT.id(), FrameKind.ONE_WAY, 0, b -> b.writeInt(1).writeShort(7)));
            raw.send(RawConnection.frame(ApiKey.ACK.id(), FrameKind.ONE_WAY, 0, b -> b.writeInt(1).writeInt(-1)));
            assertSameConnectionServes(raw);
        }
        assertBystanderUnaffected();
    }

    private static void assertSameConnectionServes(RawConnection raw) throws Exception {
        RawConnection.Response ok = raw.request(ApiKey.METADATA.id(), new MetadataRequest(List.of(ORDERS), false)::writeTo);
        assertThat(ok.error()).as("same connection still serves: %s", ok.message()).isEqualTo(ErrorCode.NONE);
    }

    @Test
    void clientSendingAResponseFrameIsRefused() throws Exception {
        try (RawConnection raw = RawConnection.openWithHandshake(broker.port())) {
            raw.send(RawConnection.frame(ApiKey.METADATA.id(), FrameKind.RESPONSE, 77, b -> b.writeShort(0)));
            raw.expectError(ErrorCode.MALFORMED_FRAME, ApiKey.METADATA.id(), 77);
            assertThat(raw.closedByBroker(CLOSE_TIMEOUT)).isTrue();
        }
        assertBystanderUnaffected();
    }

    @Test
    void lengthAboveTheMaximumIsRefusedBeforeTheBodyArrives() throws Exception {
        for (int length : new int[] {MAX_FRAME_BYTES + 1, Integer.MAX_VALUE}) {
            try (RawConnection raw = RawConnection.openWithHandshake(broker.port())) {
                raw.send(ByteBuffer.allocate(4).putInt(length).array());
                RawConnection.Response r = raw.expectError(ErrorCode.FRAME_TOO_LARGE, (short) 0, 0);
                assertThat(r.message()).as("names the size and the limit")
                        .contains("frame of " + length + " bytes").contains("max.frame.bytes")
                        .contains(MAX_FRAME_BYTES + " bytes");
                assertThat(raw.closedByBroker(CLOSE_TIMEOUT)).as("closed after length %d", length).isTrue();
            }
        }
        assertBystanderUnaffected();
    }

    @Test
    void lengthOfExactlyTheMaximumWaitsForTheBody() throws Exception {
        try (RawConnection raw = RawConnection.openWithHandshake(broker.port())) {
            raw.send(ByteBuffer.allocate(4).putInt(MAX_FRAME_BYTES).array());
            assertThat(raw.closedByBroker(Duration.ofMillis(300))).as("a frame of the maximum size is allowed").isFalse();
        }
        assertBystanderUnaffected();
    }

    @Test
    void frameShorterThanItsHeaderIsMalformed() throws Exception {
        for (byte[] bytes : List.of(bytes(0, 0, 0, 3, 0, 1, 0), bytes(0, 0, 0, 0))) {
            try (RawConnection raw = RawConnection.open(broker.port())) {
                raw.send(bytes);
                raw.expectError(ErrorCode.MALFORMED_FRAME, (short) 0, 0);
                assertThat(raw.closedByBroker(CLOSE_TIMEOUT)).isTrue();
            }
        }
        assertBystanderUnaffected();
    }

    @Test
    void truncatedFrameFollowedByCloseWritesNothing() throws Exception {
        long end = bystander.logEndOffset(ORDERS, 0);
        byte[] produce = RawConnection.frame(ApiKey.PRODUCE.id(), FrameKind.REQUEST, 5,
                new ProduceRequest(ORDERS, 0, Unpooled.wrappedBuffer(TestClient.textBatch("torn")))::writeTo);
        try (RawConnection raw = RawConnection.openWithHandshake(broker.port())) {
            raw.send(Arrays.copyOf(produce, produce.length / 2));
            raw.shutdownOutput();
            assertThat(raw.closedByBroker(CLOSE_TIMEOUT)).as("closed without an answer").isTrue();
        }
        assertThat(bystander.logEndOffset(ORDERS, 0)).isEqualTo(end);
        assertBystanderUnaffected();
    }

    @Test
    void unknownApiKeyIsRefusedWithItsCorrelationId() throws Exception {
        try (RawConnection raw = RawConnection.openWithHandshake(broker.port())) {
            raw.send(RawConnection.frame((short) 999, FrameKind.REQUEST, 4242, b -> b.writeInt(1)));
            raw.expectError(ErrorCode.UNKNOWN_REQUEST, (short) 999, 4242);
            assertThat(raw.closedByBroker(CLOSE_TIMEOUT)).isTrue();
        }
        assertBystanderUnaffected();
    }

    @Test
    void requestBeforeTheHandshakeIsRefused() throws Exception {
        try (RawConnection raw = RawConnection.open(broker.port())) {
            int id = raw.sendRequest(ApiKey.METADATA.id(), new MetadataRequest(List.of(), false)::writeTo);
            raw.expectError(ErrorCode.HANDSHAKE_REQUIRED, ApiKey.METADATA.id(), id);
            assertThat(raw.closedByBroker(CLOSE_TIMEOUT)).isTrue();
        }
        assertBystanderUnaffected();
    }

    @Test
    void framesPipelinedAfterAClosingErrorAreIgnored() throws Exception {
        long end = bystander.logEndOffset(ORDERS, 0);
        byte[] produce = RawConnection.frame(ApiKey.PRODUCE.id(), FrameKind.REQUEST, 3,
                new ProduceRequest(ORDERS, 0, Unpooled.wrappedBuffer(TestClient.textBatch("after-refusal")))::writeTo);
        try (RawConnection raw = RawConnection.open(broker.port())) {
            raw.send(concat(
                    RawConnection.frame(ApiKey.METADATA.id(), FrameKind.REQUEST, 1,
                            new MetadataRequest(List.of(), false)::writeTo),
                    RawConnection.frame(ApiKey.HANDSHAKE.id(), FrameKind.REQUEST, 2,
                            new HandshakeRequest((short) 1, (short) 1, null, null, null, "raw-test")::writeTo),
                    produce));
            raw.expectError(ErrorCode.HANDSHAKE_REQUIRED, ApiKey.METADATA.id(), 1);
            assertThat(raw.closedByBroker(CLOSE_TIMEOUT)).as("nothing answered after the refusal").isTrue();
        }
        try (RawConnection raw = RawConnection.openWithHandshake(broker.port())) {
            raw.send(concat(RawConnection.frame((short) 999, FrameKind.REQUEST, 2, b -> { }), produce));
            raw.expectError(ErrorCode.UNKNOWN_REQUEST, (short) 999, 2);
            assertThat(raw.closedByBroker(CLOSE_TIMEOUT)).as("nothing answered after the refusal").isTrue();
        }
        assertThat(bystander.logEndOffset(ORDERS, 0)).as("nothing appended from a refused connection").isEqualTo(end);
        assertBystanderUnaffected();
    }

    static Stream<Arguments> corruptions() {
        return Stream.of(
                Arguments.of("a flipped bit in a record", RecordBatchLayout.RECORDS_OFFSET + 3),
                Arguments.of("a flipped bit in the stored CRC", RecordBatchLayout.CRC_OFFSET + 2),
                Arguments.of("a flipped bit in the record count", RecordBatchLayout.RECORD_COUNT_OFFSET + 3),
                Arguments.of("a flipped bit in the batch length", RecordBatchLayout.BATCH_LENGTH_OFFSET + 3));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corruptions")
    void corruptBatchIsRefusedAndNothingIsAppended(String what, int flippedByte) throws Exception {
        long end = bystander.logEndOffset(ORDERS, 0);
        byte[] batch = TestClient.textBatch("bad-1", "bad-2");
        batch[flippedByte] ^= 0x01;
        try (RawConnection raw = RawConnection.openWithHandshake(broker.port())) {
            int id = raw.sendRequest(ApiKey.PRODUCE.id(),
                    new ProduceRequest(ORDERS, 0, Unpooled.wrappedBuffer(batch))::writeTo);
            raw.expectError(ErrorCode.CORRUPT_BATCH, ApiKey.PRODUCE.id(), id);
            assertThat(raw.closedByBroker(CLOSE_TIMEOUT)).as("closed after %s", what).isTrue();
        }
        assertThat(bystander.logEndOffset(ORDERS, 0)).as("log end offset").isEqualTo(end);
        assertBystanderUnaffected();
    }

    @Test
    void oversizeBatchIsRefusedAndTheConnectionKept() throws Exception {
        long end = bystander.logEndOffset(ORDERS, 0);
        String big = "x".repeat(3_000);
        byte[] oversize = TestClient.textBatch(big, big, big);
        assertThat(oversize.length).isGreaterThan(MAX_BATCH_BYTES).isLessThan(MAX_FRAME_BYTES);
        try (RawConnection raw = RawConnection.openWithHandshake(broker.port())) {
            int id = raw.sendRequest(ApiKey.PRODUCE.id(),
                    new ProduceRequest(ORDERS, 0, Unpooled.wrappedBuffer(oversize))::writeTo);
            raw.expectError(ErrorCode.BATCH_TOO_LARGE, ApiKey.PRODUCE.id(), id);

            RawConnection.Response ok = raw.request(ApiKey.PRODUCE.id(),
                    new ProduceRequest(ORDERS, 0, Unpooled.wrappedBuffer(TestClient.textBatch("order-3")))::writeTo);
            assertThat(ok.error()).as("same connection still serves: %s", ok.message()).isEqualTo(ErrorCode.NONE);
            assertThat(ProduceResponse.readFrom(ok.restBuffer()).baseOffset()).isEqualTo(end);
            orders.add("order-3");
        }
        assertThat(bystander.logEndOffset(ORDERS, 0)).isEqualTo(end + 1);
        assertBystanderUnaffected();
    }

    static Stream<Arguments> versionRanges() {
        return Stream.of(Arguments.of((short) 2, (short) 9), Arguments.of((short) 0, (short) 0),
                Arguments.of((short) 5, (short) 1));
    }

    @ParameterizedTest(name = "versions {0}..{1}")
    @MethodSource("versionRanges")
    void handshakeWithoutACommonVersionIsRefused(short min, short max) throws Exception {
        try (RawConnection raw = RawConnection.open(broker.port())) {
            int id = raw.sendRequest(ApiKey.HANDSHAKE.id(),
                    new HandshakeRequest(min, max, null, null, null, "raw-test")::writeTo);
            RawConnection.Response r = raw.expectError(ErrorCode.UNSUPPORTED_VERSION, ApiKey.HANDSHAKE.id(), id);
            assertThat(r.message()).contains(min + ".." + max);
            assertThat(raw.closedByBroker(CLOSE_TIMEOUT)).isTrue();
        }
        assertBystanderUnaffected();
    }

    /** The other client still produces and receives, and everything stored before is still there. */
    private void assertBystanderUnaffected() throws Exception {
        assertThat(bystander.protocol().isOpen()).as("well-behaved connection still open").isTrue();
        bystanderProducesAndConsumes("after-" + events.size());
        assertThat(texts(bystander.fetchAll(EVENTS, 0))).containsExactlyElementsOf(events);
        assertThat(texts(bystander.fetchAll(ORDERS, 0))).containsExactlyElementsOf(orders);
    }

    private void bystanderProducesAndConsumes(String text) throws Exception {
        ProduceResponse r = bystander.produce(EVENTS, 0, text);
        assertThat(r.baseOffset()).isEqualTo(events.size());
        events.add(text);
        TestClient.Delivery d = bystander.next(5_000);
        assertThat(d).as("delivery of %s", text).isNotNull();
        assertThat(d.text()).isEqualTo(text);
        assertThat(d.record().offset()).isEqualTo(r.baseOffset());
    }

    private static List<String> texts(List<TestClient.StoredBatch> batches) {
        return batches.stream().flatMap(b -> b.texts().stream()).toList();
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }
}
