package io.logjms.protocol.api;

import io.logjms.protocol.DestinationId;
import io.logjms.protocol.RequestChecks;
import io.logjms.protocol.Wire;
import io.logjms.protocol.InvalidRequestException;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * Attaches a consumer to a subscription on every partition of a destination and starts push delivery.
 * The client picks the subscription id (unique on its connection) and grants initial credit in records;
 * the broker never sends more records than the credit granted so far. Records that do not match
 * {@code selector}, and with {@code noLocal} records this connection produced, are skipped in the
 * broker. {@code name} names durable and shared subscriptions (null otherwise); the start position
 * applies when the subscription's cursor is created.
 *
 * <p>{@code partitions} attaches the consumer, of any kind, to some partitions only (the ones the broker leads, when
 * a client spreads one consumer over the brokers of a cluster); empty means every partition. On the wire it
 * follows the initial credit, so a request without it reads as before.
 */
public record SubscribeRequest(int subscriptionId, DestinationId destination, SubscriptionKind kind, String name,
                               String selector, boolean noLocal, StartPosition start, long startTimestamp,
                               int initialCredit, List<Integer> partitions) {

    public SubscribeRequest {
        partitions = List.copyOf(partitions);
    }

    /** A request for every partition. */
    public SubscribeRequest(int subscriptionId, DestinationId destination, SubscriptionKind kind, String name,
                            String selector, boolean noLocal, StartPosition start, long startTimestamp,
                            int initialCredit) {
        this(subscriptionId, destination, kind, name, selector, noLocal, start, startTimestamp, initialCredit,
                List.of());
    }

    /** The same request restricted to {@code subset} of the partitions. */
    public SubscribeRequest forPartitions(List<Integer> subset) {
        return new SubscribeRequest(subscriptionId, destination, kind, name, selector, noLocal, start, startTimestamp,
                initialCredit, subset);
    }

    /** The same request with another initial credit. */
    public SubscribeRequest withInitialCredit(int credit) {
        return new SubscribeRequest(subscriptionId, destination, kind, name, selector, noLocal, start, startTimestamp,
                credit, partitions);
    }

    /** A non-durable subscriber from the log end: the simplest subscription. */
    public static SubscribeRequest nonDurable(int subscriptionId, DestinationId destination, StartPosition start,
                                              long startTimestamp, String selector, int initialCredit) {
        return new SubscribeRequest(subscriptionId, destination, SubscriptionKind.NON_DURABLE, null, selector, false,
                start, startTimestamp, initialCredit);
    }

    public void writeTo(ByteBuf out) {
        out.writeInt(subscriptionId);
        destination.writeTo(out);
        out.writeByte(kind.code());
        Wire.writeString(out, name);
        Wire.writeString(out, selector);
        out.writeBoolean(noLocal);
        out.writeByte(start.code());
        out.writeLong(startTimestamp);
        out.writeInt(initialCredit);
        if (!partitions.isEmpty()) {
            out.writeInt(partitions.size());
            partitions.forEach(out::writeInt);
        }
    }

    public static SubscribeRequest readFrom(ByteBuf in) {
        int subscriptionId = Wire.readInt(in, "subscription id");
        DestinationId destination = DestinationId.readFrom(in);
        SubscriptionKind kind = SubscriptionKind.fromCode(Wire.readByte(in, "subscription kind"));
        String name = Wire.readString(in);
        if (kind.durable() || kind == SubscriptionKind.SHARED_NON_DURABLE) {
            RequestChecks.required("name", name);
        }
        String selector = Wire.readString(in);
        boolean noLocal = Wire.readBoolean(in, "no local");
        StartPosition start = StartPosition.fromCode(Wire.readByte(in, "start position"));
        long startTimestamp = Wire.readLong(in, "start timestamp");
        int credit = RequestChecks.nonNegative("initialCredit", Wire.readInt(in, "initial credit"));
        List<Integer> partitions = new ArrayList<>();
        if (in.isReadable()) {
            int n = Wire.readCount(in, "partition count", 4);
            for (int i = 0; i < n; i++) {
                partitions.add(RequestChecks.nonNegative("partition", Wire.readInt(in, "partition")));
            }
            if (n == 0) {
                throw new InvalidRequestException("partitions", "must not be an empty list when present");
            }
        }
        return new SubscribeRequest(subscriptionId, destination, kind, name, selector, noLocal, start, startTimestamp,
                credit, partitions);
    }
}
