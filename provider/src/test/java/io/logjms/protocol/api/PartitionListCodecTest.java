package io.logjms.protocol.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logjms.protocol.InvalidRequestException;
import io.logjms.protocol.MalformedFrameException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** SUBSCRIPTION_PARTITIONS (39) and PARTITIONS_LOST (40): a subscription id and a list of partitions. */
class PartitionListCodecTest {

    @Property(tries = 100)
    void bothRoundTrip(@ForAll int id, @ForAll @Size(max = 20) List<@IntRange(min = 0, max = 1000) Integer> partitions) {
        SubscriptionPartitionsRequest request = new SubscriptionPartitionsRequest(id, partitions);
        PartitionsLostNotice notice = new PartitionsLostNotice(id, partitions);
        ByteBuf buf = Unpooled.buffer();
        try {
            request.writeTo(buf);
            assertThat(SubscriptionPartitionsRequest.readFrom(buf)).isEqualTo(request);
            notice.writeTo(buf);
            assertThat(PartitionsLostNotice.readFrom(buf)).isEqualTo(notice);
            assertThat(buf.isReadable()).isFalse();
        } finally {
            buf.release();
        }
    }

    @Test
    void truncatedBodiesAreMalformedAndNegativePartitionsRefused() {
        ByteBuf full = Unpooled.buffer();
        new SubscriptionPartitionsRequest(4, List.of(0, 2)).writeTo(full);
        for (int cut = 0; cut < full.readableBytes(); cut++) {
            ByteBuf truncated = full.slice(0, cut);
            assertThatThrownBy(() -> SubscriptionPartitionsRequest.readFrom(truncated))
                    .isInstanceOf(MalformedFrameException.class);
        }
        full.release();

        ByteBuf negative = Unpooled.buffer().writeInt(4).writeInt(1).writeInt(-1);
        assertThatThrownBy(() -> PartitionsLostNotice.readFrom(negative)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("partition");
        negative.release();

        ByteBuf huge = Unpooled.buffer().writeInt(4).writeInt(Integer.MAX_VALUE);
        assertThatThrownBy(() -> SubscriptionPartitionsRequest.readFrom(huge))
                .isInstanceOf(MalformedFrameException.class).hasMessageContaining("does not fit");
        huge.release();
    }
}
