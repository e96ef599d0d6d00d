package io.logjms.protocol.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logjms.protocol.DestinationId;
import io.logjms.protocol.ErrorCode;
import io.logjms.protocol.InvalidRequestException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cluster parts of METADATA and SUBSCRIBE, and that bodies without them read as before. */
class ClusterMetadataCodecTest {
    private static final DestinationId ORDERS = DestinationId.topic("orders");

    private static final MetadataResponse CLUSTERED = new MetadataResponse(List.of(
            new MetadataResponse.Entry(ORDERS, ErrorCode.NONE, null, 2, List.of(
                    new MetadataResponse.PartitionLeader(1, 4), new MetadataResponse.PartitionLeader(-1, 7))),
            new MetadataResponse.Entry(DestinationId.queue("gone"), ErrorCode.UNKNOWN_DESTINATION, "no such queue", 0)),
            2, List.of(new MetadataResponse.Broker(1, "127.0.0.1", 40001), new MetadataResponse.Broker(2, "b2", 7878)));

    @Test
    void metadataWithItsClusterPartRoundTrips() {
        ByteBuf buf = Unpooled.buffer();
        CLUSTERED.writeTo(buf);
        assertThat(MetadataResponse.readFrom(buf)).isEqualTo(CLUSTERED);
        assertThat(buf.isReadable()).isFalse();
        buf.release();
    }

    @Test
    void theClusterPartFollowsTheDestinationsAsTheyWereSentBefore() {
        ByteBuf before = Unpooled.buffer();
        ByteBuf now = Unpooled.buffer();
        writeWithoutClusterPart(CLUSTERED, before);
        CLUSTERED.writeTo(now);
        assertThat(ByteBufUtil.hexDump(now)).as("a reader that stops after the list reads the same bytes")
                .startsWith(ByteBufUtil.hexDump(before));
        before.release();
        now.release();
    }

    @Test
    void anAnswerWithoutClusterPartReadsWithoutLeaders() {
        ByteBuf old = Unpooled.buffer();
        writeWithoutClusterPart(CLUSTERED, old);
        MetadataResponse read = MetadataResponse.readFrom(old);
        assertThat(read.answeringNode()).isEqualTo(MetadataResponse.UNKNOWN_NODE);
        assertThat(read.brokers()).isEmpty();
        assertThat(read.destinations()).extracting(MetadataResponse.Entry::partitions).containsExactly(2, 0);
        assertThat(read.destinations().get(0).leaders()).isEmpty();
        old.release();
    }

    @Test
    void subscribeWithAPartitionSubsetRoundTripsAndWithoutOneIsTheOldBody() {
        SubscribeRequest all = SubscribeRequest.nonDurable(3, ORDERS, StartPosition.EARLIEST, 0, "a > 1", 100);
        SubscribeRequest some = all.forPartitions(List.of(0, 2));
        ByteBuf buf = Unpooled.buffer();
        some.writeTo(buf);
        assertThat(SubscribeRequest.readFrom(buf)).isEqualTo(some);
        ByteBuf plain = Unpooled.buffer();
        all.writeTo(plain);
        assertThat(bytesOf(some)).as("the subset is a count and the partitions after the old body")
                .isEqualTo(plain.readableBytes() + 4 + 2 * 4);
        assertThat(SubscribeRequest.readFrom(plain).partitions()).isEmpty();
        buf.release();
        plain.release();
    }

    @Test
    void anEmptyPresentSubsetIsRefused() {
        ByteBuf buf = Unpooled.buffer();
        SubscribeRequest.nonDurable(3, ORDERS, StartPosition.EARLIEST, 0, null, 100).writeTo(buf);
        buf.writeInt(0);
        assertThatThrownBy(() -> SubscribeRequest.readFrom(buf)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("partitions");
        buf.release();
    }

    private static int bytesOf(SubscribeRequest request) {
        ByteBuf buf = Unpooled.buffer();
        request.writeTo(buf);
        int n = buf.readableBytes();
        buf.release();
        return n;
    }

    /** The body as brokers without clusters wrote it. */
    private static void writeWithoutClusterPart(MetadataResponse response, ByteBuf out) {
        out.writeInt(response.destinations().size());
        for (MetadataResponse.Entry e : response.destinations()) {
            e.destination().writeTo(out);
            out.writeShort(e.error().code());
            io.logjms.protocol.Wire.writeString(out, e.message());
            out.writeInt(e.partitions());
        }
    }
}
