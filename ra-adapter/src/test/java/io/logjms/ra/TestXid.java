package io.logjms.ra;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;
import javax.transaction.xa.Xid;

/** Xids a test transaction manager makes: a fresh global transaction id each, branch qualifier given. */
record TestXid(byte[] gtrid, byte[] bqual) implements Xid {
    private static final AtomicLong NEXT = new AtomicLong(System.nanoTime());

    static TestXid next(int branch) {
        return new TestXid(ByteBuffer.allocate(8).putLong(NEXT.incrementAndGet()).array(),
                ByteBuffer.allocate(4).putInt(branch).array());
    }

    @Override
    public int getFormatId() {
        return 0x4c4a;
    }

    @Override
    public byte[] getGlobalTransactionId() {
        return gtrid.clone();
    }

    @Override
    public byte[] getBranchQualifier() {
        return bqual.clone();
    }
}
