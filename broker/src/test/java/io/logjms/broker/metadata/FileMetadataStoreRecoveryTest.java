package io.logjms.broker.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Crash recovery of {@link FileMetadataStore}: a random sequence of operations is run against the store and
 * against a model; the journal is then cut at some byte, as a crash during a write would leave it, and the store
 * reopened. Its state must be the model's state after exactly the operations whose journal entries lie
 * completely before the cut (plus everything already in the snapshot), and it must accept further changes.
 */
class FileMetadataStoreRecoveryTest {

    private static final List<String> NAMESPACES = List.of("cursor", "sub", "x");

    /** Everything a store holds, comparable with equals. */
    record State(Map<DestinationKey, DestinationMetadata> destinations, Map<String, Map<String, String>> records) {
        static State of(MetadataStore store) {
            Map<DestinationKey, DestinationMetadata> destinations = new TreeMap<>();
            store.destinations().forEach(d -> destinations.put(d.key(), d));
            Map<String, Map<String, String>> records = new TreeMap<>();
            for (String namespace : NAMESPACES) {
                Map<String, String> inNamespace = new TreeMap<>();
                store.records(namespace).forEach((k, v) -> inNamespace.put(k, HexFormat.of().formatHex(v)));
                if (!inNamespace.isEmpty()) {
                    records.put(namespace, inNamespace);
                }
            }
            return new State(destinations, records);
        }
    }

    /** The reference: plain maps with the rules of {@link MetadataStore}. */
    static final class Model {
        final TreeMap<DestinationKey, DestinationMetadata> destinations = new TreeMap<>();
        final TreeMap<String, TreeMap<String, String>> records = new TreeMap<>();

        State state() {
            Map<String, Map<String, String>> copy = new TreeMap<>();
            records.forEach((ns, inNamespace) -> copy.put(ns, new TreeMap<>(inNamespace)));
            return new State(new TreeMap<>(destinations), copy);
        }
    }

    /** One operation; both applications return the same outcome word when the store is right. */
    sealed interface Op {
        String on(MetadataStore store);

        String on(Model model);
    }

    record Create(DestinationMetadata destination) implements Op {
        public String on(MetadataStore store) {
            try {
                store.createDestination(destination);
                return "ok";
            } catch (DestinationExistsException e) {
                return "exists";
            }
        }

        public String on(Model model) {
            return model.destinations.putIfAbsent(destination.key(), destination) == null ? "ok" : "exists";
        }
    }

    record Update(DestinationMetadata destination) implements Op {
        public String on(MetadataStore store) {
            try {
                store.updateDestination(destination);
                return "ok";
            } catch (UnknownDestinationException e) {
                return "unknown";
            }
        }

        public String on(Model model) {
            return model.destinations.replace(destination.key(), destination) != null ? "ok" : "unknown";
        }
    }

    record Delete(DestinationKey key) implements Op {
        public String on(MetadataStore store) {
            try {
                store.deleteDestination(key);
                return "ok";
            } catch (UnknownDestinationException e) {
                return "unknown";
            }
        }

        public String on(Model model) {
            return model.destinations.remove(key) != null ? "ok" : "unknown";
        }
    }

    record Put(String namespace, String key, byte[] value) implements Op {
        public String on(MetadataStore store) {
            store.putRecord(namespace, key, value);
            return "ok";
        }

        public String on(Model model) {
            model.records.computeIfAbsent(namespace, ns -> new TreeMap<>()).put(key, HexFormat.of().formatHex(value));
            return "ok";
        }
    }

    record DeleteRecord(String namespace, String key) implements Op {
        public String on(MetadataStore store) {
            return String.valueOf(store.deleteRecord(namespace, key));
        }

        public String on(Model model) {
            TreeMap<String, String> inNamespace = model.records.get(namespace);
            boolean existed = inNamespace != null && inNamespace.remove(key) != null;
            if (inNamespace != null && inNamespace.isEmpty()) {
                model.records.remove(namespace);
            }
            return String.valueOf(existed);
        }
    }

    @Provide
    Arbitrary<Op> operations() {
        Arbitrary<DestinationKey> keys = Combinators.combine(Arbitraries.of(DestinationKind.class),
                Arbitraries.of("a", "b", "c")).as(DestinationKey::new);
        Arbitrary<DestinationMetadata> destinations = Combinators.combine(keys, Arbitraries.integers().between(1, 4),
                        Arbitraries.longs().between(-1, 100_000).injectNull(0.5))
                .as((key, partitions, retention) -> DestinationMetadata.of(key, partitions).withRetentionMs(retention));
        Arbitrary<String> namespaces = Arbitraries.of(NAMESPACES);
        Arbitrary<String> recordKeys = Arbitraries.of("k1", "k2", "k3", "k4");
        Arbitrary<byte[]> values = Arbitraries.bytes().array(byte[].class).ofMaxSize(60);
        return Arbitraries.frequencyOf(
                Tuple.of(3, destinations.map(Create::new)),
                Tuple.of(2, destinations.map(Update::new)),
                Tuple.of(2, keys.map(Delete::new)),
                Tuple.of(4, Combinators.combine(namespaces, recordKeys, values).as(Put::new)),
                Tuple.of(2, Combinators.combine(namespaces, recordKeys).as(DeleteRecord::new)));
    }

