package io.logjms.provider;

import static io.logjms.provider.SessionBehaviourTest.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.logjms.protocol.ApiKey;
import io.logjms.protocol.ErrorCode;
import io.logjms.protocol.api.RecordRef;
import io.logjms.protocol.api.ReleaseRequest;
import io.logjms.protocol.api.XaBranchId;
import io.logjms.protocol.record.RecordBatch;
import io.logjms.protocol.record.RecordBatchLayout;
import io.logjms.provider.client.ConnectionLostException;
import io.logjms.provider.client.ProtocolErrorException;
import io.logjms.provider.client.RecordingBrokerConnection;
import io.logjms.provider.client.XaCall;
import io.logjms.provider.config.ConnectionUrl;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TransactionInProgressException;
import jakarta.jms.TransactionInProgressRuntimeException;
import jakarta.jms.XAJMSContext;
import jakarta.jms.XASession;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The XAResource of an XA session: the association rules, what goes to the broker, and the error codes. */
@Timeout(10)
class LogJmsXAResourceTest {
    private static final Xid X1 = xid(1);
    private static final Xid X2 = xid(2);

    private final RecordingBrokerConnection broker = new RecordingBrokerConnection();
    private final LogJmsXAConnection connection;
    private final XASession session;
    private final XAResource resource;

    LogJmsXAResourceTest() throws Exception {
        connection = new LogJmsXAConnection(ConnectionUrl.parse("logjms://test:1?prefetch=8"), broker.connector());
        session = connection.createXASession();
        resource = session.getXAResource();
    }

    @AfterEach
    void close() throws JMSException {
        connection.close();
    }

    static Xid xid(int n) {
        XaBranchId id = new XaBranchId(4711, ("global-" + n).getBytes(StandardCharsets.UTF_8),
                "branch".getBytes(StandardCharsets.UTF_8));
        return new LogJmsXid(id);
    }

    private static XaBranchId id(Xid xid) {
        return new XaBranchId(xid.getFormatId(), xid.getGlobalTransactionId(), xid.getBranchQualifier());
    }

    private static void assertXaError(ThrowingCallable call, int errorCode) {
        assertThatThrownBy(call).isInstanceOfSatisfying(XAException.class,
                e -> assertThat(e.errorCode).as(e.getMessage()).isEqualTo(errorCode));
    }

    private List<String> xaRequests() {
        return broker.xaCalls().stream().map(c -> c.request() + " " + (c.xid() == null ? "-" : new String(
                c.xid().globalId(), StandardCharsets.UTF_8)) + " " + c.flags()).toList();
    }

    @Test
    void oneActiveAssociationAtATimeAndSuspendedOnesAreResumedOrEnded() throws Exception {
        resource.start(X1, XAResource.TMNOFLAGS);
        assertXaError(() -> resource.start(X2, XAResource.TMNOFLAGS), XAException.XAER_PROTO);
        assertXaError(() -> resource.end(X2, XAResource.TMSUCCESS), XAException.XAER_PROTO);

        resource.end(X1, XAResource.TMSUSPEND);
        assertXaError(() -> resource.end(X1, XAResource.TMSUSPEND), XAException.XAER_PROTO);
        assertXaError(() -> resource.start(X1, XAResource.TMNOFLAGS), XAException.XAER_PROTO);
        assertXaError(() -> resource.start(X1, XAResource.TMJOIN), XAException.XAER_PROTO);

        resource.start(X2, XAResource.TMNOFLAGS);
        resource.end(X2, XAResource.TMSUCCESS);
        assertXaError(() -> resource.start(X2, XAResource.TMRESUME), XAException.XAER_PROTO);
        resource.start(X1, XAResource.TMRESUME);
        resource.end(X1, XAResource.TMSUCCESS);
        resource.start(X1, XAResource.TMJOIN);
        resource.end(X1, XAResource.TMFAIL);

        assertThat(xaRequests()).containsExactly(
                "XA_START global-1 " + XAResource.TMNOFLAGS,
                "XA_END global-1 " + XAResource.TMSUSPEND,
                "XA_START global-2 " + XAResource.TMNOFLAGS,
                "XA_END global-2 " + XAResource.TMSUCCESS,
                "XA_START global-1 " + XAResource.TMRESUME,
                "XA_END global-1 " + XAResource.TMSUCCESS,
                "XA_START global-1 " + XAResource.TMJOIN,
                "XA_END global-1 " + XAResource.TMFAIL);
    }

