package io.logjms.provider.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logjms.protocol.ApiKey;
import io.logjms.protocol.DestinationId;
import io.logjms.protocol.ErrorCode;
import io.logjms.protocol.FrameKind;
import io.logjms.protocol.FrameLayout;
import io.logjms.protocol.Frames;
import io.logjms.protocol.api.CommitRequest;
import io.logjms.protocol.api.ProduceRequest;
import io.logjms.provider.client.LimitExceededException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The client's size checks, measured against the bytes the encoders really write. */
class SendLimitsTest {
    private static final DestinationId ORDERS = DestinationId.queue("orders-ünïcode");

    private static OutgoingRecord record(int valueBytes, String key) {
        return new OutgoingRecord(ORDERS, 0, 1_700_000_000_000L,
                key == null ? null : key.getBytes(StandardCharsets.UTF_8), new byte[37], new byte[valueBytes]);
    }

    private static ByteBuffer batchOf(OutgoingRecord r) {
        return BatchAssembler.single(List.of(r)).batch();
    }

    private static int frameBytes(ApiKey api, Consumer<ByteBuf> body) {
        ByteBuf buf = Frames.start(UnpooledByteBufAllocator.DEFAULT, api, FrameKind.REQUEST, 1);
        try {
            body.accept(buf);
            Frames.finish(buf);
            return buf.readableBytes() - FrameLayout.LENGTH_FIELD_SIZE;
        } finally {
            buf.release();
        }
    }

    private static int produceFrame(OutgoingRecord r) {
        return frameBytes(ApiKey.PRODUCE,
                new ProduceRequest(ORDERS, 0, Unpooled.wrappedBuffer(batchOf(r)))::writeTo);
    }

    private static int commitFrame(OutgoingRecord r) {
        CommitRequest.Produce p = new CommitRequest.Produce(ORDERS, 0, Unpooled.wrappedBuffer(batchOf(r)));
        return frameBytes(ApiKey.COMMIT, new CommitRequest(List.of(p), List.of())::writeTo);
    }

    @Test
    void aRecordExactlyAtEachLimitPassesAndOneByteMoreIsRefused() {
        for (int value : new int[] {0, 100, 127, 128, 16_383, 16_384, 70_000}) {
            for (String key : new String[] {null, "group-7"}) {
                OutgoingRecord r = record(value, key);
                int batch = batchOf(r).remaining();
                int produce = produceFrame(r);
                int commit = commitFrame(r);

                new SendLimits(produce, batch).check(r, false);
                new SendLimits(commit, batch).check(r, true);
                assertThatThrownBy(() -> new SendLimits(Integer.MAX_VALUE, batch - 1).check(r, false))
                        .isInstanceOf(LimitExceededException.class)
                        .hasMessageContaining("takes " + batch + " bytes as a record batch")
                        .hasMessageContaining("max.batch.bytes of " + (batch - 1) + " bytes")
                        .extracting(e -> ((LimitExceededException) e).error()).isEqualTo(ErrorCode.BATCH_TOO_LARGE);
                assertThatThrownBy(() -> new SendLimits(produce - 1, batch).check(r, false))
                        .hasMessageContaining("PRODUCE frame of " + produce + " bytes")
                        .hasMessageContaining("max.frame.bytes of " + (produce - 1) + " bytes")
                        .extracting(e -> ((LimitExceededException) e).error()).isEqualTo(ErrorCode.FRAME_TOO_LARGE);
                assertThatThrownBy(() -> new SendLimits(commit - 1, batch).check(r, true))
                        .hasMessageContaining("COMMIT frame of " + commit + " bytes");
            }
        }
    }

    @Test
    void theBatchLimitLeavesRoomForTheProduceFrameAroundIt() {
        OutgoingRecord r = record(1_000, null);
        int batch = batchOf(r).remaining();
        int produce = produceFrame(r);
        assertThat(new SendLimits(produce, Integer.MAX_VALUE).batchLimit(ORDERS)).isEqualTo(batch);
        assertThat(new SendLimits(Integer.MAX_VALUE, 5_000).batchLimit(ORDERS)).isEqualTo(5_000);
    }
}
