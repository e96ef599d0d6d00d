package io.logjms.broker.net.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import io.logjms.protocol.ApiKey;
import javax.transaction.xa.XAResource;
import org.junit.jupiter.api.Test;

/** The {@code request} label of {@code logjms_xa_requests_total}, as docs/OPERATIONS.md lists it. */
class XaRequestMeterNameTest {

    @Test
    void eachXaRequestHasItsLabelAndAOnePhaseCommitItsOwn() {
        assertThat(XaHandler.meterName(ApiKey.XA_START, XAResource.TMJOIN)).isEqualTo("start");
        assertThat(XaHandler.meterName(ApiKey.XA_END, XAResource.TMSUCCESS)).isEqualTo("end");
        assertThat(XaHandler.meterName(ApiKey.XA_PREPARE, XAResource.TMNOFLAGS)).isEqualTo("prepare");
        assertThat(XaHandler.meterName(ApiKey.XA_COMMIT, XAResource.TMNOFLAGS)).isEqualTo("commit");
        assertThat(XaHandler.meterName(ApiKey.XA_COMMIT, XAResource.TMONEPHASE)).isEqualTo("commit_one_phase");
        assertThat(XaHandler.meterName(ApiKey.XA_ROLLBACK, XAResource.TMNOFLAGS)).isEqualTo("rollback");
        assertThat(XaHandler.meterName(ApiKey.XA_RECOVER, XAResource.TMSTARTRSCAN)).isEqualTo("recover");
        assertThat(XaHandler.meterName(ApiKey.XA_FORGET, XAResource.TMNOFLAGS)).isEqualTo("forget");
    }
}
