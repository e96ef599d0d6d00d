package io.logjms.protocol.api;

import io.logjms.protocol.Wire;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/** Where each committed batch was written, in the order of the request. */
public record CommitResponse(List<ProduceResponse> produced) {

    public void writeTo(ByteBuf out) {
        out.writeInt(produced.size());
        produced.forEach(p -> p.writeTo(out));
    }

    public static CommitResponse readFrom(ByteBuf in) {
        int n = Wire.readCount(in, "produce count", 24);
        List<ProduceResponse> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(ProduceResponse.readFrom(in));
        }
        return new CommitResponse(list);
    }
}
