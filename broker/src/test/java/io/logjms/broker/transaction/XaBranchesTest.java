package io.logjms.broker.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logjms.broker.transaction.XaBranchException.Reason;
import io.logjms.protocol.api.XaBranchId;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.transaction.xa.XAResource;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The rules of XA branches on the broker that need no storage: associations, states, timeouts (with a
 * clock the test moves). Prepare and commit of branches with work are covered with a real broker
 * (XaNarayanaIT).
 */
@Timeout(10)
class XaBranchesTest {
    private static final XaBranchId X = xid("x");
    private static final Object CONNECTION_A = "connection A";
    private static final Object CONNECTION_B = "connection B";

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final XaBranches branches = new XaBranches(null, null, List.of(), XaBranches.DEFAULT_TIMEOUT_SECONDS,
            now::get);

    private static XaBranchId xid(String global) {
        return new XaBranchId(1, global.getBytes(StandardCharsets.UTF_8), new byte[] {1});
    }

    private static void assertRefused(ThrowingCallable call, Reason reason) {
        assertThatThrownBy(call).isInstanceOfSatisfying(XaBranchException.class,
                e -> assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason));
    }

    private void end(XaBranchId xid, int flags, Object owner) {
        branches.end(xid, flags, List.of(), List.of(), owner);
    }

    @Test
    void aBranchIsStartedOnceAndJoinedOrResumedOnlyWhileItExists() {
        assertRefused(() -> branches.start(X, XAResource.TMJOIN, 0, CONNECTION_A), Reason.UNKNOWN_BRANCH);
        assertRefused(() -> branches.start(X, XAResource.TMRESUME, 0, CONNECTION_A), Reason.UNKNOWN_BRANCH);
        branches.start(X, XAResource.TMNOFLAGS, 0, CONNECTION_A);
        assertRefused(() -> branches.start(X, XAResource.TMNOFLAGS, 0, CONNECTION_B), Reason.DUPLICATE_BRANCH);
        branches.start(X, XAResource.TMJOIN, 0, CONNECTION_B);
        assertRefused(() -> branches.start(X, XAResource.TMSUCCESS, 0, CONNECTION_B), Reason.INVALID);
        assertRefused(() -> branches.start(xid("y"), XAResource.TMNOFLAGS, -1, CONNECTION_B), Reason.INVALID);
        assertRefused(() -> branches.start(null, XAResource.TMNOFLAGS, 0, CONNECTION_B), Reason.INVALID);
    }

    @Test
    void prepareWaitsUntilEveryAssociationEnded() {
        branches.start(X, XAResource.TMNOFLAGS, 0, CONNECTION_A);
        branches.start(X, XAResource.TMJOIN, 0, CONNECTION_B);
        end(X, XAResource.TMSUCCESS, CONNECTION_A);
        assertRefused(() -> end(X, XAResource.TMSUCCESS, CONNECTION_A), Reason.PROTOCOL_ERROR);
        assertRefused(() -> branches.prepare(X), Reason.PROTOCOL_ERROR);
        end(X, XAResource.TMSUSPEND, CONNECTION_B);
        assertRefused(() -> branches.prepare(X), Reason.PROTOCOL_ERROR);
        branches.start(X, XAResource.TMRESUME, 0, CONNECTION_B);
        end(X, XAResource.TMSUCCESS, CONNECTION_B);

        assertThat(branches.prepare(X)).as("a branch without work is read-only").isTrue();
        assertThat(branches.isKnown(X)).as("and forgotten once prepared").isFalse();
        assertRefused(() -> branches.commit(X, false), Reason.UNKNOWN_BRANCH);
    }

    @Test
    void aBranchEndedWithTmFailOrLeftByItsConnectionCanOnlyRollBack() {
        branches.start(X, XAResource.TMNOFLAGS, 0, CONNECTION_A);
        end(X, XAResource.TMFAIL, CONNECTION_A);
        assertRefused(() -> branches.start(X, XAResource.TMJOIN, 0, CONNECTION_B), Reason.ROLLED_BACK);
        assertRefused(() -> branches.prepare(X), Reason.ROLLED_BACK);
        assertThat(branches.isKnown(X)).isFalse();

        XaBranchId y = xid("y");
        branches.start(y, XAResource.TMNOFLAGS, 0, CONNECTION_A);
        branches.ownerLost(CONNECTION_A);
        assertRefused(() -> branches.commit(y, true), Reason.ROLLED_BACK);
        assertThat(branches.isKnown(y)).isFalse();
    }

    @Test
    void aBranchNotPreparedWithinItsTimeoutIsRolledBackAndRemembered() {
        branches.start(X, XAResource.TMNOFLAGS, 5, CONNECTION_A);
        end(X, XAResource.TMSUCCESS, CONNECTION_A);
        XaBranchId byDefault = xid("default");
        branches.start(byDefault, XAResource.TMNOFLAGS, 0, CONNECTION_A);

        now.addAndGet(4_999);
        assertThat(branches.expire()).isZero();
        now.addAndGet(1);
        assertThat(branches.expire()).isEqualTo(1);

        assertRefused(() -> branches.prepare(X), Reason.TIMED_OUT);
        assertRefused(() -> branches.commit(X, true), Reason.TIMED_OUT);
        assertRefused(() -> branches.start(X, XAResource.TMNOFLAGS, 0, CONNECTION_A), Reason.DUPLICATE_BRANCH);
        branches.rollback(X);
        assertRefused(() -> branches.rollback(X), Reason.UNKNOWN_BRANCH);

        now.addAndGet(XaBranches.DEFAULT_TIMEOUT_SECONDS * 1000L - 5_001);
        assertThat(branches.expire()).isZero();
        now.addAndGet(1);
        assertThat(branches.expire()).as("the default timeout is 60 s").isEqualTo(1);
    }

    @Test
    void theBrokerHasNoHeuristicBranchesToForget() {
        assertRefused(() -> branches.forget(X), Reason.UNKNOWN_BRANCH);
        branches.start(X, XAResource.TMNOFLAGS, 0, CONNECTION_A);
        assertRefused(() -> branches.forget(X), Reason.PROTOCOL_ERROR);
        assertThat(branches.recover()).as("nothing is prepared").isEmpty();
        end(X, XAResource.TMSUCCESS, CONNECTION_A);
        branches.rollback(X);
        assertThat(branches.isKnown(X)).isFalse();
    }
}
