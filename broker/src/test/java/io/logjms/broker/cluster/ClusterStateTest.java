package io.logjms.broker.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logjms.broker.log.TopicPartition;
import io.logjms.broker.metadata.DestinationKey;
import io.logjms.broker.metadata.DestinationMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cluster's values as bytes, this broker's copy on disk, and taking entries only in version order. */
class ClusterStateTest {
    private static final DestinationKey ORDERS = DestinationKey.topic("orders");
    private static final TopicPartition TP = new TopicPartition("topic.orders", 1);

    @TempDir
    Path dataDir;

    private static DestinationEntry orders(long version) {
        return new DestinationEntry(ORDERS, version, DestinationMetadata.of(ORDERS, 2).withRetentionMs(5L), 3);
    }

    private static AssignmentEntry assignment(long version, int leader, int epoch) {
        return new AssignmentEntry(TP, version, new PartitionAssignment(TP, List.of(2, 3, 1), leader, epoch), "inc-" + leader);
    }

    @Test
    void valuesRoundTripAsBytes() {
        DestinationEntry tombstone = orders(3).next(null, 3);
        ReplicaStatus status = new ReplicaStatus(TP, 2, 7, 100, 120, List.of(2, 1));
        BrokerAddress address = new BrokerAddress(4, "10.0.0.4", 7878);

        assertThat(ClusterCodec.destination(ClusterCodec.destination(orders(2)))).isEqualTo(orders(2));
        assertThat(ClusterCodec.destination(ClusterCodec.destination(tombstone))).isEqualTo(tombstone);
        assertThat(ClusterCodec.assignment(ClusterCodec.assignment(assignment(4, 2, 7)))).isEqualTo(assignment(4, 2, 7));
        assertThat(ClusterCodec.status(ClusterCodec.status(status))).isEqualTo(status);
        assertThat(ClusterCodec.broker(ClusterCodec.broker(address))).isEqualTo(address);
        assertThat(ClusterCodec.destination(orders(2))).as("the same entry, the same bytes (compare-and-set)")
                .isEqualTo(ClusterCodec.destination(orders(2)));
        assertThatThrownBy(() -> ClusterCodec.assignment(ClusterCodec.destination(orders(2))))
                .hasMessageContaining("cluster value of type 'D', expected 'A'");
    }

    @Test
    void aNewerEntryIsTakenAppliedAndSavedAnOlderOneIsIgnored() {
        ClusterMetadata metadata = new ClusterMetadata(dataDir);
        List<String> applied = new ArrayList<>();
        List<PartitionAssignment> told = new ArrayList<>();
        metadata.applier(new DestinationApplier() {
            @Override
            public void stored(DestinationMetadata destination) {
                applied.add("stored " + destination.key() + " retention " + destination.retentionMs());
            }

            @Override
            public void deleted(DestinationKey key) {
                applied.add("deleted " + key);
            }

            @Override
            public List<DestinationMetadata> local() {
                return List.of();
            }
        });
        metadata.addListener(told::add);

        assertThat(metadata.take(orders(2))).isTrue();
        assertThat(metadata.take(orders(1))).as("older").isFalse();
        assertThat(metadata.take(orders(2))).as("the same again").isFalse();
        assertThat(metadata.take(orders(2).next(null, 3))).isTrue();
        assertThat(metadata.take(assignment(2, 2, 5))).isTrue();
        assertThat(metadata.take(assignment(1, 3, 9))).isFalse();
        metadata.save();

        assertThat(applied).containsExactly("stored topic.orders retention 5", "deleted topic.orders");
        assertThat(told).containsExactly(assignment(2, 2, 5).assignment());
        ClusterStateFile.State onDisk = new ClusterStateFile(dataDir).load();
        assertThat(onDisk.destinations().values()).containsExactly(orders(2).next(null, 3));
        assertThat(onDisk.assignments().values()).containsExactly(assignment(2, 2, 5));
        assertThat(new ClusterMetadata(dataDir).knownAssignments()).as("known after a restart, not seen yet")
                .containsExactly(assignment(2, 2, 5));
    }

    @Test
    void aDamagedStateFileIsRefusedRatherThanHalfRead() throws IOException {
        ClusterStateFile file = new ClusterStateFile(dataDir);
        file.save(List.of(orders(1)), List.of(assignment(1, 2, 1)), List.of());
        byte[] bytes = Files.readAllBytes(file.path());
        bytes[bytes.length - 3] ^= 0x5A;
        Files.write(file.path(), bytes);

        assertThatThrownBy(file::load).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is damaged").hasMessageContaining("fails its checksum");
    }
}
