package io.logjms.provider.send;

import static org.assertj.core.api.Assertions.assertThat;

import io.logjms.protocol.DestinationId;
import io.logjms.protocol.record.Record;
import io.logjms.protocol.record.RecordBatch;
import io.logjms.provider.client.OutgoingBatch;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchAssemblerTest {
    private static final DestinationId Q = DestinationId.queue("q");
    private static final DestinationId T = DestinationId.topic("t");

    @Test
    void groupsRecordsByPartitionKeepingTheirOrder() {
        List<OutgoingRecord> records = List.of(record(Q, 0, "a"), record(T, 1, "b"), record(Q, 0, "c"),
                record(Q, 1, "d"), record(T, 1, "e"));
        List<OutgoingBatch> batches = BatchAssembler.assemble(records, d -> 1 << 20);
        assertThat(batches).extracting(b -> b.destination() + "/" + b.partition())
                .containsExactly("queue://q/0", "topic://t/1", "queue://q/1");
        assertThat(values(batches.get(0))).containsExactly("a", "c");
        assertThat(values(batches.get(1))).containsExactly("b", "e");
        assertThat(batches.get(0).recordCount()).isEqualTo(2);
    }

    @Test
    void splitsBatchesAtTheMaximumSize() {
        List<OutgoingRecord> records = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            records.add(record(Q, 0, "x".repeat(100) + i));
        }
        List<OutgoingBatch> batches = BatchAssembler.assemble(records, d -> 1000);
        assertThat(batches.size()).isGreaterThan(5);
        List<String> all = new ArrayList<>();
        for (OutgoingBatch b : batches) {
            assertThat(b.batch().remaining()).isLessThanOrEqualTo(1000);
            all.addAll(values(b));
        }
        assertThat(all).hasSize(50).endsWith("x".repeat(100) + 49);
    }

    @Test
    void aSingleBatchHoldsTheKeysHeadersAndTimestamps() {
        OutgoingRecord keyed = new OutgoingRecord(Q, 2, 1234L, "k".getBytes(StandardCharsets.UTF_8), new byte[] {1},
                "v".getBytes(StandardCharsets.UTF_8));
        OutgoingBatch batch = BatchAssembler.single(List.of(keyed));
        RecordBatch view = RecordBatch.of(batch.batch());
        view.validate();
        Record r = view.records().next();
        assertThat(r.timestamp()).isEqualTo(1234L);
        assertThat(Record.toArray(r.key())).isEqualTo("k".getBytes(StandardCharsets.UTF_8));
        assertThat(Record.toArray(r.headers())).containsExactly(1);
        assertThat(batch.partition()).isEqualTo(2);
    }

    static OutgoingRecord record(DestinationId destination, int partition, String value) {
        return new OutgoingRecord(destination, partition, 1L, null, new byte[0], value.getBytes(StandardCharsets.UTF_8));
    }

    static List<String> values(OutgoingBatch batch) {
        RecordBatch view = RecordBatch.of(batch.batch());
        view.validate();
        List<String> values = new ArrayList<>();
        for (Iterator<Record> it = view.records(); it.hasNext(); ) {
            values.add(new String(Record.toArray(it.next().value()), StandardCharsets.UTF_8));
        }
        return values;
    }
}
