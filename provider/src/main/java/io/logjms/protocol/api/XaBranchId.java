package io.logjms.protocol.api;

import io.logjms.protocol.InvalidRequestException;
import io.logjms.protocol.Wire;
import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The identity of an XA transaction branch, as the transaction manager gave it ({@code javax.transaction.xa.Xid}
 * without the JTA type): format id, global transaction id and branch qualifier, each id at most 64 bytes.
 * Immutable; the arrays are copied in and never handed out.
 */
public final class XaBranchId {
    /** {@code Xid.MAXGTRIDSIZE} and {@code Xid.MAXBQUALSIZE}. */
    public static final int MAX_ID_BYTES = 64;

    private final int formatId;
    private final byte[] globalId;
    private final byte[] branchQualifier;

    public XaBranchId(int formatId, byte[] globalId, byte[] branchQualifier) {
        if (globalId == null || branchQualifier == null) {
            throw new IllegalArgumentException("an Xid needs a global transaction id and a branch qualifier");
        }
        if (globalId.length == 0 || globalId.length > MAX_ID_BYTES || branchQualifier.length > MAX_ID_BYTES) {
            throw new IllegalArgumentException("an Xid's global transaction id takes 1 to 64 bytes and its branch"
                    + " qualifier at most 64, not " + globalId.length + " and " + branchQualifier.length);
        }
        this.formatId = formatId;
        this.globalId = globalId.clone();
        this.branchQualifier = branchQualifier.clone();
    }

    public int formatId() {
        return formatId;
    }

    public byte[] globalId() {
        return globalId.clone();
    }

    public byte[] branchQualifier() {
        return branchQualifier.clone();
    }

    public void writeTo(ByteBuf out) {
        out.writeInt(formatId);
        Wire.writeBytes(out, globalId);
        Wire.writeBytes(out, branchQualifier);
    }

    public static XaBranchId readFrom(ByteBuf in) {
        int format = Wire.readInt(in, "xid format id");
        byte[] global = Wire.readBytes(in);
        byte[] branch = Wire.readBytes(in);
        try {
            return new XaBranchId(format, global, branch);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("xid", "is not valid: " + e.getMessage());
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof XaBranchId x && x.formatId == formatId && Arrays.equals(x.globalId, globalId)
                && Arrays.equals(x.branchQualifier, branchQualifier);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * formatId + Arrays.hashCode(globalId)) + Arrays.hashCode(branchQualifier);
    }

    @Override
    public String toString() {
        HexFormat hex = HexFormat.of();
        return formatId + ":" + hex.formatHex(globalId) + ":" + hex.formatHex(branchQualifier);
    }
}
