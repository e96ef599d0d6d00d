package io.logjms.broker.transaction;

import io.logjms.protocol.api.XaBranchId;
import java.nio.ByteBuffer;

/**
 * The payload of an XA_PREPARE entry: the branch's Xid, then its work as a {@link PreparedTransaction}.
 *
 * <pre>
 * int32 format id   int32 length, global transaction id   int32 length, branch qualifier   work bytes
 * </pre>
 */
record PreparedBranch(XaBranchId xid, PreparedTransaction work) {

    byte[] encode() {
        byte[] global = xid.globalId();
        byte[] qualifier = xid.branchQualifier();
        byte[] body = work.encode();
        return ByteBuffer.allocate(12 + global.length + qualifier.length + body.length)
                .putInt(xid.formatId()).putInt(global.length).put(global).putInt(qualifier.length).put(qualifier)
                .put(body).array();
    }

    static PreparedBranch decode(byte[] payload) {
        ByteBuffer in = ByteBuffer.wrap(payload);
        int format = in.getInt();
        byte[] global = new byte[in.getInt()];
        in.get(global);
        byte[] qualifier = new byte[in.getInt()];
        in.get(qualifier);
        byte[] body = new byte[in.remaining()];
        in.get(body);
        return new PreparedBranch(new XaBranchId(format, global, qualifier), PreparedTransaction.decode(body));
    }
}
