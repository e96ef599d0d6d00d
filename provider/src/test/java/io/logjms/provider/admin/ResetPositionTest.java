package io.logjms.provider.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class ResetPositionTest {

    @Test
    void parsesTheFourForms() {
        assertThat(ResetPosition.parse("earliest")).isEqualTo(ResetPosition.earliest());
        assertThat(ResetPosition.parse("LATEST")).isEqualTo(ResetPosition.latest());
        assertThat(ResetPosition.parse("2026-11-25T10:15:30Z"))
                .isEqualTo(ResetPosition.time(Instant.parse("2026-11-25T10:15:30Z")));
        ResetPosition offset = ResetPosition.parse("2:150");
        assertThat(offset.mode()).isEqualTo(ResetPosition.Mode.OFFSET);
        assertThat(offset.partition()).isEqualTo(2);
        assertThat(offset.offset()).isEqualTo(150);
    }

    @Test
    void timeAndEveryPartitionFormsHaveNoPartition() {
        assertThat(ResetPosition.earliest().partition()).isEqualTo(-1);
        assertThat(ResetPosition.time(Instant.EPOCH).partition()).isEqualTo(-1);
        assertThat(ResetPosition.time(Instant.EPOCH).time()).isEqualTo(Instant.EPOCH);
    }

    @Test
    void invalidTextSaysWhatIsAccepted() {
        assertThatThrownBy(() -> ResetPosition.parse("yesterday"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected earliest, latest, an ISO-8601 instant")
                .hasMessageContaining("<partition>:<offset>");
        assertThatThrownBy(() -> ResetPosition.parse("1:99999999999999999999")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> ResetPosition.offset(-1, 0)).hasMessageContaining("partition must not be negative");
        assertThatThrownBy(() -> ResetPosition.offset(0, -5)).hasMessageContaining("offset must not be negative");
    }

    @Property(tries = 100)
    void offsetsRoundTripThroughText(@ForAll @IntRange(min = 0, max = 10_000) int partition,
                                     @ForAll @LongRange(min = 0) long offset) {
        ResetPosition p = ResetPosition.offset(partition, offset);
        assertThat(ResetPosition.parse(p.toString())).isEqualTo(p);
    }

    @Property(tries = 100)
    void timesRoundTripThroughText(@ForAll @LongRange(min = 0, max = 4_102_444_800_000L) long epochMillis) {
        ResetPosition p = ResetPosition.time(Instant.ofEpochMilli(epochMillis));
        assertThat(ResetPosition.parse(p.toString())).isEqualTo(p);
    }
}
