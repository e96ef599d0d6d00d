package io.logjms.broker.cluster;

import io.logjms.broker.journal.ChecksummedEntries;
import io.logjms.broker.log.TopicPartition;
import io.logjms.broker.metadata.DestinationKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * This broker's copy of the cluster metadata ({@value #FILE} in {@code <data.dir>/meta}): every destination,
 * assignment and stored-subscription entry it has seen, tombstones included, so that a whole-cluster restart
 * recovers from disk. {@link ChecksummedEntries}: a header entry (magic "LJCS", format 2; format 1, without
 * subscriptions, is read too), then one entry per value in {@link ClusterCodec}'s bytes. Replaced whole and atomically on every save (the metadata is small).
 * A file that fails its checksums is refused rather than half read: the broker must not forget a delete.
 */
final class ClusterStateFile {
    static final String FILE = "cluster.state";
    private static final int MAGIC = 0x4C4A4353; // "LJCS"
    private static final int VERSION = 2;
    private static final int OLDEST_READ = 1;

    private final Path file;

    ClusterStateFile(Path dataDir) {
        this.file = dataDir.resolve("meta").resolve(FILE);
    }

    Path path() {
        return file;
    }

    /** What the file holds. */
    record State(Map<DestinationKey, DestinationEntry> destinations, Map<TopicPartition, AssignmentEntry> assignments,
                 Map<String, SubscriptionEntry> subscriptions) {
        static State empty() {
            return new State(new TreeMap<>(), new TreeMap<>(ClusterStateFile::compare), new TreeMap<>());
        }
    }

    State load() {
        State state = State.empty();
        ByteBuffer content;
        try {
            content = ChecksummedEntries.readFile(file);
        } catch (NoSuchFileException e) {
            return state;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the cluster state " + file + ": " + e.getMessage(), e);
        }
        List<byte[]> payloads = new ArrayList<>();
        ChecksummedEntries.Scan scan = ChecksummedEntries.scan(content, payload -> {
            byte[] bytes = new byte[payload.remaining()];
            payload.get(bytes);
            payloads.add(bytes);
        });
        if (!scan.clean()) {
            throw new IllegalStateException("the cluster state " + file + " is damaged (" + scan.problem()
                    + "); restore it from a backup or remove it to take the cluster's metadata as it is");
        }
        int format = payloads.isEmpty() || payloads.get(0).length != 8 ? -1 : ByteBuffer.wrap(payloads.get(0)).getInt(4);
        if (format < OLDEST_READ || format > VERSION || ByteBuffer.wrap(payloads.get(0)).getInt() != MAGIC) {
            throw new IllegalStateException("the cluster state " + file + " has no header of format " + OLDEST_READ
                    + " to " + VERSION);
        }
        for (byte[] p : payloads.subList(1, payloads.size())) {
            if (p[0] == 'D') {
                DestinationEntry d = ClusterCodec.destination(p);
                state.destinations().put(d.key(), d);
            } else if (p[0] == ClusterCodec.SUBSCRIPTION) {
                SubscriptionEntry u = ClusterCodec.subscription(p);
                state.subscriptions().put(u.id(), u);
            } else {
                AssignmentEntry a = ClusterCodec.assignment(p);
                state.assignments().put(a.partition(), a);
            }
        }
        return state;
    }

    void save(Collection<DestinationEntry> destinations, Collection<AssignmentEntry> assignments,
              Collection<SubscriptionEntry> subscriptions) {
        List<byte[]> payloads = new ArrayList<>();
        payloads.add(ByteBuffer.allocate(8).putInt(MAGIC).putInt(VERSION).array());
        destinations.forEach(d -> payloads.add(ClusterCodec.destination(d)));
        assignments.forEach(a -> payloads.add(ClusterCodec.assignment(a)));
        subscriptions.forEach(u -> payloads.add(ClusterCodec.subscription(u)));
        int size = payloads.stream().mapToInt(p -> ChecksummedEntries.sizeOf(p.length)).sum();
        ByteBuffer out = ByteBuffer.allocate(size);
        payloads.forEach(p -> ChecksummedEntries.write(out, ByteBuffer.wrap(p)));
        try {
            Files.createDirectories(file.getParent());
            ChecksummedEntries.writeFileAtomically(file, out.flip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the cluster state " + file + ": " + e.getMessage(), e);
        }
    }

    static int compare(TopicPartition a, TopicPartition b) {
        int c = a.topic().compareTo(b.topic());
        return c != 0 ? c : Integer.compare(a.partition(), b.partition());
    }
}
