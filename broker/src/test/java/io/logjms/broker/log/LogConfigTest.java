package io.logjms.broker.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LogConfigTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        LogConfig config = LogConfig.defaults();

        assertThat(config.segmentBytes()).isEqualTo(128 * 1024 * 1024);
        assertThat(config.segmentMs()).isEqualTo(7L * 24 * 3600 * 1000);
        assertThat(config.indexIntervalBytes()).isEqualTo(4096);
        assertThat(config.maxBatchBytes()).isGreaterThan(1024 * 1024);
        assertThat(config.retentionMs()).isEqualTo(7L * 24 * 3600 * 1000);
        assertThat(config.retentionBytes()).isEqualTo(-1);
        assertThat(config.fsyncPolicy()).isEqualTo(FsyncPolicy.EVERY_BATCH);
        assertThat(config.fsyncIntervalMs()).isEqualTo(1000);
        assertThat(config.toBuilder().build()).isEqualTo(config);
    }

    @Test
    void rejectsValuesOutOfRangeNamingTheSetting() {
        assertThatThrownBy(() -> LogConfig.builder().segmentBytes(10).build())
                .isInstanceOf(InvalidLogConfigException.class).hasMessageContaining("segmentBytes");
        assertThatThrownBy(() -> LogConfig.builder().segmentMs(0).build()).hasMessageContaining("segmentMs");
        assertThatThrownBy(() -> LogConfig.builder().indexIntervalBytes(-1).build())
                .hasMessageContaining("indexIntervalBytes");
        assertThatThrownBy(() -> LogConfig.builder().maxBatchBytes(0).build()).hasMessageContaining("maxBatchBytes");
        assertThatThrownBy(() -> LogConfig.builder().retentionMs(-2).build()).hasMessageContaining("retentionMs");
        assertThatThrownBy(() -> LogConfig.builder().retentionBytes(-5).build())
                .hasMessageContaining("retentionBytes");
        assertThatThrownBy(() -> LogConfig.builder().fsyncIntervalMs(0).build())
                .hasMessageContaining("fsyncIntervalMs");
        assertThatThrownBy(() -> LogConfig.builder().fileDeleteDelayMs(-1).build())
                .hasMessageContaining("fileDeleteDelayMs");
        assertThatThrownBy(() -> LogConfig.builder().fsyncPolicy(null).build())
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void minusOneDisablesRetention() {
        LogConfig config = LogConfig.builder().retentionMs(-1).retentionBytes(-1).build();

        assertThat(config.retentionMs()).isEqualTo(LogConfig.UNLIMITED);
        assertThat(config.retentionBytes()).isEqualTo(LogConfig.UNLIMITED);
    }
}
