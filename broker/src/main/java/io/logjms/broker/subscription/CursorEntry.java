package io.logjms.broker.subscription;

import io.logjms.broker.subscription.CursorJournal.PartitionState;
import io.logjms.protocol.api.TransactionId;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One change of a subscription's cursor on one partition, as a {@link ReplicatedCursorStore} writes it into that
 * partition's own log: the value of a record with key {@value #KEY} in a control batch
 * ({@code RecordBatchLayout.ATTR_CONTROL}). The partition is the log's own, so it is not in the value.
 *
 * <p>Version 1, integers big-endian:
 * <pre>
 * | version = 1 (1) | id length (2) | subscription id (UTF-8) | incarnation (8) | type (1) | payload |
 *   ACK       int32 n, n * int64 offset
 *   COUNT     int64 offset, int32 delivery count
 *   MARK      int64 delivered mark
 *   FLOOR     int64 new floor
 *   SNAPSHOT  int64 floor, int64 delivered mark, int32 n, n * int64 acknowledged offset,
 *             int32 m, m * (int64 offset, int32 delivery count),      (replaces the state)
 *             [int32 g, g * (string group, string owner)]              (message groups; absent before groups)
 *             [int32 h, h * (int64 offset, int64 txn high, int64 low)] (holds; absent in older snapshots)
 *   HOLD      int64 transaction id high, int64 low, int32 n, n * int64 offset: held for a cross-broker
 *             transaction (not delivered again until it is applied or given back)
 *   UNHOLD    the same layout: the transaction gave them back (their counts are COUNT entries)
 *   GROUP     string group, string owner        (the group's records go to that consumer from now on)
 *   FREED     string owner                      (the groups of that consumer on this partition are free)
 *
 *   string    int32 length, UTF-8 bytes
 * </pre>
 * A SNAPSHOT replaces the holds too (a cursor checkpoint stores each state as a SNAPSHOT, so it must carry them);
 * the store also writes the holds of the moment after it as HOLD entries, which older snapshots relied on.
 * A group is a record key (the JMSXGroupID) on a shared cursor; an owner is a consumer's identity
 * ({@link SubscriptionConsumer#identity()}), which a consumer keeps when it attaches at another broker.
 * A reader skips entries of another version, subscription or incarnation without decoding their payload.
 * Stateless.
 */
final class CursorEntry {
    static final String KEY = "logjms.cursor";
    static final byte[] KEY_BYTES = KEY.getBytes(StandardCharsets.UTF_8);
    static final byte VERSION = 1;
    static final byte ACK = 1;
    static final byte COUNT = 2;
    static final byte MARK = 3;
    static final byte FLOOR = 4;
    static final byte SNAPSHOT = 5;
    static final byte HOLD = 6;
    static final byte UNHOLD = 7;
    static final byte GROUP = 8;
    static final byte FREED = 9;

    private CursorEntry() {
    }

    /** The fixed part of every entry of one subscription incarnation, written once and copied into each entry. */
    static byte[] prefix(String subscriptionId, long incarnation) {
        byte[] id = subscriptionId.getBytes(StandardCharsets.UTF_8);
        if (id.length > 0xFFFF) {
            throw new IllegalArgumentException("subscription id longer than 65535 bytes");
        }
        return ByteBuffer.allocate(1 + 2 + id.length + 8).put(VERSION).putShort((short) id.length).put(id)
                .putLong(incarnation).array();
    }

    static byte[] ack(byte[] prefix, long[] offsets, int from, int n) {
        ByteBuffer b = begin(prefix, ACK, 4 + 8 * n).putInt(n);
        for (int i = 0; i < n; i++) {
            b.putLong(offsets[from + i]);
        }
        return b.array();
    }

    static byte[] count(byte[] prefix, long offset, int deliveryCount) {
        return begin(prefix, COUNT, 12).putLong(offset).putInt(deliveryCount).array();
    }

    static byte[] mark(byte[] prefix, long deliveredMark) {
        return begin(prefix, MARK, 8).putLong(deliveredMark).array();
    }

    static byte[] floor(byte[] prefix, long floor) {
        return begin(prefix, FLOOR, 8).putLong(floor).array();
    }

    static byte[] snapshot(byte[] prefix, PartitionState state) {
        ByteBuffer b = begin(prefix, SNAPSHOT, snapshotPayloadBytes(state)).putLong(state.floor)
                .putLong(state.deliveredMark).putInt(state.acked.size());
        state.acked.forEach(b::putLong);
        b.putInt(state.counts.size());
        state.counts.forEach((o, c) -> b.putLong(o).putInt(c));
        b.putInt(state.groups.size());
        state.groups.forEach((group, owner) -> putString(putString(b, group), owner));
        b.putInt(state.holds.size());
        state.holds.forEach((offset, id) -> b.putLong(offset).putLong(id.high()).putLong(id.low()));
        return b.array();
    }

    /** A {@link #HOLD} or {@link #UNHOLD} entry of {@code n} offsets of {@code offsets} from {@code from}. */
    static byte[] hold(byte[] prefix, byte type, TransactionId id, long[] offsets, int from, int n) {
        ByteBuffer b = begin(prefix, type, 16 + 4 + 8 * n).putLong(id.high()).putLong(id.low()).putInt(n);
        for (int i = 0; i < n; i++) {
            b.putLong(offsets[from + i]);
        }
        return b.array();
    }

    static int snapshotPayloadBytes(PartitionState state) {
        int groups = 4;
        for (Map.Entry<String, String> e : state.groups.entrySet()) {
            groups += stringBytes(e.getKey()) + stringBytes(e.getValue());
        }
        return 8 + 8 + 4 + 8 * state.acked.size() + 4 + 12 * state.counts.size() + groups
                + 4 + 24 * state.holds.size();
    }

    static byte[] group(byte[] prefix, String group, String owner) {
        return putString(putString(begin(prefix, GROUP, stringBytes(group) + stringBytes(owner)), group), owner)
                .array();
    }

    static byte[] freed(byte[] prefix, String owner) {
        return putString(begin(prefix, FREED, stringBytes(owner)), owner).array();
    }

    private static int stringBytes(String s) {
        return 4 + s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static ByteBuffer putString(ByteBuffer b, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        return b.putInt(bytes.length).put(bytes);
    }

    private static String getString(ByteBuffer b) {
        int n = b.getInt();
        if (n < 0 || n > b.remaining()) {
            throw new IllegalArgumentException("cursor entry holds a string of " + n + " bytes in " + b.remaining());
        }
        byte[] bytes = new byte[n];
        b.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static ByteBuffer begin(byte[] prefix, byte type, int payload) {
        return ByteBuffer.allocate(prefix.length + 1 + payload).put(prefix).put(type);
    }

    /**
     * Applies {@code value} to {@code state} if it is an entry of the subscription incarnation whose
     * {@link #prefix} is {@code prefix}; returns its type, or 0 when it is not such an entry.
     *
     * @throws IllegalArgumentException if an entry of this incarnation is malformed
     */
    static byte applyIfOwn(ByteBuffer value, byte[] prefix, PartitionState state) {
        if (value == null || value.remaining() <= prefix.length || !startsWith(value, prefix)) {
            return 0;
        }
        ByteBuffer b = value.duplicate();
        b.position(b.position() + prefix.length);
        byte type;
        try {
            type = b.get(b.position());
            apply(b, state);
        } catch (BufferUnderflowException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("cursor entry ends inside its payload");
        }
        if (b.hasRemaining()) {
            throw new IllegalArgumentException("cursor entry has " + b.remaining() + " bytes after its payload");
        }
        return type;
    }

    /** Whether an entry of {@code type} replaces the state above its floor (a new floor, a snapshot). */
    static boolean resets(byte type) {
        return type == FLOOR || type == SNAPSHOT;
    }

    private static boolean startsWith(ByteBuffer value, byte[] prefix) {
        int p = value.position();
        for (int i = 0; i < prefix.length; i++) {
            if (value.get(p + i) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** The same rules as {@link CursorJournal}'s replay, entry by entry. */
    private static void apply(ByteBuffer b, PartitionState p) {
        byte type = b.get();
        switch (type) {
            case ACK -> {
                int n = b.getInt();
                for (int i = 0; i < n; i++) {
                    p.ack(b.getLong());
                }
            }
            case COUNT -> {
                long offset = b.getLong();
                int count = b.getInt();
                if (offset >= p.floor && !p.acked.contains(offset)) {
                    p.counts.put(offset, count);
                }
            }
            case MARK -> p.deliveredMark = Math.max(p.deliveredMark, b.getLong());
            case FLOOR -> p.floor(b.getLong());
            case SNAPSHOT -> readSnapshot(b, p);
            case HOLD, UNHOLD -> {
                TransactionId id = new TransactionId(b.getLong(), b.getLong());
                int n = b.getInt();
                for (int i = 0; i < n; i++) {
                    long offset = b.getLong();
                    if (type == UNHOLD) {
                        p.holds.remove(offset, id);
                    } else if (offset >= p.floor && !p.acked.contains(offset)) {
                        p.holds.put(offset, id);
                    }
                }
            }
            case GROUP -> p.groups.put(getString(b), getString(b));
            case FREED -> p.groups.values().removeIf(getString(b)::equals);
            default -> throw new IllegalArgumentException("unknown cursor entry type " + type);
        }
    }

    private static void readSnapshot(ByteBuffer b, PartitionState p) {
        p.floor = b.getLong();
        p.deliveredMark = b.getLong();
        p.acked.clear();
        p.counts.clear();
        p.holds.clear();
        int n = b.getInt();
        for (int i = 0; i < n; i++) {
            p.acked.add(b.getLong());
        }
        int m = b.getInt();
        for (int i = 0; i < m; i++) {
            p.counts.put(b.getLong(), b.getInt());
        }
        p.groups.clear();
        if (b.hasRemaining()) { // a snapshot written before message groups were replicated has no groups
            int g = b.getInt();
            for (int i = 0; i < g; i++) {
                p.groups.put(getString(b), getString(b));
            }
        }
        if (b.hasRemaining()) { // nor holds: those follow such a snapshot as HOLD entries
            int h = b.getInt();
            for (int i = 0; i < h; i++) {
                p.holds.put(b.getLong(), new TransactionId(b.getLong(), b.getLong()));
            }
        }
    }

    /**
     * The {@link #prefix} that {@code value} starts with (the subscription incarnation it belongs to), or null when
     * it is no entry of this version or too short to hold one. For readers that follow every subscription.
     */
    static byte[] prefixOf(ByteBuffer value) {
        if (value == null || value.remaining() < 1 + 2 || value.get(value.position()) != VERSION) {
            return null;
        }
        int length = 1 + 2 + (value.getShort(value.position() + 1) & 0xFFFF) + 8;
        if (value.remaining() <= length) {
            return null;
        }
        byte[] prefix = new byte[length];
        value.duplicate().get(prefix);
        return prefix;
    }

    /** The type of {@code value} if it is an entry of the incarnation of {@code prefix}, else 0; applies nothing. */
    static byte typeIfOwn(ByteBuffer value, byte[] prefix) {
        if (value == null || value.remaining() <= prefix.length || !startsWith(value, prefix)) {
            return 0;
        }
        return value.get(value.position() + prefix.length);
    }
}
