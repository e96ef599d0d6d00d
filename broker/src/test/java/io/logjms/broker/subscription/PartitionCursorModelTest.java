package io.logjms.broker.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The array-based {@link PartitionCursor} behaves exactly like the set-based {@link ReferenceCursor}
 * under any sequence of operations, including runs long enough to grow and compact its arrays.
 */
class PartitionCursorModelTest {

    record Op(int kind, int a, int b) {
    }

    @Provide
    Arbitrary<List<Op>> operations() {
        Arbitrary<Op> op = Combinators.combine(Arbitraries.integers().between(0, 12),
                Arbitraries.integers().between(0, 40), Arbitraries.integers().between(0, 2)).as(Op::new);
        return op.list().ofMaxSize(300);
    }

    @Property(tries = 400)
    void behavesLikeTheSetBasedCursor(@ForAll("operations") List<Op> ops,
                                      @ForAll boolean restored) {
        long start = 100;
        PartitionCursor cursor = new PartitionCursor(start);
        ReferenceCursor model = new ReferenceCursor(start);
        if (restored) {
            List<Long> acked = List.of(103L, 104L, 110L, 1500L);
            Map<Long, Integer> counts = Map.of(101L, 3, 105L, 2, 2000L, 4, 99L, 7);
            cursor.restore(start, acked, counts, 108);
            model.restore(start, acked, counts, 108);
        }
        for (Op op : ops) {
            apply(op, cursor, model);
            assertSameState(cursor, model);
        }
    }

    private static void apply(Op op, PartitionCursor cursor, ReferenceCursor model) {
        long floor = model.ackFloor();
        long read = model.readPosition();
        long near = floor - 2 + op.a();
        switch (op.kind()) {
            case 0, 1 -> {
                long offset = read + (op.b() == 2 && op.a() == 0 ? 1 : 0);
                assertThat(cursor.advanceRead(offset)).isEqualTo(model.advanceRead(offset));
            }
            case 2 -> {
                for (int i = 0; i < 300 + op.a() * 10; i++) {
                    long offset = model.readPosition();
                    cursor.advanceRead(offset);
                    model.advanceRead(offset);
                }
            }
            case 3, 4 -> {
                List<Long> pending = new ArrayList<>(model.pending());
                int n = Math.min(pending.size(), 1 + op.a() * 20);
                for (int i = 0; i < n; i++) {
                    long offset = pending.get(i);
                    assertThat(cursor.dispatch(offset, op.b())).isEqualTo(model.dispatch(offset, op.b()));
                }
            }
            case 5 -> {
                for (long o = floor; o < floor + op.a() * 25L; o++) {
                    if (op.b() == 0 || o % 3 != 0) {
                        assertThat(cursor.ack(o)).isEqualTo(model.ack(o));
                    }
                }
            }
            case 6 -> assertThat(cursor.ack(near)).isEqualTo(model.ack(near));
            case 7 -> {
                cursor.markDone(near + op.b() * 3L);
                model.markDone(near + op.b() * 3L);
            }
            case 8 -> assertThat(cursor.release(near, op.b() == 1)).isEqualTo(model.release(near, op.b() == 1));
            case 9 -> assertThat(cursor.releaseAll(op.b())).isEqualTo(model.releaseAll(op.b()));
            case 10 -> {
                long target = floor + op.a() * (op.b() == 2 ? 200L : 1L);
                cursor.skipTo(target);
                model.skipTo(target);
            }
            case 11 -> {
                if (op.a() > 35) {
                    long target = Math.max(0, floor - op.b() * 50L);
                    cursor.rewind(target);
                    model.rewind(target);
                }
            }
            default -> {
                for (long o = floor; o < read; o++) {
                    if (model.isInFlight(o) && (o + op.a()) % 4 != 0) {
                        assertThat(cursor.release(o, op.b() == 0)).isEqualTo(model.release(o, op.b() == 0));
                    }
                }
            }
        }
    }

    private static void assertSameState(PartitionCursor cursor, ReferenceCursor model) {
        assertThat(cursor.ackFloor()).isEqualTo(model.ackFloor());
        assertThat(cursor.readPosition()).isEqualTo(model.readPosition());
        assertThat(cursor.deliveredMark()).isEqualTo(model.deliveredMark());
        assertThat(cursor.inFlightCount()).isEqualTo(model.inFlightCount());
        assertThat(cursor.pendingCount()).isEqualTo(model.pendingCount());
        assertThat(cursor.pendingOffsets()).isEqualTo(new ArrayList<>(model.pending()));
        assertThat(cursor.firstPending()).isEqualTo(model.pending().isEmpty() ? -1 : model.pending().first());
        assertThat(cursor.ackedAboveFloor()).isEqualTo(model.ackedAboveFloor());
        assertThat(cursor.deliveryCounts()).isEqualTo(model.deliveryCounts());
        assertThat(cursor.unacknowledgedBelow(model.readPosition() + 5))
                .isEqualTo(model.unacknowledgedBelow(model.readPosition() + 5));
        for (long o = model.ackFloor() - 3; o < model.readPosition() + 3; o++) {
            assertThat(cursor.isAcked(o)).as("acked %d", o).isEqualTo(model.isAcked(o));
            assertThat(cursor.isInFlight(o)).as("in flight %d", o).isEqualTo(model.isInFlight(o));
            assertThat(cursor.isPending(o)).as("pending %d", o).isEqualTo(model.pending().contains(o));
            assertThat(cursor.owner(o)).as("owner %d", o).isEqualTo(model.owner(o));
            assertThat(cursor.deliveryCount(o)).as("delivery count %d", o).isEqualTo(model.deliveryCount(o));
        }
    }
}
