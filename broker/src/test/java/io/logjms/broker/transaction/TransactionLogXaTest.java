package io.logjms.broker.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.logjms.protocol.DestinationId;
import io.logjms.protocol.api.RecordRef;
import io.logjms.protocol.api.XaBranchId;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The XA entries of the transaction log, read back as a restart reads them. */
class TransactionLogXaTest {
    @TempDir
    Path dir;

    private static PreparedBranch branch(String global) {
        PreparedTransaction work = new PreparedTransaction(
                List.of(new PreparedTransaction.Produce(DestinationId.queue("q"), 0, ByteBuffer.wrap(new byte[] {1, 2, 3}))),
                List.of(new PreparedTransaction.Ack("queue/in", List.of(new RecordRef(0, 7)))));
        return new PreparedBranch(new XaBranchId(5, global.getBytes(StandardCharsets.UTF_8), new byte[] {9}), work);
    }

    private TransactionLog.Pending reopen() {
        try (TransactionLog log = new TransactionLog(dir.resolve("transactions.log"))) {
            return log.open();
        }
    }

    @Test
    void aPreparedBranchStaysUntilItsCommitOrRollbackAndTheCommitIsThenPending() {
        try (TransactionLog log = new TransactionLog(dir.resolve("transactions.log"))) {
            log.open();
            log.prepareBranch(10, branch("a").encode());
            log.prepareBranch(11, branch("b").encode());
            log.prepareBranch(12, branch("c").encode());
            log.commitBranch(20, 10, new byte[] {42});
            log.rollbackBranch(11);
        }
        TransactionLog.Pending pending = reopen();
        assertThat(pending.xaBranches()).containsOnlyKeys(12L);
        PreparedBranch c = PreparedBranch.decode(pending.xaBranches().get(12L));
        assertThat(c.xid()).isEqualTo(branch("c").xid());
        assertThat(c.work().acks()).singleElement().satisfies(a -> {
            assertThat(a.subscriptionId()).isEqualTo("queue/in");
            assertThat(a.records()).containsExactly(new RecordRef(0, 7));
        });
        assertThat(pending.commits()).as("the commit of branch 10 is to be applied again").containsOnlyKeys(20L);
        assertThat(pending.commits().get(20L)).containsExactly(42);
        assertThat(pending.highestId()).isEqualTo(20);

        try (TransactionLog log = new TransactionLog(dir.resolve("transactions.log"))) {
            log.open();
            log.complete(20);
        }
        assertThat(reopen().commits()).isEmpty();
        assertThat(reopen().xaBranches()).containsOnlyKeys(12L);
    }

    @Test
    void aTornCommitEntryLeavesTheBranchPrepared() throws IOException {
        Path file = dir.resolve("transactions.log");
        long before;
        try (TransactionLog log = new TransactionLog(file)) {
            log.open();
            log.prepareBranch(10, branch("a").encode());
            before = file.toFile().length();
            log.commitBranch(20, 10, new byte[] {42, 43, 44});
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() - 2);
        }
        TransactionLog.Pending pending = reopen();
        assertThat(pending.xaBranches()).containsOnlyKeys(10L);
        assertThat(pending.commits()).isEmpty();
        assertThat(file.toFile().length()).as("the torn tail is cut").isEqualTo(before);
    }
}
