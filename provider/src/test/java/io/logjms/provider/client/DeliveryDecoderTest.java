package io.logjms.provider.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logjms.protocol.MalformedFrameException;
import io.logjms.protocol.api.DeliverHeader;
import io.logjms.protocol.api.DeliveredRecord;
import io.logjms.protocol.record.RecordBatchBuilder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeliveryDecoderTest {

    @Test
    void decodesIndividuallySelectedRecords() {
        ByteBuf body = Unpooled.buffer();
        try {
            body.writeInt(2);
            new DeliveredRecord(5, 100, 3, null, new byte[] {1}, bytes("a")).writeTo(body);
            new DeliveredRecord(9, 101, 1, bytes("k"), new byte[] {2}, bytes("b")).writeTo(body);
            List<DeliveredRecord> records = DeliveryDecoder.decode(
                    new DeliverHeader(1, 0, DeliverHeader.FORMAT_RECORDS, body.readableBytes()), body);
            assertThat(records).extracting(DeliveredRecord::offset).containsExactly(5L, 9L);
            assertThat(records.get(0).deliveryCount()).isEqualTo(3);
            assertThat(records.get(1).key()).isEqualTo(bytes("k"));
        } finally {
            body.release();
        }
    }

    @Test
    void decodesWholeBatchesAsFirstDeliveriesWithOffsetsFromTheBaseOffset() {
        ByteBuffer first = new RecordBatchBuilder().append(1, null, new byte[0], bytes("x"))
                .append(2, null, new byte[0], bytes("y")).build();
        first.putLong(first.position(), 40L);
        ByteBuffer second = new RecordBatchBuilder().append(3, null, new byte[0], bytes("z")).build();
        second.putLong(second.position(), 42L);
        ByteBuf body = Unpooled.wrappedBuffer(first, second);
        try {
            List<DeliveredRecord> records = DeliveryDecoder.decode(
                    new DeliverHeader(1, 0, DeliverHeader.FORMAT_BATCHES, body.readableBytes()), body);
            assertThat(records).extracting(DeliveredRecord::offset).containsExactly(40L, 41L, 42L);
            assertThat(records).extracting(DeliveredRecord::deliveryCount).containsOnly(1);
            assertThat(new String(records.get(2).value(), StandardCharsets.UTF_8)).isEqualTo("z");
        } finally {
            body.release();
        }
    }

    @Test
    void aCorruptBatchIsAMalformedFrame() {
        ByteBuffer batch = new RecordBatchBuilder().append(1, null, null, bytes("x")).build();
        batch.put(batch.limit() - 1, (byte) 0x7f);
        ByteBuf body = Unpooled.wrappedBuffer(batch);
        try {
            assertThatThrownBy(() -> DeliveryDecoder.readBatches(body, body.readableBytes()))
                    .isInstanceOf(MalformedFrameException.class).hasMessageContaining("CRC");
        } finally {
            body.release();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
