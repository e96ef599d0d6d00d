package io.logjms.protocol.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logjms.protocol.InvalidRequestException;
import io.logjms.protocol.MalformedFrameException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SUBSCRIPTION_PARTITIONS (39) and PARTITIONS_LOST (40) share one body: round trips and refused values. */
class SubscriptionPartitionsCodecTest {

    @Test
    void theBodySurvivesTheWireWithAnyNumberOfPartitions() {
        for (List<Integer> partitions : List.of(List.<Integer>of(), List.of(0), List.of(2, 0, 7))) {
            SubscriptionPartitions body = new SubscriptionPartitions(5, partitions);
            ByteBuf buf = Unpooled.buffer();
            try {
                body.writeTo(buf);
                assertThat(buf.readableBytes()).isEqualTo(8 + 4 * partitions.size());
                assertThat(SubscriptionPartitions.readFrom(buf)).isEqualTo(body);
                assertThat(buf.readableBytes()).isZero();
            } finally {
                buf.release();
            }
        }
    }

    @Test
    void aNegativePartitionOrACountBeyondTheFrameIsRefused() {
        ByteBuf negative = Unpooled.buffer().writeInt(1).writeInt(1).writeInt(-2);
        ByteBuf tooMany = Unpooled.buffer().writeInt(1).writeInt(1000).writeInt(3);
        try {
            assertThatThrownBy(() -> SubscriptionPartitions.readFrom(negative)).isInstanceOf(InvalidRequestException.class)
                    .satisfies(e -> assertThat(((InvalidRequestException) e).field()).isEqualTo("partition"));
            assertThatThrownBy(() -> SubscriptionPartitions.readFrom(tooMany)).isInstanceOf(MalformedFrameException.class)
                    .hasMessageContaining("partition count");
        } finally {
            negative.release();
            tooMany.release();
        }
    }
}