    @Property(tries = 150)
    void journalCutAtAnyByteRecoversTheCompletelyWrittenPrefix(
            @ForAll @Size(min = 1, max = 40) List<@From("operations") Op> ops,
            @ForAll("compactionThresholds") long compactionThreshold,
            @ForAll @Size(min = 1, max = 4) List<@IntRange(min = 0, max = 1_000_000) Integer> cutSeeds)
            throws IOException {
        Path dir = Files.createTempDirectory("logjms-metadata-recovery");
        try {
            Run run = Run.execute(dir, ops, compactionThreshold);
            for (int seed : cutSeeds) {
                run.checkCutAt(seed % (run.journalSize() + 1));
            }
        } finally {
            deleteRecursively(dir);
        }
    }

    @Provide
    Arbitrary<Long> compactionThresholds() {
        return Arbitraries.of(150L, 600L, FileMetadataStore.DEFAULT_COMPACTION_THRESHOLD_BYTES);
    }

    @Example
    void everyCutOfOneJournalRecovers() throws IOException {
        List<Op> ops = List.of(
                new Create(DestinationMetadata.of(DestinationKey.topic("a"), 2)),
                new Put("cursor", "k1", new byte[] {1, 2, 3}),
                new Create(DestinationMetadata.of(DestinationKey.queue("a"), 1).withRetentionMs(-1L)),
                new Create(DestinationMetadata.of(DestinationKey.topic("a"), 3)),
                new Update(DestinationMetadata.of(DestinationKey.topic("a"), 4)),
                new Put("sub", "k2", new byte[20]),
                new DeleteRecord("cursor", "k1"),
                new Delete(DestinationKey.queue("a")),
                new Put("cursor", "k3", new byte[] {9}));
        Path dir = Files.createTempDirectory("logjms-metadata-recovery");
        try {
            Run run = Run.execute(dir, ops, FileMetadataStore.DEFAULT_COMPACTION_THRESHOLD_BYTES);
            for (long cut = 0; cut <= run.journalSize(); cut++) {
                run.checkCutAt(cut);
            }
        } finally {
            deleteRecursively(dir);
        }
    }

    /** One executed sequence: the model state after each operation and the journal size after each. */
    static final class Run {
        private final Path dir;
        private final Path pristine;
        private final long compactionThreshold;
        private final List<State> states = new ArrayList<>();
        private final List<Long> journalSizes = new ArrayList<>();

        private Run(Path dir, long compactionThreshold) throws IOException {
            this.dir = dir;
            this.pristine = Files.createDirectories(dir.resolve("pristine"));
            this.compactionThreshold = compactionThreshold;
        }

        static Run execute(Path dir, List<Op> ops, long compactionThreshold) throws IOException {
            Run run = new Run(dir, compactionThreshold);
            Path meta = run.meta();
            Model model = new Model();
            try (FileMetadataStore store = FileMetadataStore.open(meta, compactionThreshold)) {
                run.record(model.state());
                for (Op op : ops) {
                    assertThat(op.on(store)).as("outcome of %s", op).isEqualTo(op.on(model));
                    assertThat(State.of(store)).isEqualTo(model.state());
                    run.record(model.state());
                }
            }
            for (String file : List.of(MetadataFileLayout.JOURNAL_FILE, MetadataFileLayout.SNAPSHOT_FILE)) {
                if (Files.exists(meta.resolve(file))) {
                    Files.copy(meta.resolve(file), run.pristine.resolve(file));
                }
            }
            return run;
        }

        private Path meta() {
            return dir.resolve("meta");
        }

        private void record(State state) throws IOException {
            states.add(state);
            journalSizes.add(Files.size(meta().resolve(MetadataFileLayout.JOURNAL_FILE)));
        }

        long journalSize() {
            return journalSizes.get(journalSizes.size() - 1);
        }

        /** The state expected after cutting the journal at {@code cut}: see the class comment. */
        private State expectedAfterCut(long cut) {
            int lastReset = 0;
            for (int i = 1; i < journalSizes.size(); i++) {
                if (journalSizes.get(i) < journalSizes.get(i - 1)) {
                    lastReset = i;
                }
            }
            int complete = lastReset;
            for (int i = lastReset; i < journalSizes.size(); i++) {
                if (journalSizes.get(i) <= cut) {
                    complete = i;
                }
            }
            return states.get(complete);
        }

        void checkCutAt(long cut) throws IOException {
            restorePristineFiles();
            try (FileChannel journal = FileChannel.open(meta().resolve(MetadataFileLayout.JOURNAL_FILE),
                    StandardOpenOption.WRITE)) {
                journal.truncate(cut);
            }
            State expected = expectedAfterCut(cut);
            try (FileMetadataStore store = FileMetadataStore.open(meta(), compactionThreshold)) {
                assertThat(State.of(store)).as("state after cutting the journal at byte %d", cut)
                        .isEqualTo(expected);
                store.putRecord("x", "after-crash", new byte[] {42});
            }
            try (FileMetadataStore store = FileMetadataStore.open(meta(), compactionThreshold)) {
                State reopened = State.of(store);
                assertThat(reopened.destinations()).isEqualTo(expected.destinations());
                assertThat(reopened.records().get("x")).containsEntry("after-crash", "2a");
            }
        }

        private void restorePristineFiles() throws IOException {
            for (String file : List.of(MetadataFileLayout.JOURNAL_FILE, MetadataFileLayout.SNAPSHOT_FILE)) {
                Path source = pristine.resolve(file);
                Path target = meta().resolve(file);
                if (Files.exists(source)) {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                } else {
                    Files.deleteIfExists(target);
                }
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
