package io.logjms.broker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerConfigTest {

    @TempDir
    Path dir;

    @Test
    void defaultsAreTheDocumentedValues() {
        BrokerConfig config = BrokerConfig.defaults();

        assertThat(config.port()).isEqualTo(7878);
        assertThat(config.host()).isEqualTo("localhost");
        assertThat(config.dataDir()).isEqualTo(Path.of("./data"));
        assertThat(config.defaultPartitions()).isEqualTo(1);
        assertThat(config.autoCreateDestinations()).isTrue();
        assertThat(config.maxFrameBytes()).isEqualTo(16_777_216);
        assertThat(config.maxBatchBytes()).isEqualTo(10_485_760);
        assertThat(config.fsyncPolicy()).isEqualTo(FsyncPolicySetting.EVERY_BATCH);
        assertThat(config.fsyncIntervalMs()).isEqualTo(1000);
        assertThat(config.segmentBytes()).isEqualTo(134_217_728L);
        assertThat(config.segmentMs()).isEqualTo(604_800_000L);
        assertThat(config.indexIntervalBytes()).isEqualTo(4096);
        assertThat(config.retentionMs()).isEqualTo(604_800_000L);
        assertThat(config.retentionBytes()).isEqualTo(-1);
        assertThat(config.retentionCheckIntervalMs()).isEqualTo(30_000);
        assertThat(config.deliveryMaxAttempts()).isEqualTo(10);
        assertThat(config.deadLetterQueue()).isEqualTo("DLQ");
        assertThat(config.securityUsersFile()).isEmpty();
        assertThat(config.allowAnonymous()).isTrue();
    }

    @Test
    void readsTypedValuesIgnoringSurroundingWhitespace() {
        Properties properties = new Properties();
        properties.setProperty("port", " 0 ");
        properties.setProperty(" host", "0.0.0.0\t");
        properties.setProperty("data.dir", " /var/lib/logjms ");
        properties.setProperty("fsync.policy", " Interval ");
        properties.setProperty("destinations.auto.create", "FALSE");
        properties.setProperty("retention.ms", "-1");
        properties.setProperty("security.users.file", " users.properties ");

        BrokerConfig config = BrokerConfig.fromProperties(properties);

        assertThat(config.port()).isZero();
        assertThat(config.host()).isEqualTo("0.0.0.0");
        assertThat(config.dataDir()).isEqualTo(Path.of("/var/lib/logjms"));
        assertThat(config.fsyncPolicy()).isEqualTo(FsyncPolicySetting.INTERVAL);
        assertThat(config.autoCreateDestinations()).isFalse();
        assertThat(config.retentionMs()).isEqualTo(-1);
        assertThat(config.securityUsersFile()).contains(Path.of("users.properties"));
    }

    @Test
    void unknownKeyIsNamedWithTheKnownOnes() {
        assertThatThrownBy(() -> BrokerConfig.fromMap(Map.of("prot", "1234")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'prot'")
                .hasMessageContaining("port, host, data.dir")
                .extracting(e -> ((ConfigException) e).key()).isEqualTo("prot");
    }

    @Test
    void valueOfTheWrongTypeNamesKeyValueAndAllowedValues() {
        assertThatThrownBy(() -> BrokerConfig.fromMap(Map.of("port", "seven")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid value 'seven' for configuration key 'port': expected an integer in 0..65535");
    }

    @Test
    void valueOutOfRangeIsRejected() {
        assertThatThrownBy(() -> BrokerConfig.fromMap(Map.of("port", "65536")))
                .hasMessageContaining("'65536'").hasMessageContaining("in 0..65535");
        assertThatThrownBy(() -> BrokerConfig.fromMap(Map.of("partitions.default", "0")))
                .hasMessageContaining("'partitions.default'").hasMessageContaining("in 1..10000");
        assertThatThrownBy(() -> BrokerConfig.fromMap(Map.of("segment.bytes", "1023")))
                .hasMessageContaining("a whole number of bytes >= 1024");
        assertThatThrownBy(() -> BrokerConfig.fromMap(Map.of("retention.bytes", "-2")))
                .hasMessageContaining(">= -1");
        assertThatThrownBy(() -> BrokerConfig.fromMap(Map.of("delivery.max.attempts", "0")))
                .hasMessageContaining("'delivery.max.attempts'");
    }

    @Test
    void sizesAreCountedInBytesWithoutUnitSuffixes() {
        assertThat(BrokerConfig.fromMap(Map.of("segment.bytes", "2048")).segmentBytes()).isEqualTo(2048);
        assertThatThrownBy(() -> BrokerConfig.fromMap(Map.of("segment.bytes", "16MB")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'16MB'");
    }

    @Test
    void unknownEnumWordListsTheAllowedWords() {
        assertThatThrownBy(() -> BrokerConfig.fromMap(Map.of("fsync.policy", "always")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid value 'always' for configuration key 'fsync.policy': "
                        + "expected one of every-batch, interval, os");
    }

    @Test
    void booleanAcceptsOnlyTrueOrFalse() {
        assertThatThrownBy(() -> BrokerConfig.fromMap(Map.of("security.allow.anonymous", "yes")))
                .hasMessageContaining("expected true or false");
    }

    @Test
    void deadLetterQueueMustBeADestinationName() {
        assertThatThrownBy(() -> BrokerConfig.fromMap(Map.of("dead.letter.queue", "dead letters")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'dead.letter.queue'")
                .hasMessageContaining("destination name");
    }

    @Test
    void blankHostAndDataDirAreRejected() {
        assertThatThrownBy(() -> BrokerConfig.fromMap(Map.of("host", "  "))).isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> BrokerConfig.fromMap(Map.of("data.dir", ""))).isInstanceOf(ConfigException.class);
    }

    @Test
    void batchLargerThanFrameIsRejectedAcrossKeys() {
        assertThatThrownBy(() -> BrokerConfig.fromMap(Map.of("max.frame.bytes", "65536")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid value '10485760' for configuration key 'max.batch.bytes': "
                        + "expected a value <= max.frame.bytes (65536)");

        BrokerConfig small = BrokerConfig.fromMap(Map.of("max.frame.bytes", "65536", "max.batch.bytes", "65536"));
        assertThat(small.maxBatchBytes()).isEqualTo(small.maxFrameBytes());
    }

    @Test
    void withOverridesOneValueAndLeavesTheOriginalUnchanged() {
        BrokerConfig base = BrokerConfig.defaults();
        BrokerConfig changed = base.with(BrokerConfigKeys.PORT, 0).with(BrokerConfigKeys.DATA_DIR, dir);

        assertThat(changed.port()).isZero();
        assertThat(changed.dataDir()).isEqualTo(dir);
        assertThat(base.port()).isEqualTo(7878);
        assertThat(changed).isNotEqualTo(base);
        assertThatThrownBy(() -> base.with(BrokerConfigKeys.PORT, -1))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Invalid value '-1' for configuration key 'port': expected an integer in 0..65535");
    }

    @Test
    void builderSetsTypedAndTextualValues() {
        BrokerConfig config = BrokerConfig.defaults().toBuilder()
                .set(BrokerConfigKeys.FSYNC_POLICY, FsyncPolicySetting.OS)
                .set("delivery.max.attempts", "3")
                .build();

        assertThat(config.fsyncPolicy()).isEqualTo(FsyncPolicySetting.OS);
        assertThat(config.deliveryMaxAttempts()).isEqualTo(3);
        assertThat(BrokerConfig.builder().set(BrokerConfigKeys.SECURITY_USERS_FILE, Optional.of(dir)).build()
                .securityUsersFile()).contains(dir);
    }

    @Test
    void keyOutsideTheBrokerKeysIsRefused() {
        ConfigKey<Integer> foreign = ConfigKey.of("foreign", ConfigType.INT, 1, ConfigValidator.any(), "not ours");

        assertThatThrownBy(() -> BrokerConfig.builder().set(foreign, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BrokerConfig.defaults().get(foreign)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void loadsAPropertiesFileWithComments() throws IOException {
        Path file = dir.resolve("broker.properties");
        Files.writeString(file, "# a broker\nport = 9999\n\ndata.dir=/srv/data  \nfsync.policy=os\n",
                StandardCharsets.UTF_8);

        BrokerConfig config = BrokerConfig.load(file);

        assertThat(config.port()).isEqualTo(9999);
        assertThat(config.dataDir()).isEqualTo(Path.of("/srv/data"));
        assertThat(config.fsyncPolicy()).isEqualTo(FsyncPolicySetting.OS);
    }

    @Test
    void loadNamesTheFileOfABadValue() throws IOException {
        Path file = dir.resolve("broker.properties");
        Files.writeString(file, "port=http\n", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> BrokerConfig.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'http'")
                .hasMessageContaining(file.toString());
    }

    @Test
    void missingFileIsAConfigException() {
        Path missing = dir.resolve("missing.properties");

        assertThatThrownBy(() -> BrokerConfig.load(missing))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Configuration file not found: " + missing);
    }

    @Test
    void toPropertiesRoundTrips() {
        BrokerConfig config = BrokerConfig.defaults().with(BrokerConfigKeys.FSYNC_POLICY, FsyncPolicySetting.INTERVAL)
                .with(BrokerConfigKeys.SECURITY_USERS_FILE, Optional.of(Path.of("u.properties")));

        Properties properties = config.toProperties();

        assertThat(properties.getProperty("fsync.policy")).isEqualTo("interval");
        assertThat(BrokerConfig.fromProperties(properties)).isEqualTo(config).hasSameHashCodeAs(config);
        assertThat(BrokerConfig.defaults().toProperties().getProperty("security.users.file")).isEmpty();
        assertThat(config.toString()).contains("fsync.policy=interval");
    }
}
