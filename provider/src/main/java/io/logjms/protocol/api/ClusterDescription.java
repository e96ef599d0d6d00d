package io.logjms.protocol.api;

import io.logjms.protocol.Wire;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * The answer to CLUSTER_DESCRIBE (whose request body is empty): the cluster's name, its controller's node id
 * ({@link #NO_CONTROLLER} while none is known) and every broker it knows, alive or gone, with its client address.
 */
public record ClusterDescription(String clusterName, int controller, List<Member> members) {
    public static final int NO_CONTROLLER = -1;

    /** One broker: node id, client address ({@code advertised.host} and port), whether it is a live member. */
    public record Member(int nodeId, String host, int port, boolean alive) {
    }

    public ClusterDescription {
        members = List.copyOf(members);
    }

    public void writeTo(ByteBuf out) {
        Wire.writeString(out, clusterName);
        out.writeInt(controller);
        out.writeInt(members.size());
        for (Member m : members) {
            out.writeInt(m.nodeId());
            Wire.writeString(out, m.host());
            out.writeInt(m.port());
            out.writeBoolean(m.alive());
        }
    }

    public static ClusterDescription readFrom(ByteBuf in) {
        String name = Wire.readString(in);
        int controller = Wire.readInt(in, "controller");
        int n = Wire.readCount(in, "member count", 11);
        List<Member> members = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            members.add(new Member(Wire.readInt(in, "nodeId"), Wire.readString(in), Wire.readInt(in, "port"),
                    Wire.readBoolean(in, "alive")));
        }
        return new ClusterDescription(name, controller, members);
    }
}
