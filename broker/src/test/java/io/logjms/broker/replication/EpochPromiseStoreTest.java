package io.logjms.broker.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(10)
class EpochPromiseStoreTest {
    @TempDir
    Path dir;

    @Test
    void aPromiseIsReadBackAndReplacedWhole() {
        assertThat(EpochPromiseStore.read(dir)).isEmpty();
        EpochPromiseStore.write(dir, new EpochPromiseStore.Promise(3, 2));
        EpochPromiseStore.write(dir, new EpochPromiseStore.Promise(4, 1));

        assertThat(EpochPromiseStore.read(dir)).hasValue(new EpochPromiseStore.Promise(4, 1));
        assertThat(dir.resolve(EpochPromiseStore.FILE_NAME + ".tmp")).doesNotExist();
    }

    @Test
    void aDamagedPromiseIsAnErrorNeverForgotten() throws Exception {
        EpochPromiseStore.write(dir, new EpochPromiseStore.Promise(3, 2));
        Path file = dir.resolve(EpochPromiseStore.FILE_NAME);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 1] ^= 1;
        Files.write(file, bytes);

        assertThatThrownBy(() -> EpochPromiseStore.read(dir)).hasMessageContaining("damaged")
                .hasMessageContaining(file.toString());
    }
}