    @Test
    void aSuspendedAssociationMayBeEndedWithoutResumingIt() throws Exception {
        resource.start(X1, XAResource.TMNOFLAGS);
        resource.end(X1, XAResource.TMSUSPEND);
        resource.end(X1, XAResource.TMSUCCESS);
        assertXaError(() -> resource.start(X1, XAResource.TMRESUME), XAException.XAER_PROTO);
        assertThat(xaRequests()).last().isEqualTo("XA_END global-1 " + XAResource.TMSUCCESS);
    }

    @Test
    void invalidFlagsAndXidsAreRefusedBeforeReachingTheBroker() {
        assertXaError(() -> resource.start(X1, XAResource.TMSUCCESS), XAException.XAER_INVAL);
        assertXaError(() -> resource.start(null, XAResource.TMNOFLAGS), XAException.XAER_INVAL);
        assertXaError(() -> resource.start(new Xid() {
            @Override
            public int getFormatId() {
                return 1;
            }

            @Override
            public byte[] getGlobalTransactionId() {
                return new byte[65];
            }

            @Override
            public byte[] getBranchQualifier() {
                return new byte[0];
            }
        }, XAResource.TMNOFLAGS), XAException.XAER_INVAL);
        assertXaError(() -> resource.end(X1, XAResource.TMJOIN), XAException.XAER_INVAL);
        assertXaError(() -> resource.recover(XAResource.TMJOIN), XAException.XAER_INVAL);
        assertXaError(() -> resource.setTransactionTimeout(-1), XAException.XAER_INVAL);
        assertThat(broker.xaCalls()).isEmpty();
    }

    @Test
    void workOfTheAssociationGoesWithEndAndOutsideABranchTheSessionAutoAcknowledges() throws Exception {
        Queue queue = session.createQueue("orders");
        MessageProducer producer = session.createProducer(queue);
        MessageConsumer consumer = session.createConsumer(queue);
        connection.start();

        producer.send(session.createTextMessage("outside"));
        assertThat(broker.produced()).as("outside a branch a send goes at once").hasSize(1);

        resource.start(X1, XAResource.TMNOFLAGS);
        producer.send(session.createTextMessage("inside-1"));
        producer.send(session.createTextMessage("inside-2"));
        broker.deliver(1, 0, record(10, "received"));
        assertThat(consumer.receive(5000)).isNotNull();
        assertThat(broker.produced()).as("inside a branch sends wait for end").hasSize(1);
        resource.end(X1, XAResource.TMSUCCESS);

        XaCall end = broker.xaCalls().get(1);
        assertThat(end.request()).isEqualTo(ApiKey.XA_END);
        assertThat(end.batches()).hasSize(1);
        RecordBatch batch = RecordBatch.of(end.batches().get(0).batch());
        assertThat(batch.recordCount()).isEqualTo(2);
        assertThat(batch.hasProducerId()).as("the broker stamps XA batches at commit").isFalse();
        assertThat(batch.attributes() & RecordBatchLayout.ATTR_TRANSACTIONAL).isNotZero();
        assertThat(end.acks()).singleElement().satisfies(a ->
                assertThat(a.records()).containsExactly(new RecordRef(0, 10)));

        broker.deliver(1, 0, record(11, "after"));
        assertThat(consumer.receive(5000)).isNotNull();
        await().atMost(Duration.ofSeconds(5)).until(() -> !broker.oneWayAcks().isEmpty());
        assertThat(broker.oneWayAcks()).singleElement().satisfies(a ->
                assertThat(a.records()).containsExactly(new RecordRef(0, 11)));
    }

