package io.logjms.broker.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import io.logjms.protocol.message.MessageHeaders;
import io.logjms.protocol.message.MessageHeadersCodec;
import java.util.List;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The array-based {@link RecordWindow} holds exactly what a map by offset holds under any sequence of puts
 * (mostly ascending, some below or onto held offsets), removals, cuts and clears, including runs long enough
 * to compact and grow its arrays; its count of records with a non-default priority follows too.
 */
class RecordWindowModelTest {

    record Op(int kind, int offset, boolean urgent) {
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        Arbitrary<Op> op = Combinators.combine(Arbitraries.integers().between(0, 9),
                Arbitraries.integers().between(0, 400), Arbitraries.of(false, false, false, true)).as(Op::new);
        return op.list().ofMaxSize(600);
    }

    @Property(tries = 300)
    void holdsWhatAMapByOffsetHolds(@ForAll("operations") List<Op> ops) {
        RecordWindow window = new RecordWindow();
        TreeMap<Long, StoredRecord> model = new TreeMap<>();
        long next = 0;
        for (Op op : ops) {
            switch (op.kind()) {
                case 0, 1, 2, 3 -> { // the usual read: the next offsets, ascending, with gaps
                    next += 1 + op.offset() % 3;
                    StoredRecord r = record(next, op.urgent());
                    window.put(r);
                    model.put(next, r);
                }
                case 4 -> { // a reload below the end, or onto a held offset
                    long offset = op.offset() % (next + 1);
                    StoredRecord r = record(offset, op.urgent());
                    window.put(r);
                    model.put(offset, r);
                }
                case 5, 6 -> { // an acknowledgement: mostly the oldest
                    Long offset = op.kind() == 5 ? model.isEmpty() ? null : model.firstKey()
                            : Long.valueOf(op.offset() % (next + 1));
                    if (offset != null) {
                        window.remove(offset);
                        model.remove(offset);
                    }
                }
                case 7, 8 -> {
                    long below = next - op.offset() % 50;
                    window.removeBelow(below);
                    model.headMap(below).clear();
                }
                default -> {
                    if (op.offset() < 20) {
                        window.clear();
                        model.clear();
                    }
                }
            }
            assertThat(window.size()).isEqualTo(model.size());
            assertThat(window.mixesPriorities())
                    .isEqualTo(model.values().stream().anyMatch(r -> r.priority() != MessageHeaders.DEFAULT_PRIORITY));
        }
        for (long offset = 0; offset <= next + 1; offset++) {
            assertThat(window.get(offset)).as("offset %d", offset).isSameAs(model.get(offset));
        }
    }

    private static StoredRecord record(long offset, boolean urgent) {
        MessageHeaders h = new MessageHeaders();
        if (urgent) {
            h.setPriority(9);
        }
        return new StoredRecord(offset, 0, null, MessageHeadersCodec.encode(h), new byte[0]);
    }
}
