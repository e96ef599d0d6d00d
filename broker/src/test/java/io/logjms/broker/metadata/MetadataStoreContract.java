package io.logjms.broker.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What every {@link MetadataStore} must do; a subclass supplies the store. */
@Timeout(30)
abstract class MetadataStoreContract {

    protected MetadataStore store;

    protected abstract MetadataStore newStore();

    private MetadataStore store() {
        if (store == null) {
            store = newStore();
        }
        return store;
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void createsAndReadsDestinations() {
        DestinationMetadata orders = DestinationMetadata.of(DestinationKey.topic("orders"), 3).withRetentionMs(5000L);
        DestinationMetadata jobs = DestinationMetadata.of(DestinationKey.queue("jobs"), 1);

        store().createDestination(orders);
        store().createDestination(jobs);

        assertThat(store().destination(DestinationKey.topic("orders"))).contains(orders);
        assertThat(store().destination(DestinationKey.queue("orders"))).isEmpty();
        assertThat(store().destinations()).containsExactly(orders, jobs);
    }

    @Test
    void queueAndTopicMayShareAName() {
        store().createDestination(DestinationMetadata.of(DestinationKey.topic("orders"), 2));
        store().createDestination(DestinationMetadata.of(DestinationKey.queue("orders"), 4));

        assertThat(store().destinations()).extracting(DestinationMetadata::partitions).containsExactly(2, 4);
    }

    @Test
    void creatingAnExistingDestinationFails() {
        DestinationKey key = DestinationKey.topic("orders");
        store().createDestination(DestinationMetadata.of(key, 1));

        assertThatThrownBy(() -> store().createDestination(DestinationMetadata.of(key, 2)))
                .isInstanceOf(DestinationExistsException.class)
                .hasMessageContaining("topic.orders")
                .extracting(e -> ((DestinationExistsException) e).destination()).isEqualTo(key);
        assertThat(store().destination(key)).map(DestinationMetadata::partitions).contains(1);
    }

    @Test
    void updatesAndDeletesExistingDestinationsOnly() {
        DestinationKey key = DestinationKey.queue("jobs");
        store().createDestination(DestinationMetadata.of(key, 1));

        store().updateDestination(DestinationMetadata.of(key, 8).withSegmentBytes(4096L));
        assertThat(store().destination(key)).contains(DestinationMetadata.of(key, 8).withSegmentBytes(4096L));

        store().deleteDestination(key);
        assertThat(store().destination(key)).isEmpty();
        assertThatThrownBy(() -> store().deleteDestination(key)).isInstanceOf(UnknownDestinationException.class)
                .hasMessageContaining("queue.jobs");
        assertThatThrownBy(() -> store().updateDestination(DestinationMetadata.of(key, 2)))
                .isInstanceOf(UnknownDestinationException.class);
    }

    @Test
    void storesRecordsByNamespaceAndKey() {
        store().putRecord("cursor", "b", bytes("2"));
        store().putRecord("cursor", "a", bytes("1"));
        store().putRecord("subscription", "a", bytes("sub"));
        store().putRecord("cursor", "b", bytes("22"));

        assertThat(store().record("cursor", "b")).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("22")));
        assertThat(store().record("cursor", "c")).isEmpty();
        assertThat(store().records("cursor")).containsOnlyKeys("a", "b");
        assertThat(store().records("cursor").keySet()).containsExactly("a", "b");
        assertThat(store().records("none")).isEmpty();

        assertThat(store().deleteRecord("cursor", "a")).isTrue();
        assertThat(store().deleteRecord("cursor", "a")).isFalse();
        assertThat(store().records("cursor")).containsOnlyKeys("b");
        assertThat(store().records("subscription")).containsOnlyKeys("a");
    }

    @Test
    void recordValuesAreCopiedInAndOut() {
        byte[] value = bytes("abc");
        store().putRecord("ns", "k", value);
        value[0] = 'X';
        store().record("ns", "k").orElseThrow()[1] = 'Y';
        store().records("ns").get("k")[2] = 'Z';

        assertThat(store().record("ns", "k")).hasValueSatisfying(v -> assertThat(v).isEqualTo(bytes("abc")));
    }

    @Test
    void recordArgumentsAreChecked() {
        assertThatThrownBy(() -> store().putRecord("", "k", new byte[0])).isInstanceOf(InvalidMetadataException.class);
        assertThatThrownBy(() -> store().putRecord("ns", "k".repeat(MetadataStore.MAX_RECORD_NAME_LENGTH + 1),
                new byte[0])).isInstanceOf(InvalidMetadataException.class);
        assertThatThrownBy(() -> store().putRecord("ns", "k", new byte[MetadataStore.MAX_RECORD_VALUE_BYTES + 1]))
                .isInstanceOf(InvalidMetadataException.class);
        store().putRecord("ns", "k", new byte[MetadataStore.MAX_RECORD_VALUE_BYTES]);
        assertThat(store().record("ns", "k")).hasValueSatisfying(
                v -> assertThat(v).hasSize(MetadataStore.MAX_RECORD_VALUE_BYTES));
    }

    @Test
    void everyCallFailsAfterClose() {
        store().close();
        store().close();

        assertThatThrownBy(() -> store().destinations()).isInstanceOf(MetadataStorageException.class);
        assertThatThrownBy(() -> store().putRecord("ns", "k", new byte[1]))
                .isInstanceOf(MetadataStorageException.class);
    }

    @Test
    void concurrentWritersAndReadersSeeEveryChange() throws Exception {
        MetadataStore shared = store();
        int threads = 4;
        int perThread = 25;
        ExecutorService executor = Executors.newFixedThreadPool(threads + 1);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                writers.add(executor.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        shared.createDestination(DestinationMetadata.of(DestinationKey.topic("t" + thread + "-" + i), 1));
                        shared.putRecord("ns", thread + "-" + i, new byte[] {(byte) i});
                    }
                }));
            }
            Future<?> reader = executor.submit(() -> {
                int seen = 0;
                while (!writers.stream().allMatch(Future::isDone)) {
                    int now = shared.destinations().size();
                    assertThat(now).isGreaterThanOrEqualTo(seen);
                    seen = now;
                }
            });
            for (Future<?> writer : writers) {
                writer.get();
            }
            reader.get();
        } finally {
            executor.shutdown();
            assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(shared.destinations()).hasSize(threads * perThread);
        assertThat(shared.records("ns")).hasSize(threads * perThread);
    }
}
