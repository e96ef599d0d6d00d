package io.logjms.broker.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class PartitionCursorTest {

    @Test
    void ackedRecordsAdvanceTheFloorInOrder() {
        PartitionCursor c = new PartitionCursor(10);
        for (long o = 10; o < 15; o++) {
            c.advanceRead(o);
            assertThat(c.dispatch(o, 1)).isEqualTo(1);
        }
        assertThat(c.ack(12)).isTrue();
        assertThat(c.ackFloor()).isEqualTo(10);
        c.ack(10);
        c.ack(11);
        assertThat(c.ackFloor()).isEqualTo(13);
        assertThat(c.ack(12)).as("second ack of the same record").isFalse();
        assertThat(c.inFlightCount()).isEqualTo(2);
    }

    @Test
    void releaseAsDeliveredCountsTheAttemptAndUndeliveredUndoesIt() {
        PartitionCursor c = new PartitionCursor(0);
        c.advanceRead(0);
        c.advanceRead(1);
        c.dispatch(0, 7);
        c.dispatch(1, 7);
        c.release(0, true);
        c.release(1, false);
        assertThat(c.pendingOffsets()).containsExactly(0L, 1L);
        assertThat(c.dispatch(0, 8)).isEqualTo(2);
        assertThat(c.dispatch(1, 8)).isEqualTo(1);
    }

    @Test
    void consumerLossReleasesOnlyItsRecords() {
        PartitionCursor c = new PartitionCursor(0);
        for (long o = 0; o < 4; o++) {
            c.advanceRead(o);
            c.dispatch(o, o % 2);
        }
        assertThat(c.releaseAll(1)).isEqualTo(2);
        assertThat(c.pendingOffsets()).containsExactly(1L, 3L);
        assertThat(c.owner(0)).isEqualTo(0);
        assertThat(c.owner(1)).isEqualTo(-1);
    }

    @Test
    void restoredRecordsBelowTheDeliveredMarkCountAsDeliveredOnce() {
        PartitionCursor c = new PartitionCursor(0);
        c.restore(5, List.of(7L), Map.of(6L, 3), 9);
        assertThat(c.ackFloor()).isEqualTo(5);
        assertThat(c.nextDeliveryCount(5)).isEqualTo(2);
        assertThat(c.nextDeliveryCount(6)).isEqualTo(4);
        assertThat(c.nextDeliveryCount(9)).isEqualTo(1);
        c.advanceRead(5);
        c.advanceRead(6);
        c.advanceRead(7);
        assertThat(c.pendingOffsets()).containsExactly(5L, 6L);
    }

    @Test
    void skipToDropsEverythingBelow() {
        PartitionCursor c = new PartitionCursor(0);
        c.advanceRead(0);
        c.dispatch(0, 1);
        c.skipTo(10);
        assertThat(c.ackFloor()).isEqualTo(10);
        assertThat(c.readPosition()).isEqualTo(10);
        assertThat(c.inFlightCount()).isZero();
    }

    @Provide
    Arbitrary<List<int[]>> operations() {
        return Arbitraries.integers().between(0, 3).flatMap(op -> Arbitraries.integers().between(0, 30)
                .map(arg -> new int[] {op, arg})).list().ofMaxSize(200);
    }

    /** Every offset between floor and read position is in exactly one state, and the floor never moves back. */
    @Property(tries = 300)
    void statesStayDisjointAndFloorMonotonic(@ForAll("operations") List<int[]> ops) {
        PartitionCursor c = new PartitionCursor(0);
        long lastFloor = 0;
        for (int[] op : ops) {
            long offset = op[1];
            switch (op[0]) {
                case 0 -> {
                    if (c.readPosition() < 40) {
                        c.advanceRead(c.readPosition());
                    }
                }
                case 1 -> {
                    if (c.pendingOffsets().contains(offset)) {
                        c.dispatch(offset, offset % 3);
                    }
                }
                case 2 -> c.ack(offset);
                default -> c.release(offset, offset % 2 == 0);
            }
            assertThat(c.ackFloor()).isGreaterThanOrEqualTo(lastFloor);
            lastFloor = c.ackFloor();
            for (long o = c.ackFloor(); o < c.readPosition(); o++) {
                int states = (c.ackedAboveFloor().contains(o) ? 1 : 0) + (c.isInFlight(o) ? 1 : 0)
                        + (c.pendingOffsets().contains(o) ? 1 : 0);
                assertThat(states).as("offset %d in exactly one state", o).isEqualTo(1);
            }
        }
    }

    @Test
    void aHeldRecordStaysInFlightForItsHolderWhenReadUntilAcknowledgedOrReleased() {
        PartitionCursor c = new PartitionCursor(0);
        c.advanceRead(0);
        assertThat(c.hold(0, -5)).as("pending").isTrue();
        assertThat(c.hold(2, -5)).as("not read yet").isTrue();
        assertThat(c.hold(2, -6)).as("held already").isFalse();
        for (long o = 1; o < 4; o++) {
            c.advanceRead(o);
        }
        assertThat(c.pendingInOrder()).containsExactly(1L, 3L);
        assertThat(c.owner(2)).isEqualTo(-5);
        assertThat(c.deliveryCount(2)).as("counted as delivered").isEqualTo(1);
        assertThat(c.releaseAll(-6)).isZero();

        assertThat(c.ack(0)).isTrue();
        assertThat(c.release(2, true)).isTrue();
        assertThat(c.pendingInOrder()).containsExactly(1L, 2L, 3L);
        assertThat(c.nextDeliveryCount(2)).isEqualTo(2);
        assertThat(c.hold(0, -5)).as("acknowledged").isFalse();
    }
}
