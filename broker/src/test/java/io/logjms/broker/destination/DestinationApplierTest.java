package io.logjms.broker.destination;

import static org.assertj.core.api.Assertions.assertThat;

import io.logjms.broker.cluster.DestinationApplier;
import io.logjms.broker.config.BrokerConfig;
import io.logjms.broker.log.LogManager;
import io.logjms.broker.log.TopicPartition;
import io.logjms.broker.metadata.DestinationKey;
import io.logjms.broker.metadata.DestinationMetadata;
import io.logjms.broker.metadata.InMemoryMetadataStore;
import io.logjms.protocol.DestinationId;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the cluster's destination changes land on one broker: metadata, open logs, repeats changing nothing. */
class DestinationApplierTest {
    private static final DestinationKey ORDERS = DestinationKey.topic("orders");
    private static final DestinationId ORDERS_ID = DestinationId.topic("orders");

    @TempDir
    Path dataDir;
    private InMemoryMetadataStore metadata;
    private LogManager logs;
    private DestinationManager destinations;
    private DestinationApplier applier;
    private final List<DestinationId> deleted = new ArrayList<>();

    @BeforeEach
    void open() throws Exception {
        BrokerConfig config = BrokerConfig.defaults();
        metadata = new InMemoryMetadataStore();
        logs = new LogManager(dataDir, LogConfigs.broker(config), Clock.systemUTC());
        logs.startup();
        destinations = new DestinationManager(metadata, logs, config);
        destinations.startup();
        destinations.onDelete(d -> deleted.add(d.id()));
        applier = destinations.applier();
    }

    @AfterEach
    void close() throws Exception {
        logs.close();
        metadata.close();
    }

    @Test
    void aStoredDestinationIsCreatedOnceAndItsSettingsFollow() {
        DestinationMetadata orders = DestinationMetadata.of(ORDERS, 2);

        applier.stored(orders);
        applier.stored(orders);

        assertThat(destinations.get(ORDERS_ID).partitionCount()).isEqualTo(2);
        assertThat(metadata.destinations()).containsExactly(orders);
        assertThat(logs.partitions()).containsExactlyInAnyOrder(new TopicPartition("topic.orders", 0),
                new TopicPartition("topic.orders", 1));
        assertThat(applier.local()).containsExactly(orders);

        applier.stored(orders.withRetentionMs(60_000L));

        assertThat(destinations.get(ORDERS_ID).metadata().retentionMs()).isEqualTo(60_000L);
        assertThat(metadata.destination(ORDERS).orElseThrow().retentionMs()).isEqualTo(60_000L);
    }

    @Test
    void aDeleteRemovesMetadataAndLogsAndRepeatingItChangesNothing() {
        applier.stored(DestinationMetadata.of(ORDERS, 1));

        applier.deleted(ORDERS);
        applier.deleted(ORDERS);

        assertThat(destinations.find(ORDERS_ID)).isEmpty();
        assertThat(metadata.destinations()).isEmpty();
        assertThat(logs.partitions()).isEmpty();
        assertThat(deleted).containsExactly(ORDERS_ID);
    }

    @Test
    void anotherPartitionCountInTheClusterRecreatesTheLocalCopy() {
        applier.stored(DestinationMetadata.of(ORDERS, 1));

        applier.stored(DestinationMetadata.of(ORDERS, 3));

        assertThat(destinations.get(ORDERS_ID).partitionCount()).isEqualTo(3);
        assertThat(metadata.destination(ORDERS).orElseThrow().partitions()).isEqualTo(3);
        assertThat(logs.partitions()).hasSize(3);
    }
}
