package io.logjms.protocol.api;

import io.logjms.protocol.DestinationId;
import io.logjms.protocol.Wire;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/** Admin view of one subscription. {@code id} names it in describe and reset requests. */
public record SubscriptionInfo(String id, SubscriptionKind kind, DestinationId destination, String clientId,
                               String name, String selector, int consumers) {

    public void writeTo(ByteBuf out) {
        Wire.writeString(out, id);
        out.writeByte(kind.code());
        destination.writeTo(out);
        Wire.writeString(out, clientId);
        Wire.writeString(out, name);
        Wire.writeString(out, selector);
        out.writeInt(consumers);
    }

    public static SubscriptionInfo readFrom(ByteBuf in) {
        return new SubscriptionInfo(Wire.readString(in), SubscriptionKind.fromCode(Wire.readByte(in, "kind")),
                DestinationId.readFrom(in), Wire.readString(in), Wire.readString(in), Wire.readString(in),
                Wire.readInt(in, "consumers"));
    }

    public static void writeList(ByteBuf out, List<SubscriptionInfo> list) {
        out.writeInt(list.size());
        list.forEach(s -> s.writeTo(out));
    }

    public static List<SubscriptionInfo> readList(ByteBuf in) {
        int n = Wire.readCount(in, "subscription count", 10);
        List<SubscriptionInfo> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(readFrom(in));
        }
        return list;
    }
}
