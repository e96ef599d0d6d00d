package io.logjms.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logjms.protocol.DestinationId;
import io.logjms.protocol.api.RecordRef;
import io.logjms.protocol.api.ReleaseRequest;
import io.logjms.provider.send.OutgoingRecord;
import jakarta.jms.IllegalStateException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The context of a session without a transaction: it takes nothing and refuses commit and rollback. */
@Timeout(10)
class NoTransactionContextTest {
    private final NoTransactionContext none = new NoTransactionContext();
    private final TransactionContext.Consumers consumers = new TransactionContext.Consumers() {
        @Override
        public void giveBack(List<ReleaseRequest> consumed) {
            throw new AssertionError("nothing to give back without a transaction");
        }

        @Override
        public void transactionEnded() {
            throw new AssertionError("no transaction ends");
        }
    };

    @Test
    void leavesSendsAndConsumedRecordsToTheSendPathAndTheAcknowledgementMode() {
        assertThat(none.isTransacted()).isFalse();
        assertThat(none.collectSend(new OutgoingRecord(DestinationId.queue("q"), 0, 1L, null, null, null))).isFalse();
        assertThat(none.collectConsumed(1, new RecordRef(0, 1))).isFalse();
        assertThat(none.holdsConsumed(1)).isFalse();
        none.onReconnected();
        assertThat(none.close()).isEmpty();
    }

    @Test
    void refusesCommitAndRollbackNamingTheReason() {
        assertThatThrownBy(() -> none.commit(consumers))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot commit: the session is not transacted");
        assertThatThrownBy(() -> none.rollback(consumers))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot roll back: the session is not transacted");
    }
}
