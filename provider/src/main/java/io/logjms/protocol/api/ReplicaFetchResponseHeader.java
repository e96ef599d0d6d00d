package io.logjms.protocol.api;

import io.logjms.protocol.Wire;
import io.netty.buffer.ByteBuf;

/**
 * The fixed part of a {@code REPLICA_FETCH} answer, followed by {@code recordsLength} bytes of whole batches
 * (sent from the log file). When the fetcher's log diverges from the answering replica's, no batches follow
 * and {@code divergingEpoch}/{@code divergingEndOffset} say where the answering replica's copy of the
 * fetcher's last epoch ends (KIP-320): the fetcher truncates there and fetches again.
 *
 * @param leaderEpoch the answering replica's leader epoch
 * @param highWatermark its high watermark (exclusive)
 * @param logStartOffset its log start
 * @param logEndOffset its log end
 * @param divergingEpoch {@link #NO_DIVERGENCE} or the largest epoch at or below the fetcher's last epoch
 * @param divergingEndOffset where that epoch ends in the answering replica's log, or -1
 * @param recordsLength bytes of batches that follow
 */
public record ReplicaFetchResponseHeader(int leaderEpoch, long highWatermark, long logStartOffset, long logEndOffset,
                                         int divergingEpoch, long divergingEndOffset, int recordsLength) {
    public static final int NO_DIVERGENCE = -2;

    public boolean diverging() {
        return divergingEpoch != NO_DIVERGENCE;
    }

    public void writeTo(ByteBuf out) {
        out.writeInt(leaderEpoch);
        out.writeLong(highWatermark);
        out.writeLong(logStartOffset);
        out.writeLong(logEndOffset);
        out.writeInt(divergingEpoch);
        out.writeLong(divergingEndOffset);
        out.writeInt(recordsLength);
    }

    public static ReplicaFetchResponseHeader readFrom(ByteBuf in) {
        return new ReplicaFetchResponseHeader(Wire.readInt(in, "leader epoch"), Wire.readLong(in, "high watermark"),
                Wire.readLong(in, "log start"), Wire.readLong(in, "log end"), Wire.readInt(in, "diverging epoch"),
                Wire.readLong(in, "diverging end offset"), Wire.readInt(in, "records length"));
    }
}
