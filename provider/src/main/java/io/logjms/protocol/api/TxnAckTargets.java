package io.logjms.protocol.api;

import io.logjms.protocol.DestinationId;
import io.logjms.protocol.MalformedFrameException;
import io.logjms.protocol.Wire;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code TXN_ACK_TARGETS}: the request names attachments of this connection ({@code int32 n, n x int32 subscription
 * id}); the answer gives, in the same order, the subscription each belongs to ({@code n x (string id,
 * destination)}), so that a cross-broker transaction can carry its acknowledgements to the coordinator.
 */
public final class TxnAckTargets {
    private TxnAckTargets() {
    }

    /** The subscription of one attachment. */
    public record Target(String subscriptionId, DestinationId destination) {
    }

    public static void writeRequest(ByteBuf out, List<Integer> attachments) {
        out.writeInt(attachments.size());
        attachments.forEach(out::writeInt);
    }

    public static List<Integer> readRequest(ByteBuf in) {
        int n = Wire.readCount(in, "attachment count", 4);
        List<Integer> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ids.add(Wire.readInt(in, "subscription id"));
        }
        return ids;
    }

    public static void writeResponse(ByteBuf out, List<Target> targets) {
        out.writeInt(targets.size());
        for (Target t : targets) {
            Wire.writeString(out, t.subscriptionId());
            t.destination().writeTo(out);
        }
    }

    public static List<Target> readResponse(ByteBuf in) {
        int n = Wire.readCount(in, "target count", 5);
        List<Target> targets = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String id = Wire.readString(in);
            if (id == null) {
                throw new MalformedFrameException("a target names no subscription");
            }
            targets.add(new Target(id, DestinationId.readFrom(in)));
        }
        return targets;
    }
}
