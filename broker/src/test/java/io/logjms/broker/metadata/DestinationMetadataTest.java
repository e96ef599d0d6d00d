package io.logjms.broker.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DestinationMetadataTest {

    private final DestinationKey orders = DestinationKey.topic("orders");

    @Test
    void overridesFallBackToTheBrokerDefault() {
        DestinationMetadata plain = DestinationMetadata.of(orders, 3);
        DestinationMetadata tuned = plain.withRetentionMs(-1L).withRetentionBytes(10L).withSegmentBytes(4096L);

        assertThat(plain.retentionMsOr(1000)).isEqualTo(1000);
        assertThat(plain.retentionBytesOr(-1)).isEqualTo(-1);
        assertThat(plain.segmentBytesOr(2048)).isEqualTo(2048);
        assertThat(tuned.retentionMsOr(1000)).isEqualTo(-1);
        assertThat(tuned.retentionBytesOr(-1)).isEqualTo(10);
        assertThat(tuned.segmentBytesOr(2048)).isEqualTo(4096);
        assertThat(tuned.withRetentionMs(null).retentionMs()).isNull();
        assertThat(tuned.withPartitions(5)).extracting(DestinationMetadata::partitions).isEqualTo(5);
        assertThat(tuned.kind()).isEqualTo(DestinationKind.TOPIC);
        assertThat(tuned.name()).isEqualTo("orders");
    }

    @Test
    void valuesOutOfRangeAreRejectedWithTheDestinationNamed() {
        assertThatThrownBy(() -> DestinationMetadata.of(orders, 0))
                .isInstanceOf(InvalidMetadataException.class)
                .hasMessage("Invalid partitions 0 for destination topic.orders: expected 1..10000");
        assertThatThrownBy(() -> DestinationMetadata.of(orders, 10_001)).isInstanceOf(InvalidMetadataException.class);
        assertThatThrownBy(() -> DestinationMetadata.of(orders, 1).withRetentionMs(-2L))
                .hasMessageContaining("retention.ms");
        assertThatThrownBy(() -> DestinationMetadata.of(orders, 1).withRetentionBytes(-2L))
                .hasMessageContaining("retention.bytes");
        assertThatThrownBy(() -> DestinationMetadata.of(orders, 1).withSegmentBytes(1023L))
                .hasMessageContaining("segment.bytes");
    }
}
