package io.logjms.protocol.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class RecordBatchTest {

    record Input(long timestamp, byte[] key, byte[] headers, byte[] value) {
    }

    @Provide
    Arbitrary<Input> inputs() {
        Arbitrary<byte[]> bytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(300).injectNull(0.2);
        return Combinators.combine(Arbitraries.longs().between(0, 4_000_000_000_000L), bytes, bytes, bytes)
                .as(Input::new);
    }

    @Property(tries = 300)
    void recordsRoundTripAndValidate(@ForAll @Size(min = 1, max = 40) List<@net.jqwik.api.From("inputs") Input> inputs,
                                     @ForAll @IntRange(min = 0, max = 1_000_000) int baseOffset) {
        RecordBatchBuilder builder = new RecordBatchBuilder(16).producer(42L, (short) 3, 7);
        inputs.forEach(i -> builder.append(i.timestamp(), i.key(), i.headers(), i.value()));
        ByteBuffer buf = builder.build();
        RecordBatch batch = RecordBatch.of(buf);
        batch.setBaseOffset(baseOffset);
        batch.setLeaderEpoch(5);
        batch.validate();
        batch.validateRecords();

        assertThat(batch.sizeInBytes()).isEqualTo(buf.remaining());
        assertThat(batch.recordCount()).isEqualTo(inputs.size());
        assertThat(batch.lastOffset()).isEqualTo(baseOffset + inputs.size() - 1L);
        assertThat(batch.producerId()).isEqualTo(42L);
        assertThat(batch.producerEpoch()).isEqualTo((short) 3);
        assertThat(batch.baseSequence()).isEqualTo(7);
        assertThat(batch.leaderEpoch()).isEqualTo(5);
        assertThat(batch.maxTimestamp()).isEqualTo(inputs.stream().mapToLong(Input::timestamp).max().getAsLong());

        List<Record> records = new ArrayList<>();
        batch.records().forEachRemaining(records::add);
        for (int i = 0; i < inputs.size(); i++) {
            Input in = inputs.get(i);
            Record r = records.get(i);
            assertThat(r.offset()).isEqualTo(baseOffset + i);
            assertThat(r.timestamp()).isEqualTo(in.timestamp());
            assertThat(Record.toArray(r.key())).isEqualTo(in.key());
            assertThat(Record.toArray(r.headers())).isEqualTo(in.headers());
            assertThat(Record.toArray(r.value())).isEqualTo(in.value());
        }
    }

    @Property(tries = 200)
    void anyFlippedCoveredByteFailsValidation(@ForAll @IntRange(min = 0, max = 10_000) int position,
                                              @ForAll @IntRange(min = 1, max = 255) int xor) {
        ByteBuffer buf = new RecordBatchBuilder().append(1000, "k".getBytes(), null, "hello".getBytes())
                .append(1001, null, new byte[] {1, 2}, "world".getBytes()).build();
        int covered = buf.remaining() - RecordBatchLayout.CRC_COVERED_FROM;
        int at = RecordBatchLayout.CRC_COVERED_FROM + position % covered;
        buf.put(at, (byte) (buf.get(at) ^ xor));
        assertThatThrownBy(() -> RecordBatch.of(buf).validate()).isInstanceOf(InvalidRecordException.class);
    }

    @Property(tries = 100)
    void truncatedBatchFailsValidation(@ForAll @IntRange(min = 0, max = 10_000) int cut) {
        ByteBuffer buf = new RecordBatchBuilder().append(1000, null, null, new byte[100]).build();
        int limit = cut % buf.remaining();
        buf.limit(limit);
        assertThatThrownBy(() -> RecordBatch.of(buf).validate()).isInstanceOf(InvalidRecordException.class);
    }

    @Property(tries = 300)
    void varintsRoundTrip(@ForAll int i, @ForAll long l) {
        ByteBuffer buf = ByteBuffer.allocate(20);
        Varint.writeInt(i, buf);
        Varint.writeLong(l, buf);
        assertThat(buf.position()).isEqualTo(Varint.sizeOfInt(i) + Varint.sizeOfLong(l));
        buf.flip();
        assertThat(Varint.readInt(buf)).isEqualTo(i);
        assertThat(Varint.readLong(buf)).isEqualTo(l);
    }
}
