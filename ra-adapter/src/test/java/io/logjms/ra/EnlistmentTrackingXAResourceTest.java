package io.logjms.ra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The managed connection hands out its XA session only while a branch is associated: the wrapper must
 * follow start, end, suspend and resume, and pass every call through unchanged.
 */
@Timeout(10)
class EnlistmentTrackingXAResourceTest {

    /** The provider's XA resource as far as this test needs it: it records the calls it gets. */
    private static final class RecordingResource implements XAResource {
        final List<String> calls = new ArrayList<>();
        boolean failEnd;

        @Override
        public void start(Xid xid, int flags) {
            calls.add("start " + flags);
        }

        @Override
        public void end(Xid xid, int flags) throws XAException {
            calls.add("end " + flags);
            if (failEnd) {
                throw new XAException(XAException.XAER_RMFAIL);
            }
        }

        @Override
        public int prepare(Xid xid) {
            calls.add("prepare");
            return XA_OK;
        }

        @Override
        public void commit(Xid xid, boolean onePhase) {
            calls.add("commit " + onePhase);
        }

        @Override
        public void rollback(Xid xid) {
            calls.add("rollback");
        }

        @Override
        public void forget(Xid xid) {
            calls.add("forget");
        }

        @Override
        public Xid[] recover(int flag) {
            calls.add("recover " + flag);
            return new Xid[0];
        }

        @Override
        public boolean isSameRM(XAResource other) {
            return other == this;
        }

        @Override
        public int getTransactionTimeout() {
            return 60;
        }

        @Override
        public boolean setTransactionTimeout(int seconds) {
            calls.add("timeout " + seconds);
            return true;
        }
    }

    private static final Xid XID = new Xid() {
        @Override
        public int getFormatId() {
            return 1;
        }

        @Override
        public byte[] getGlobalTransactionId() {
            return new byte[] {1};
        }

        @Override
        public byte[] getBranchQualifier() {
            return new byte[] {2};
        }
    };

    @Test
    void aBranchIsAssociatedFromStartToEndAndNotWhileSuspended() throws Exception {
        RecordingResource provider = new RecordingResource();
        EnlistmentTrackingXAResource resource = new EnlistmentTrackingXAResource(provider);
        assertThat(resource.isAssociated()).isFalse();

        resource.start(XID, XAResource.TMNOFLAGS);
        assertThat(resource.isAssociated()).isTrue();
        resource.end(XID, XAResource.TMSUSPEND);
        assertThat(resource.isAssociated()).isFalse();
        resource.start(XID, XAResource.TMRESUME);
        assertThat(resource.isAssociated()).isTrue();
        resource.end(XID, XAResource.TMSUCCESS);
        assertThat(resource.isAssociated()).isFalse();

        assertThat(resource.prepare(XID)).isEqualTo(XAResource.XA_OK);
        resource.commit(XID, false);
        assertThat(provider.calls).containsExactly("start " + XAResource.TMNOFLAGS, "end " + XAResource.TMSUSPEND,
                "start " + XAResource.TMRESUME, "end " + XAResource.TMSUCCESS, "prepare", "commit false");
    }

    @Test
    void aFailedEndLeavesNoBranchAssociated() throws Exception {
        RecordingResource provider = new RecordingResource();
        provider.failEnd = true;
        EnlistmentTrackingXAResource resource = new EnlistmentTrackingXAResource(provider);
        resource.start(XID, XAResource.TMNOFLAGS);

        assertThatThrownBy(() -> resource.end(XID, XAResource.TMFAIL)).isInstanceOf(XAException.class);
        assertThat(resource.isAssociated()).isFalse();
    }

    @Test
    void isSameRmComparesTheProvidersResources() throws Exception {
        RecordingResource provider = new RecordingResource();
        EnlistmentTrackingXAResource one = new EnlistmentTrackingXAResource(provider);
        EnlistmentTrackingXAResource sameProvider = new EnlistmentTrackingXAResource(provider);

        assertThat(one.isSameRM(sameProvider)).isTrue();
        assertThat(one.isSameRM(provider)).isTrue();
        assertThat(one.isSameRM(new EnlistmentTrackingXAResource(new RecordingResource()))).isFalse();
    }

    @Test
    void recoveryAndTimeoutsPassThrough() throws Exception {
        RecordingResource provider = new RecordingResource();
        EnlistmentTrackingXAResource resource = new EnlistmentTrackingXAResource(provider);

        assertThat(resource.recover(XAResource.TMSTARTRSCAN)).isEmpty();
        assertThat(resource.setTransactionTimeout(30)).isTrue();
        assertThat(resource.getTransactionTimeout()).isEqualTo(60);
        resource.rollback(XID);
        resource.forget(XID);
        assertThat(provider.calls).containsExactly("recover " + XAResource.TMSTARTRSCAN, "timeout 30", "rollback",
                "forget");
    }
}
