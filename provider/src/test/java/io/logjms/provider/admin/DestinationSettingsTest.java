package io.logjms.provider.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DestinationSettingsTest {

    @Test
    void onlyGivenLogSettingsTravel() {
        DestinationSettings s = DestinationSettings.defaults().withPartitions(3).withRetentionMs(60_000).withSegmentBytes(1024);
        assertThat(s.toWire()).containsExactly(
                org.assertj.core.api.Assertions.entry("retention.ms", "60000"),
                org.assertj.core.api.Assertions.entry("segment.bytes", "1024"));
        assertThat(s.partitions()).isEqualTo(3);
        assertThat(s.hasNoLogSettings()).isFalse();
    }

    @Test
    void defaultsCarryNothing() {
        assertThat(DestinationSettings.defaults().toWire()).isEmpty();
        assertThat(DestinationSettings.defaults().hasNoLogSettings()).isTrue();
        assertThat(DestinationSettings.defaults().withPartitions(2).hasNoLogSettings()).isTrue();
    }

    @Test
    void partitionsMustBePositive() {
        assertThatThrownBy(() -> DestinationSettings.defaults().withPartitions(0))
                .hasMessage("partitions must be at least 1, not 0");
    }
}
