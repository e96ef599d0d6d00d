package io.logjms.protocol.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logjms.protocol.DestinationId;
import io.logjms.protocol.MalformedFrameException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class RequestCodecTest {

    private static <T> T roundTrip(Consumer<ByteBuf> writer, Function<ByteBuf, T> reader) {
        ByteBuf buf = Unpooled.buffer();
        try {
            writer.accept(buf);
            T value = reader.apply(buf);
            assertThat(buf.isReadable()).as("all bytes consumed").isFalse();
            return value;
        } finally {
            buf.release();
        }
    }

    @Property(tries = 100)
    void subscribeRoundTrips(@ForAll int id, @ForAll @StringLength(min = 1, max = 50) String name,
                             @ForAll @StringLength(max = 80) String selector, @ForAll long ts,
                             @ForAll @IntRange(min = 0, max = 2) int start, @ForAll @IntRange(min = 0) int credit) {
        SubscribeRequest req = new SubscribeRequest(id, DestinationId.topic(name), SubscriptionKind.SHARED_DURABLE,
                name, selector, true, StartPosition.values()[start], ts, credit);
        assertThat(roundTrip(req::writeTo, SubscribeRequest::readFrom)).isEqualTo(req);
    }

    @Property(tries = 100)
    void handshakeRoundTrips(@ForAll short min, @ForAll short max, @ForAll @StringLength(max = 40) String clientId,
                             @ForAll @StringLength(max = 40) String user) {
        HandshakeRequest req = new HandshakeRequest(min, max, clientId, user, null, "test");
        assertThat(roundTrip(req::writeTo, HandshakeRequest::readFrom)).isEqualTo(req);
    }

    @Property(tries = 100)
    void aHandshakePresentingAnOriginRoundTrips(@ForAll @StringLength(min = 1, max = 40) String origin) {
        HandshakeRequest req = new HandshakeRequest((short) 1, (short) 1, "client", null, null, "test")
                .withOrigin(origin);
        assertThat(roundTrip(req::writeTo, HandshakeRequest::readFrom)).isEqualTo(req);
    }

    @Test
    void aHandshakeWithoutOriginEndsWhereAnOlderClientsDid() {
        HandshakeRequest req = new HandshakeRequest((short) 1, (short) 1, "client", "u", "p", "test");
        io.netty.buffer.ByteBuf withField = io.netty.buffer.Unpooled.buffer();
        io.netty.buffer.ByteBuf without = io.netty.buffer.Unpooled.buffer();
        try {
            req.withOrigin("c1").writeTo(withField);
            req.writeTo(without);
            assertThat(withField.readableBytes()).isGreaterThan(without.readableBytes());
            assertThat(HandshakeRequest.readFrom(without).origin()).isNull();
        } finally {
            withField.release();
            without.release();
        }
    }

    @Test
    void otherBodiesRoundTrip() {
        MetadataRequest meta = new MetadataRequest(List.of(DestinationId.queue("q"), DestinationId.topic("t")), true);
        assertThat(roundTrip(meta::writeTo, MetadataRequest::readFrom)).isEqualTo(meta);
        CreateDestinationRequest create = new CreateDestinationRequest(DestinationId.topic("t"), 3,
                Map.of("retention.ms", "1000"));
        assertThat(roundTrip(create::writeTo, CreateDestinationRequest::readFrom)).isEqualTo(create);
        DescribeDestinationResponse describe = new DescribeDestinationResponse(DestinationId.topic("t"), Map.of(),
                List.of(new DescribeDestinationResponse.PartitionState(0, 5, 10)));
        assertThat(roundTrip(describe::writeTo, DescribeDestinationResponse::readFrom)).isEqualTo(describe);
        FetchRequest fetch = new FetchRequest(DestinationId.queue("q"), 2, 99L, 4096);
        assertThat(roundTrip(fetch::writeTo, FetchRequest::readFrom)).isEqualTo(fetch);
        CommitRequest commit = new CommitRequest(List.of(), List.of(new AckRequest(3, List.of(new RecordRef(1, 9L)))));
        assertThat(roundTrip(commit::writeTo, CommitRequest::readFrom)).isEqualTo(commit);
        BrowseResponse page = new BrowseResponse(List.of(), Map.of(0, 7L), true);
        assertThat(roundTrip(page::writeTo, BrowseResponse::readFrom)).isEqualTo(page);
        SubscribeResponse positions = new SubscribeResponse(Map.of(0, 4L));
        assertThat(roundTrip(positions::writeTo, SubscribeResponse::readFrom)).isEqualTo(positions);
    }

    @Test
    void clusterFieldsRoundTrip() {
        CreateDestinationRequest create = new CreateDestinationRequest(DestinationId.queue("q"), 2, Map.of(), 3);
        assertThat(roundTrip(create::writeTo, CreateDestinationRequest::readFrom)).isEqualTo(create);
        DescribeDestinationResponse describe = new DescribeDestinationResponse(DestinationId.topic("t"),
                Map.of("replication.factor", "3"), List.of(new DescribeDestinationResponse.PartitionState(1, 0, 7, 2,
                        List.of(2, 3, 1), List.of(2, 1), 4, 6)));
        assertThat(roundTrip(describe::writeTo, DescribeDestinationResponse::readFrom)).isEqualTo(describe);
        ClusterDescription cluster = new ClusterDescription("logjms", 1, List.of(
                new ClusterDescription.Member(1, "10.0.0.1", 7878, true),
                new ClusterDescription.Member(2, "10.0.0.2", 40123, false)));
        assertThat(roundTrip(cluster::writeTo, ClusterDescription::readFrom)).isEqualTo(cluster);
    }

    @Test
    void aCreateWithoutReplicationFactorTakesTheDefault() {
        ByteBuf old = Unpooled.buffer();
        DestinationId.topic("t").writeTo(old);
        old.writeInt(2);
        io.logjms.protocol.Wire.writeStringMap(old, Map.of());

        assertThat(CreateDestinationRequest.readFrom(old).replicationFactor())
                .isEqualTo(CreateDestinationRequest.DEFAULT_REPLICATION_FACTOR);
        old.release();
        ByteBuf zero = Unpooled.buffer();
        new CreateDestinationRequest(DestinationId.topic("t"), 2, Map.of(), 0).writeTo(zero);
        assertThatThrownBy(() -> CreateDestinationRequest.readFrom(zero))
                .hasMessageContaining("replicationFactor").hasMessageContaining("must be at least 1");
        zero.release();
    }

    @Test
    void truncatedBodiesAreMalformedNeverIndexErrors() {
        SubscribeRequest req = SubscribeRequest.nonDurable(1, DestinationId.topic("orders"), StartPosition.EARLIEST, 0L,
                "color = 'red'", 100);
        ByteBuf full = Unpooled.buffer();
        req.writeTo(full);
        for (int cut = 0; cut < full.readableBytes(); cut++) {
            ByteBuf truncated = full.slice(0, cut);
            assertThatThrownBy(() -> SubscribeRequest.readFrom(truncated)).isInstanceOf(MalformedFrameException.class);
        }
        full.release();
    }

    @Test
    void hugeCountsAreRejectedBeforeAllocation() {
        ByteBuf buf = Unpooled.buffer().writeInt(Integer.MAX_VALUE);
        assertThatThrownBy(() -> MetadataRequest.readFrom(buf)).isInstanceOf(MalformedFrameException.class)
                .hasMessageContaining("does not fit");
        buf.release();
    }
}
