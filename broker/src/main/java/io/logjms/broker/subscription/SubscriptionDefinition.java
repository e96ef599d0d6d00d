package io.logjms.broker.subscription;

import io.logjms.protocol.api.SubscriptionKind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * What defines a durable subscription: its kind, topic, selector and noLocal flag, plus its incarnation, which tells
 * it apart from an earlier subscription of the same id that was deleted (in a cluster its cursor entries stay in
 * the partitions' logs, see {@link ReplicatedCursorStore}). Stored as metadata: version 2 appends the incarnation
 * (int64); version 1, without it, reads as incarnation 0.
 */
public record SubscriptionDefinition(SubscriptionKind kind, String topic, String selector, boolean noLocal,
                                     long incarnation) {

    public SubscriptionDefinition(SubscriptionKind kind, String topic, String selector, boolean noLocal) {
        this(kind, topic, selector, noLocal, 0);
    }

    /** The same definition under another incarnation. */
    public SubscriptionDefinition withIncarnation(long value) {
        return new SubscriptionDefinition(kind, topic, selector, noLocal, value);
    }

    /** Whether a consumer asking for {@code other} can join this subscription as it is. */
    public boolean sameAs(SubscriptionDefinition other) {
        return kind == other.kind && topic.equals(other.topic) && Objects.equals(norm(selector), norm(other.selector))
                && noLocal == other.noLocal;
    }

    private static String norm(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    public byte[] encode() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(2);
            out.writeByte(kind.code());
            out.writeUTF(topic);
            out.writeBoolean(selector != null);
            if (selector != null) {
                out.writeUTF(selector);
            }
            out.writeBoolean(noLocal);
            out.writeLong(incarnation);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static SubscriptionDefinition decode(byte[] data) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(data));
            int version = in.readByte();
            if (version != 1 && version != 2) {
                throw new IllegalStateException("unknown subscription definition version " + version);
            }
            SubscriptionKind kind = SubscriptionKind.fromCode(in.readByte());
            String topic = in.readUTF();
            String selector = in.readBoolean() ? in.readUTF() : null;
            boolean noLocal = in.readBoolean();
            return new SubscriptionDefinition(kind, topic, selector, noLocal, version >= 2 ? in.readLong() : 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
