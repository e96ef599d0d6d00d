package io.logjms.broker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConfigKeyTest {

    private final ConfigKey<Long> size = ConfigKey.of("test.bytes", ConfigType.SIZE, 10L,
            ConfigValidator.between(1L, 100L), "a test size");

    @Test
    void parsesTrimmedTextAndValidatesIt() {
        assertThat(size.parse("\t42 \n")).isEqualTo(42L);
        assertThat(size.allowed()).isEqualTo("a whole number of bytes in 1..100");
        assertThatThrownBy(() -> size.parse("101"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid value '101' for configuration key 'test.bytes': "
                        + "expected a whole number of bytes in 1..100");
        assertThatThrownBy(() -> size.parse(""))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("''");
    }

    @Test
    void validatesTypedValues() {
        assertThat(size.validate(5L)).isEqualTo(5L);
        assertThat(size.isValid(0L)).isFalse();
        assertThat(size.isValid(null)).isFalse();
        assertThatThrownBy(() -> size.validate(0L)).hasMessageContaining("'0'");
    }

    @Test
    void defaultMustBeAllowed() {
        assertThatThrownBy(() -> ConfigKey.of("bad", ConfigType.INT, 0, ConfigValidator.atLeast(1), "bad default"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad");
    }

    @Test
    void enumWordsMapUnderscoresToDashes() {
        ConfigType<FsyncPolicySetting> type = ConfigType.enumOf(FsyncPolicySetting.class);

        assertThat(type.parse("EVERY-BATCH")).isEqualTo(FsyncPolicySetting.EVERY_BATCH);
        assertThat(type.format(FsyncPolicySetting.EVERY_BATCH)).isEqualTo("every-batch")
                .isEqualTo(FsyncPolicySetting.EVERY_BATCH.configWord());
        assertThatThrownBy(() -> type.parse("every_batch")).isInstanceOf(IllegalArgumentException.class);
    }
}