    @Test
    void aBranchStartedInsideAMessageListenerTakesTheMessageThatListenerProcesses() throws Exception {
        MessageConsumer consumer = session.createConsumer(session.createQueue("orders"));
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(2);
        consumer.setMessageListener(message -> {
            try {
                if (SessionBehaviourTest.text(message).equals("in a branch")) {
                    resource.start(X1, XAResource.TMNOFLAGS); // what an application server's beforeDelivery does
                    resource.end(X1, XAResource.TMSUCCESS);   // and its afterDelivery
                }
            } catch (XAException e) {
                failures.add(e);
            } finally {
                done.countDown();
            }
        });
        connection.start();
        broker.deliver(1, 0, record(10, "in a branch"), record(11, "outside"));
        assertThat(done.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(failures).isEmpty();

        XaCall end = broker.xaCalls().get(1);
        assertThat(end.request()).isEqualTo(ApiKey.XA_END);
        assertThat(end.acks()).singleElement().satisfies(a ->
                assertThat(a.records()).containsExactly(new RecordRef(0, 10)));
        await().atMost(Duration.ofSeconds(5)).until(() -> !broker.oneWayAcks().isEmpty());
        assertThat(broker.oneWayAcks()).flatExtracting(a -> a.records()).containsExactly(new RecordRef(0, 11));
    }

    @Test
    void anEndTheBrokerRefusesGivesTheConsumedRecordsBack() throws Exception {
        Queue queue = session.createQueue("orders");
        MessageConsumer consumer = session.createConsumer(queue);
        connection.start();
        resource.start(X1, XAResource.TMNOFLAGS);
        broker.deliver(1, 0, record(10, "received"));
        assertThat(consumer.receive(5000)).isNotNull();
        broker.failNext(ApiKey.XA_END, new ProtocolErrorException(ErrorCode.XA_BRANCH_TIMED_OUT, "timed out"));

        assertXaError(() -> resource.end(X1, XAResource.TMSUCCESS), XAException.XA_RBTIMEOUT);

        assertThat(broker.releases()).anySatisfy(r ->
                assertThat(r.records()).contains(new RecordRef(0, 10)));
        resource.start(X2, XAResource.TMNOFLAGS);
    }

    @Test
    void rollbackOfTheActiveBranchDropsItsSendsAndGivesItsRecordsBack() throws Exception {
        Queue queue = session.createQueue("orders");
        MessageProducer producer = session.createProducer(queue);
        MessageConsumer consumer = session.createConsumer(queue);
        connection.start();
        resource.start(X1, XAResource.TMNOFLAGS);
        producer.send(session.createTextMessage("dropped"));
        broker.deliver(1, 0, record(10, "received"));
        assertThat(consumer.receive(5000)).isNotNull();

        resource.rollback(X1);

        assertThat(broker.releases()).extracting(ReleaseRequest::records)
                .anySatisfy(records -> assertThat(records).contains(new RecordRef(0, 10)));
        assertThat(broker.produced()).isEmpty();
        assertThat(xaRequests()).last().isEqualTo("XA_ROLLBACK global-1 " + XAResource.TMNOFLAGS);
        producer.send(session.createTextMessage("after"));
        assertThat(broker.produced()).as("the session is outside a branch again").hasSize(1);
    }

    @Test
    void brokerRefusalsBecomeTheXaErrorCodes() throws Exception {
        broker.failNext(ApiKey.XA_START, new ProtocolErrorException(ErrorCode.XA_DUPLICATE_BRANCH, "exists"));
        assertXaError(() -> resource.start(X1, XAResource.TMNOFLAGS), XAException.XAER_DUPID);
        resource.start(X2, XAResource.TMNOFLAGS);
        resource.end(X2, XAResource.TMSUCCESS);

        broker.failNext(ApiKey.XA_PREPARE, new ProtocolErrorException(ErrorCode.XA_UNKNOWN_BRANCH, "none"));
        assertXaError(() -> resource.prepare(X1), XAException.XAER_NOTA);
        broker.failNext(ApiKey.XA_PREPARE, new ProtocolErrorException(ErrorCode.XA_PROTOCOL_ERROR, "open"));
        assertXaError(() -> resource.prepare(X1), XAException.XAER_PROTO);
        broker.failNext(ApiKey.XA_COMMIT, new ProtocolErrorException(ErrorCode.XA_BRANCH_TIMED_OUT, "late"));
        assertXaError(() -> resource.commit(X1, true), XAException.XA_RBTIMEOUT);
        broker.failNext(ApiKey.XA_COMMIT, new ProtocolErrorException(ErrorCode.XA_BRANCH_ROLLED_BACK, "failed"));
        assertXaError(() -> resource.commit(X1, true), XAException.XA_RBROLLBACK);
        broker.failNext(ApiKey.XA_ROLLBACK, new ProtocolErrorException(ErrorCode.STORAGE_ERROR, "disk"));
        assertXaError(() -> resource.rollback(X1), XAException.XAER_RMERR);
        broker.failNext(ApiKey.XA_COMMIT, new ConnectionLostException("gone", null));
        assertXaError(() -> resource.commit(X1, false), XAException.XAER_RMFAIL);
        broker.failNext(ApiKey.XA_FORGET, new ProtocolErrorException(ErrorCode.XA_PROTOCOL_ERROR, "no heuristics"));
        assertXaError(() -> resource.forget(X1), XAException.XAER_PROTO);
    }

    @Test
    void commitSaysWhetherItIsOnePhaseAndPrepareVotes() throws Exception {
        assertThat(resource.prepare(X1)).isEqualTo(XAResource.XA_OK);
        resource.commit(X1, false);
        resource.commit(X2, true);
        assertThat(xaRequests()).containsExactly(
                "XA_PREPARE global-1 " + XAResource.TMNOFLAGS,
                "XA_COMMIT global-1 " + XAResource.TMNOFLAGS,
                "XA_COMMIT global-2 " + XAResource.TMONEPHASE);
    }

    @Test
    void recoverListsThePreparedBranchesOncePerScan() throws Exception {
        broker.answerRecover(List.of(id(X1), id(X2)));
        assertXaError(() -> resource.recover(XAResource.TMNOFLAGS), XAException.XAER_INVAL);
        assertXaError(() -> resource.recover(XAResource.TMENDRSCAN), XAException.XAER_INVAL);

        assertThat(resource.recover(XAResource.TMSTARTRSCAN)).containsExactly(X1, X2);
        assertThat(resource.recover(XAResource.TMNOFLAGS)).isEmpty();
        assertThat(resource.recover(XAResource.TMENDRSCAN)).isEmpty();
        assertXaError(() -> resource.recover(XAResource.TMNOFLAGS), XAException.XAER_INVAL);

        assertThat(resource.recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN)).containsExactly(X1, X2);
        assertXaError(() -> resource.recover(XAResource.TMNOFLAGS), XAException.XAER_INVAL);
    }

