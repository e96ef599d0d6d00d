package io.logjms.broker.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.logjms.broker.Broker;
import io.logjms.protocol.ApiKey;
import io.logjms.protocol.DestinationId;
import io.logjms.protocol.ErrorCode;
import io.logjms.protocol.FrameKind;
import io.logjms.provider.client.ProtocolClient;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random bytes on a fresh connection: pure noise, frame-shaped noise, and noise frames after a valid
 * handshake (so request bodies reach the handlers). The broker answers only with well-formed error
 * responses, never with an unexpected-error code, closes the connection, and a normal client works
 * after every try.
 */
class RandomInputIT {
    private static final DestinationId CHECK = DestinationId.queue("fuzz.check");
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private static Path dataDir;
    private static Broker broker;
    private static long checkRecords;

    @BeforeContainer
    static void start() throws IOException {
        dataDir = Files.createTempDirectory("logjms-random-input");
        broker = Broker.builder().dataDir(dataDir).host("127.0.0.1").port(0).set("max.frame.bytes", "65536")
                .set("max.batch.bytes", "8192").build().start();
    }

    @AfterContainer
    static void stop() throws IOException {
        if (broker != null) {
            broker.close();
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Property(tries = 30)
    void randomBytesNeverBreakTheBroker(@ForAll("inputs") byte[] input) throws Exception {
        byte[] received;
        try (RawConnection raw = RawConnection.open(broker.port())) {
            raw.send(input);
            raw.shutdownOutput();
            received = raw.drainUntilClosed(CLOSE_TIMEOUT);
        }
        for (RawConnection.Response r : RawConnection.parseResponses(received)) {
            assertThat(r.kind()).as("frame kind").isEqualTo(FrameKind.RESPONSE.code());
            assertThat(ErrorCode.fromCode(r.errorCode()).code()).as("a known error code").isEqualTo(r.errorCode());
            assertThat(r.error()).as("no unexpected broker error (message: %s)", r.message())
                    .isNotEqualTo(ErrorCode.UNKNOWN_ERROR);
        }
        assertThat(broker.isRunning()).isTrue();
        try (TestClient client = TestClient.connect(broker.port())) {
            assertThat(client.produce(CHECK, 0, "check-" + checkRecords).baseOffset()).isEqualTo(checkRecords);
            checkRecords++;
            assertThat(client.fetchAll(CHECK, 0)).hasSize((int) checkRecords);
        }
    }

    @Provide
    Arbitrary<byte[]> inputs() {
        Arbitrary<byte[]> noise = Arbitraries.bytes().array(byte[].class).ofMaxSize(512);
        Arbitrary<byte[]> frames = noiseFrame(Arbitraries.shorts().between((short) 0, (short) 20),
                Arbitraries.bytes().between((byte) 0, (byte) 3)).list().ofMinSize(1).ofMaxSize(3).map(RandomInputIT::concat);
        Arbitrary<byte[]> afterHandshake = noiseFrame(
                Arbitraries.of(ApiKey.values()).filter(k -> k != ApiKey.HANDSHAKE).map(ApiKey::id),
                Arbitraries.of(FrameKind.REQUEST.code(), FrameKind.ONE_WAY.code()))
                .list().ofMinSize(1).ofMaxSize(4)
                .map(list -> {
                    List<byte[]> all = new ArrayList<>();
                    all.add(RawConnection.frame(ApiKey.HANDSHAKE.id(), FrameKind.REQUEST, 1,
                            ProtocolClient.handshake(null, null, null)::writeTo));
                    all.addAll(list);
                    return concat(all);
                });
        return Arbitraries.oneOf(noise, frames, afterHandshake);
    }

    /**
     * A frame with a valid length and header and a random body, sometimes cut short, sometimes starting
     * with a valid destination and partition so that the rest reaches deeper into a request's decoding.
     */
    private static Arbitrary<byte[]> noiseFrame(Arbitrary<Short> apiKeys, Arbitrary<Byte> kinds) {
        Arbitrary<byte[]> noise = Arbitraries.bytes().array(byte[].class).ofMaxSize(200);
        Arbitrary<byte[]> destinationFirst = Combinators.combine(
                Arbitraries.of(DestinationId.queue("fuzz.q"), DestinationId.topic("fuzz.t")),
                Arbitraries.integers().between(-1, 2), noise).as((d, partition, rest) -> {
                    ByteBuf b = Unpooled.buffer();
                    d.writeTo(b);
                    b.writeInt(partition).writeBytes(rest);
                    byte[] bytes = new byte[b.readableBytes()];
                    b.readBytes(bytes);
                    return bytes;
                });
        Arbitrary<byte[]> bodies = Arbitraries.oneOf(noise, destinationFirst);
        return Combinators.combine(apiKeys, kinds, Arbitraries.integers(), bodies, Arbitraries.integers().between(0, 9))
                .as((api, kind, correlationId, body, cut) -> {
                    ByteBuf buf = Unpooled.buffer();
                    buf.writeInt(7 + body.length).writeShort(api).writeByte(kind).writeInt(correlationId).writeBytes(body);
                    byte[] bytes = new byte[buf.readableBytes() - (cut == 0 ? Math.min(body.length, 5) : 0)];
                    buf.readBytes(bytes);
                    return bytes;
                });
    }

    private static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }
}
