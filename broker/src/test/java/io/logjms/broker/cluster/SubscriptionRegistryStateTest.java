package io.logjms.broker.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logjms.broker.journal.ChecksummedEntries;
import io.logjms.broker.log.TopicPartition;
import io.logjms.broker.metadata.DestinationKey;
import io.logjms.broker.metadata.DestinationMetadata;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry's values as bytes (stored subscriptions, client-id holders), their incarnations, who still holds a
 * client id, and stored subscriptions in this broker's copy of the cluster state.
 */
class SubscriptionRegistryStateTest {
    private static final byte[] DEFINITION = "definition".getBytes(StandardCharsets.UTF_8);
    private static final byte[] OTHER = "other definition".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dataDir;

    @Test
    void subscriptionEntriesAndTombstonesRoundTripAsBytes() {
        SubscriptionEntry first = SubscriptionEntry.first("durable/app/orders", DEFINITION);
        SubscriptionEntry tombstone = first.tombstone();

        assertThat(ClusterCodec.subscription(ClusterCodec.subscription(first))).isEqualTo(first);
        assertThat(ClusterCodec.subscription(ClusterCodec.subscription(tombstone))).isEqualTo(tombstone);
        assertThat(ClusterCodec.subscription(first)).as("the same entry, the same bytes (compare-and-set)")
                .isEqualTo(ClusterCodec.subscription(SubscriptionEntry.first("durable/app/orders", DEFINITION)));
        assertThat(ClusterCodec.subscription(first)).isNotEqualTo(ClusterCodec.subscription(
                SubscriptionEntry.first("durable/app/orders", OTHER)));
        assertThatThrownBy(() -> ClusterCodec.subscription(ClusterCodec.broker(new BrokerAddress(1, "h", 1))))
                .hasMessageContaining("cluster value of type 'B', expected 'U'");
        byte[] truncated = ClusterCodec.subscription(first);
        assertThatThrownBy(() -> ClusterCodec.subscription(java.util.Arrays.copyOf(truncated, truncated.length - 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unreadable cluster value");
    }

    @Test
    void aReplacementAndACreationAfterADeleteAreNewIncarnationsAndATombstoneKeepsItsOwn() {
        SubscriptionEntry first = SubscriptionEntry.first("durable/app/orders", DEFINITION);
        SubscriptionEntry replaced = first.next(OTHER, true);
        SubscriptionEntry deleted = replaced.tombstone();
        SubscriptionEntry again = deleted.next(DEFINITION, false);

        assertThat(List.of(first.version(), replaced.version(), deleted.version(), again.version()))
                .containsExactly(1L, 2L, 3L, 4L);
        assertThat(List.of(first.incarnation(), replaced.incarnation(), deleted.incarnation(), again.incarnation()))
                .containsExactly(1L, 2L, 2L, 3L);
        assertThat(deleted.deleted()).isTrue();
        assertThat(again.definition()).isEqualTo(DEFINITION);
    }

    @Test
    void clientIdHoldersRoundTripAsBytesAndHoldOnlyWhileABrokerOfTheirIncarnationLives() {
        ClientIdHolder.Node one = new ClientIdHolder.Node(1, "uuid-1");
        ClientIdHolder.Node two = new ClientIdHolder.Node(2, "uuid-2");
        ClientIdHolder holder = new ClientIdHolder("app", "c1-7", List.of(one)).with(two).with(two);

        assertThat(holder.nodes()).containsExactly(one, two);
        assertThat(ClusterCodec.clientId(ClusterCodec.clientId(holder))).isEqualTo(holder);
        assertThat(holder.live(Map.of(1, "uuid-1", 2, "uuid-2"))).isSameAs(holder);
        assertThat(holder.live(Map.of(1, "uuid-1")).nodes()).as("node 2 left").containsExactly(one);
        assertThat(holder.live(Map.of(1, "uuid-1-restarted", 2, "uuid-2-restarted")).held())
                .as("both brokers restarted: new members, the old links are gone").isFalse();
        assertThat(holder.without(one).without(two).held()).isFalse();
    }

    @Test
    void storedSubscriptionsAreSavedWithTheRestAndTheHighestVersionIsKept() {
        ClusterMetadata metadata = new ClusterMetadata(dataDir);
        SubscriptionEntry first = SubscriptionEntry.first("durable/app/orders", DEFINITION);
        SubscriptionEntry deleted = first.tombstone();

        assertThat(metadata.take(first)).isTrue();
        assertThat(metadata.take(deleted)).isTrue();
        assertThat(metadata.take(first)).as("an older version").isFalse();
        metadata.save();

        ClusterMetadata reloaded = new ClusterMetadata(dataDir);
        assertThat(reloaded.subscription("durable/app/orders")).contains(deleted);
        assertThat(reloaded.subscriptions()).containsExactly(deleted);
    }

    @Test
    void aStateFileOfFormatOneWithoutSubscriptionsIsStillRead() throws IOException {
        DestinationKey orders = DestinationKey.topic("orders");
        DestinationEntry destination = new DestinationEntry(orders, 1, DestinationMetadata.of(orders, 2), 3);
        TopicPartition tp = new TopicPartition(orders.logName(), 0);
        AssignmentEntry assignment = new AssignmentEntry(tp, 1, new PartitionAssignment(tp, List.of(1, 2, 3), 1, 1),
                "uuid-1");
        List<byte[]> payloads = List.of(ByteBuffer.allocate(8).putInt(0x4C4A4353).putInt(1).array(),
                ClusterCodec.destination(destination), ClusterCodec.assignment(assignment));
        ByteBuffer out = ByteBuffer.allocate(payloads.stream().mapToInt(p -> ChecksummedEntries.sizeOf(p.length)).sum());
        payloads.forEach(p -> ChecksummedEntries.write(out, ByteBuffer.wrap(p)));
        Path file = new ClusterStateFile(dataDir).path();
        Files.createDirectories(file.getParent());
        ChecksummedEntries.writeFileAtomically(file, out.flip());

        ClusterStateFile.State state = new ClusterStateFile(dataDir).load();

        assertThat(state.destinations()).containsEntry(orders, destination);
        assertThat(state.assignments()).containsEntry(tp, assignment);
        assertThat(state.subscriptions()).isEmpty();
    }
}