    @Test
    void theTimeoutGoesWithStartAndDefaultsToSixtySeconds() throws Exception {
        assertThat(resource.getTransactionTimeout()).isEqualTo(60);
        assertThat(resource.setTransactionTimeout(7)).isTrue();
        assertThat(resource.getTransactionTimeout()).isEqualTo(7);
        resource.start(X1, XAResource.TMNOFLAGS);
        resource.end(X1, XAResource.TMSUCCESS);
        resource.setTransactionTimeout(0);
        assertThat(resource.getTransactionTimeout()).isEqualTo(60);
        resource.start(X2, XAResource.TMNOFLAGS);
        assertThat(broker.xaCalls()).filteredOn(c -> c.request() == ApiKey.XA_START)
                .extracting(XaCall::timeoutSeconds).containsExactly(7, 0);
    }

    @Test
    void sameResourceManagerMeansTheSameBroker() throws Exception {
        RecordingBrokerConnection other = new RecordingBrokerConnection().brokerId("broker-2");
        try (LogJmsXAConnection same = new LogJmsXAConnection(ConnectionUrl.parse("logjms://test:1"),
                new RecordingBrokerConnection().connector());
             LogJmsXAConnection different = new LogJmsXAConnection(ConnectionUrl.parse("logjms://test:2"),
                     other.connector())) {
            assertThat(resource.isSameRM(resource)).isTrue();
            assertThat(resource.isSameRM(same.createXASession().getXAResource())).isTrue();
            assertThat(resource.isSameRM(different.createXASession().getXAResource())).isFalse();
            assertThat(resource.isSameRM(null)).isFalse();
        }
    }

    @Test
    void anXaSessionAndContextLeaveCommitAndRollbackToTheTransactionManager() throws Exception {
        assertThat(session.getTransacted()).isTrue();
        assertThat(session.getAcknowledgeMode()).isEqualTo(Session.SESSION_TRANSACTED);
        assertThat(session.getSession()).isSameAs(session);
        assertThatThrownBy(session::commit).isInstanceOf(TransactionInProgressException.class);
        assertThatThrownBy(session::rollback).isInstanceOf(TransactionInProgressException.class);

        LogJmsXAConnectionFactory factory = new LogJmsXAConnectionFactory("logjms://test:1");
        factory.setConnector(new RecordingBrokerConnection().connector());
        try (XAJMSContext context = factory.createXAContext()) {
            assertThat(context.getTransacted()).isTrue();
            assertThat(context.getContext()).isSameAs(context);
            assertThat(context.getXAResource()).isInstanceOf(LogJmsXAResource.class);
            assertThatThrownBy(context::commit).isInstanceOf(TransactionInProgressRuntimeException.class);
            assertThatThrownBy(context::rollback).isInstanceOf(TransactionInProgressRuntimeException.class);
        }
    }
}
