package io.logjms.broker.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** When a checkpoint is due and which offset it names, with a remembered window of 100 ms. */
class CheckpointMarksTest {
    private static final long WINDOW = 100;
    private static final long INTERVAL = CheckpointMarks.INTERVAL_MS;

    @Test
    void aCheckpointIsDueEveryIntervalAndOnlyAfterAppends() {
        CheckpointMarks marks = new CheckpointMarks(0, 0, 5, WINDOW);
        assertThat(marks.due(INTERVAL - 1, 9)).isFalse();
        assertThat(marks.due(INTERVAL, 5)).as("nothing appended since the load").isFalse();
        assertThat(marks.due(INTERVAL, 9)).isTrue();
        marks.checkpointed(INTERVAL, 9, 10);
        assertThat(marks.due(2 * INTERVAL, 10)).as("only the checkpoint itself since").isFalse();
        assertThat(marks.due(2 * INTERVAL, 11)).isTrue();
    }

    @Test
    void theWindowStartsAtTheNewestMarkOldEnoughAndNeverBeforeWhatWasLoaded() {
        CheckpointMarks marks = new CheckpointMarks(0, 40, 50, WINDOW);
        assertThat(marks.windowStart(10)).as("read from 40 at the load: kept for a whole window").isEqualTo(40);
        marks.checkpointed(INTERVAL, 60, 61);
        assertThat(marks.windowStart(INTERVAL + WINDOW - 1)).as("the load's mark is the newest old enough")
                .isEqualTo(40);
        assertThat(marks.windowStart(INTERVAL + WINDOW)).isEqualTo(60);
        marks.checkpointed(2 * INTERVAL, 80, 81);
        assertThat(marks.windowStart(2 * INTERVAL + WINDOW - 1)).isEqualTo(60);
        assertThat(marks.windowStart(2 * INTERVAL + WINDOW)).isEqualTo(80);
        marks.checkpointed(3 * INTERVAL + WINDOW, 90, 91);
        assertThat(marks.windowStart(3 * INTERVAL + WINDOW)).as("the pruned marks were not needed").isEqualTo(80);
    }
}
