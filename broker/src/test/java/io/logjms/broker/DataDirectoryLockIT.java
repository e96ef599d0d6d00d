package io.logjms.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Two brokers on one data directory: the second is refused with a message naming the lock file. */
@Timeout(30)
class DataDirectoryLockIT {
    @TempDir
    Path dataDir;

    @Test
    void aSecondBrokerOnAUsedDataDirectorySaysAnotherBrokerProcessHoldsIt() {
        try (Broker first = Broker.builder().dataDir(dataDir).host("127.0.0.1").port(0).build().start()) {
            Broker second = Broker.builder().dataDir(dataDir).host("127.0.0.1").port(0).build();
            Path lockFile = dataDir.resolve("meta").resolve("metadata.lock");
            assertThatThrownBy(second::start)
                    .hasMessageContaining("data directory " + dataDir + " is in use by another broker process")
                    .hasMessageContaining("lock file " + lockFile)
                    .hasMessageNotContaining("another store");
            assertThat(first.port()).as("the first broker keeps serving").isPositive();
        }
        try (Broker afterwards = Broker.builder().dataDir(dataDir).host("127.0.0.1").port(0).build().start()) {
            assertThat(afterwards.port()).as("the directory is free once the first broker stopped").isPositive();
        }
    }
}
