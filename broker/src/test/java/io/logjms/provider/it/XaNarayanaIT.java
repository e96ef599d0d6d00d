package io.logjms.provider.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.arjuna.ats.arjuna.common.ObjectStoreEnvironmentBean;
import com.arjuna.ats.arjuna.common.arjPropertyManager;
import com.arjuna.ats.arjuna.common.recoveryPropertyManager;
import com.arjuna.ats.arjuna.recovery.RecoveryManager;
import com.arjuna.ats.arjuna.recovery.RecoveryModule;
import com.arjuna.ats.internal.jta.recovery.arjunacore.XARecoveryModule;
import com.arjuna.ats.jta.common.jtaPropertyManager;
import com.arjuna.ats.jta.recovery.XAResourceRecoveryHelper;
import com.arjuna.common.internal.util.propertyservice.BeanPopulator;
import io.logjms.broker.BrokerProcess;
import io.logjms.provider.LogJmsXAConnectionFactory;
import io.logjms.testing.FaultProxy;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.XAConnection;
import jakarta.jms.XASession;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * XA with a real transaction manager: Narayana, standalone in this JVM (object store in a temporary
 * directory, recovery scans driven by the test), two-phase commits spanning a logjms branch and a second
 * resource manager that records to a file ({@link FileXAResource}), one-phase commits, rollbacks, broker
 * timeouts, a broker JVM killed after prepare (completed by Narayana's recovery after the restart) and a
 * client connection cut after prepare (the branch listed by {@code recover()} on a new connection).
 */
@Timeout(60)
class XaNarayanaIT extends EmbeddedBrokerSupport {
    private static final String NODE = "logjms-xa-it";
    @TempDir
    static Path narayanaStore;
    private static TransactionManager tm;

    @TempDir
    Path work;
    private final List<AutoCloseable> opened = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void configureNarayana() throws Exception {
        for (String store : List.of("communicationStore", "stateStore")) {
            BeanPopulator.getNamedInstance(ObjectStoreEnvironmentBean.class, store)
                    .setObjectStoreDir(narayanaStore.toString());
        }
        BeanPopulator.getDefaultInstance(ObjectStoreEnvironmentBean.class).setObjectStoreDir(narayanaStore.toString());
        arjPropertyManager.getCoreEnvironmentBean().setNodeIdentifier(NODE);
        arjPropertyManager.getCoordinatorEnvironmentBean().setTransactionStatusManagerEnable(false);
        jtaPropertyManager.getJTAEnvironmentBean().setXaRecoveryNodes(List.of(NODE));
        var recovery = recoveryPropertyManager.getRecoveryEnvironmentBean();
        recovery.setRecoveryListener(false);
        recovery.setRecoveryBackoffPeriod(1);
        recovery.setRecoveryActivatorClassNames(List.of());
        recovery.setExpiryScannerClassNames(List.of());
        recovery.setRecoveryModuleClassNames(List.of(
                "com.arjuna.ats.internal.arjuna.recovery.AtomicActionRecoveryModule",
                "com.arjuna.ats.internal.jta.recovery.arjunacore.XARecoveryModule"));
        tm = com.arjuna.ats.jta.TransactionManager.transactionManager();
    }

    @AfterEach
    void closeOpened() throws Exception {
        if (tm.getTransaction() != null) {
            tm.rollback();
        }
        for (AutoCloseable c : opened) {
            try {
                c.close();
            } catch (Exception e) {
                // a broker killed on purpose
            }
        }
    }

    private <T extends AutoCloseable> T opened(T closeable) {
        opened.add(0, closeable);
        return closeable;
    }

    private LogJmsXAConnectionFactory xaFactory(String url) {
        return new LogJmsXAConnectionFactory(url);
    }

    /** An XA session on a started XA connection of {@code url}. */
    private XASession xaSession(String url) throws JMSException {
        XAConnection connection = opened(xaFactory(url).createXAConnection());
        connection.start();
        return connection.createXASession();
    }

    private void send(String url, String queue, String... texts) throws JMSException {
        try (Connection c = xaFactory(url).createConnection()) {
            Session s = c.createSession();
            var producer = s.createProducer(s.createQueue(queue));
            for (String t : texts) {
                producer.send(s.createTextMessage(t));
            }
        }
    }

    /** What a plain consumer receives from {@code queue} until nothing more comes within {@code quietMs}. */
    private List<String> drain(String url, String queue, long quietMs) throws JMSException {
        List<String> texts = new ArrayList<>();
        try (Connection c = xaFactory(url).createConnection()) {
            c.start();
            Session s = c.createSession();
            MessageConsumer consumer = s.createConsumer(s.createQueue(queue));
            Message m;
            while ((m = consumer.receive(quietMs)) != null) {
                texts.add(((TextMessage) m).getText());
            }
        }
        return texts;
    }

    private static String text(Message m) throws JMSException {
        assertThat(m).as("a message").isNotNull();
        return ((TextMessage) m).getText();
    }

    /** Starts a transaction enlisting {@code resources} in order. */
    private Transaction begin(XAResource... resources) throws Exception {
        tm.begin();
        Transaction tx = tm.getTransaction();
        for (XAResource r : resources) {
            assertThat(tx.enlistResource(r)).isTrue();
        }
        return tx;
    }

    private static void delist(Transaction tx, XAResource... resources) throws Exception {
        for (XAResource r : resources) {
            tx.delistResource(r, XAResource.TMSUCCESS);
        }
    }

    @Test
    void aTwoPhaseCommitWithASecondResourceMakesSendsAndAcknowledgementsVisibleOnlyAtCommit() throws Exception {
        send(url(), "xa.in", "order-1");
        FileXAResource file = new FileXAResource(work.resolve("ledger"));
        XASession session = xaSession(url());
        MessageConsumer in = session.createConsumer(session.createQueue("xa.in"));
        var out = session.createProducer(session.createQueue("xa.out"));
        List<List<String>> seenAtOtherCommit = new ArrayList<>();
        file.afterCommit(() -> {
            try {
                seenAtOtherCommit.add(drain(url(), "xa.out", 300));
            } catch (JMSException e) {
                throw new IllegalStateException(e);
            }
        });

        Transaction tx = begin(file, session.getXAResource());
        Xid xid = currentXid(tx);
        String received = text(in.receive(5000));
        out.send(session.createTextMessage("shipped " + received));
        file.record(xid, "ledger " + received);
        delist(tx, session.getXAResource(), file);
        tm.commit();

        assertThat(seenAtOtherCommit).as("at the file's commit the logjms branch was prepared, not committed")
                .containsExactly(List.of());
        assertThat(file.committed()).hasSize(1);
        assertThat(drain(url(), "xa.out", 500)).containsExactly("shipped order-1");
        assertThat(drain(url(), "xa.in", 500)).as("the receive was acknowledged at commit").isEmpty();
    }

    @Test
    void aRollbackLeavesNeitherTheSendsNorTheAcknowledgements() throws Exception {
        send(url(), "xa.in", "order-1");
        FileXAResource file = new FileXAResource(work.resolve("ledger"));
        XASession session = xaSession(url());
        MessageConsumer in = session.createConsumer(session.createQueue("xa.in"));
        var out = session.createProducer(session.createQueue("xa.out"));

        Transaction tx = begin(session.getXAResource(), file);
        String received = text(in.receive(5000));
        out.send(session.createTextMessage("shipped " + received));
        file.record(currentXid(tx), "ledger " + received);
        delist(tx, session.getXAResource(), file);
        tm.rollback();
        in.close();

        assertThat(file.committed()).isEmpty();
        assertThat(drain(url(), "xa.out", 500)).isEmpty();
        try (Connection c = xaFactory(url()).createConnection()) {
            c.start();
            Session s = c.createSession();
            Message again = s.createConsumer(s.createQueue("xa.in")).receive(5000);
            assertThat(text(again)).isEqualTo("order-1");
            assertThat(again.getJMSRedelivered()).isTrue();
        }
    }

    @Test
    void aTransactionWithOnlyTheLogjmsBranchCommitsInOnePhase() throws Exception {
        XASession session = xaSession(url());
        var out = session.createProducer(session.createQueue("xa.out"));
        CallLog calls = new CallLog(session.getXAResource());
        double messagesIn = broker.metrics().messagesIn();

        Transaction tx = begin(calls);
        out.send(session.createTextMessage("one phase"));
        delist(tx, calls);
        tm.commit();

        assertThat(calls.calls).contains("commit onePhase=true").doesNotContain("prepare");
        assertThat(drain(url(), "xa.out", 500)).containsExactly("one phase");
        assertThat(broker.metrics().messagesIn()).as("counted as messages in").isEqualTo(messagesIn + 1);
    }

    @Test
    void aPreparedBranchIsInvisibleUntilCommittedAndABranchWithoutWorkIsReadOnly() throws Exception {
        XASession session = xaSession(url());
        XAResource xa = session.getXAResource();
        var out = session.createProducer(session.createQueue("xa.out"));
        Xid xid = TestXid.of(1);
        xa.start(xid, XAResource.TMNOFLAGS);
        out.send(session.createTextMessage("prepared"));
        xa.end(xid, XAResource.TMSUCCESS);
        assertThat(xa.prepare(xid)).isEqualTo(XAResource.XA_OK);
        assertThat(drain(url(), "xa.out", 300)).isEmpty();
        xa.commit(xid, false);
        assertThat(drain(url(), "xa.out", 500)).containsExactly("prepared");

        Xid empty = TestXid.of(2);
        xa.start(empty, XAResource.TMNOFLAGS);
        xa.end(empty, XAResource.TMSUCCESS);
        assertThat(xa.prepare(empty)).isEqualTo(XAResource.XA_RDONLY);
        assertXaError(() -> xa.commit(empty, false), XAException.XAER_NOTA);
        assertXaError(() -> xa.commit(TestXid.of(3), true), XAException.XAER_NOTA);
    }

    @Test
    void aBranchNotPreparedWithinItsTimeoutIsRolledBackByTheBroker() throws Exception {
        send(url(), "xa.in", "order-1");
        XASession session = xaSession(url());
        XAResource xa = session.getXAResource();
        MessageConsumer in = session.createConsumer(session.createQueue("xa.in"));
        var out = session.createProducer(session.createQueue("xa.out"));
        assertThat(xa.setTransactionTimeout(1)).isTrue();
        Xid xid = TestXid.of(1);
        xa.start(xid, XAResource.TMNOFLAGS);
        assertThat(text(in.receive(5000))).isEqualTo("order-1");
        out.send(session.createTextMessage("too late"));
        xa.end(xid, XAResource.TMSUCCESS);
        in.close();

        try (Connection c = xaFactory(url()).createConnection()) {
            c.start();
            Session s = c.createSession(Session.CLIENT_ACKNOWLEDGE);
            Message again = s.createConsumer(s.createQueue("xa.in")).receive(10_000);
            assertThat(text(again)).as("given back by the broker's timeout").isEqualTo("order-1");
        }
        assertXaError(() -> xa.prepare(xid), XAException.XA_RBTIMEOUT);
        assertThat(drain(url(), "xa.out", 300)).isEmpty();
    }

    @Test
    void aClientCutOffAfterPrepareLeavesABranchThatRecoverListsAndCommitCompletes() throws Exception {
        send(url(), "xa.in", "order-1");
        FaultProxy proxy = opened(FaultProxy.start(broker.port(), 1));
        String viaProxy = "logjms://127.0.0.1:" + proxy.port() + "?requestTimeout=5000&reconnectTimeout=0";
        XASession session = xaSession(viaProxy);
        XAResource xa = session.getXAResource();
        MessageConsumer in = session.createConsumer(session.createQueue("xa.in"));
        var out = session.createProducer(session.createQueue("xa.out"));
        Xid xid = TestXid.of(7);
        xa.start(xid, XAResource.TMNOFLAGS);
        assertThat(text(in.receive(5000))).isEqualTo("order-1");
        out.send(session.createTextMessage("shipped"));
        xa.end(xid, XAResource.TMSUCCESS);
        assertThat(xa.prepare(xid)).isEqualTo(XAResource.XA_OK);

        proxy.cutAll();
        await().atMost(Duration.ofSeconds(10)).until(() ->
                broker.metrics().registry().get("logjms.connections").gauge().value() == 0);
        assertThat(drain(url(), "xa.in", 500)).as("the prepared branch still holds what it received").isEmpty();

        XAResource fresh = xaSession(url()).getXAResource();
        assertThat(fresh.recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN)).containsExactly(TestXid.of(7));
        fresh.commit(xid, false);
        assertThat(fresh.recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN)).isEmpty();
        assertThat(drain(url(), "xa.out", 500)).containsExactly("shipped");
        assertThat(drain(url(), "xa.in", 300)).isEmpty();
    }

    @Test
    void aBrokerKilledAfterPrepareIsCompletedByNarayanasRecoveryAfterItsRestart() throws Exception {
        Path brokerData = work.resolve("broker");
        BrokerProcess process = brokerJvm(brokerData);
        String[] current = {"logjms://127.0.0.1:" + process.port() + "?requestTimeout=5000&reconnectTimeout=0"};
        send(current[0], "xa.in", "order-1");
        FileXAResource file = new FileXAResource(work.resolve("ledger"));
        XASession session = xaSession(current[0]);
        MessageConsumer in = session.createConsumer(session.createQueue("xa.in"));
        var out = session.createProducer(session.createQueue("xa.out"));
        file.afterCommit(() -> {
            try {
                process.kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        Transaction tx = begin(file, session.getXAResource());
        Xid xid = currentXid(tx);
        String received = text(in.receive(5000));
        out.send(session.createTextMessage("shipped " + received));
        file.record(xid, "ledger " + received);
        delist(tx, session.getXAResource(), file);
        try {
            tm.commit();
        } catch (jakarta.transaction.HeuristicMixedException e) {
            // Narayana's report of a commit phase that reached only the file; recovery finishes it
        }
        assertThat(file.committed()).hasSize(1);
        assertThat(process.isAlive()).isFalse();

        BrokerProcess restarted = brokerJvm(brokerData);
        current[0] = "logjms://127.0.0.1:" + restarted.port() + "?requestTimeout=5000&reconnectTimeout=0";
        XAResource probe = xaSession(current[0]).getXAResource();
        Xid[] inDoubt = probe.recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN);
        assertThat(inDoubt).as("the prepared branch survived the kill").hasSize(1);
        assertThat(drain(current[0], "xa.out", 300)).isEmpty();
        assertThat(drain(current[0], "xa.in", 300)).as("the prepared branch holds what it received").isEmpty();

        scanWithNarayana(() -> new XAResource[] {xaSession(current[0]).getXAResource(), file});

        assertThat(probe.recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN)).isEmpty();
        assertThat(drain(current[0], "xa.out", 500)).containsExactly("shipped order-1");
        assertThat(drain(current[0], "xa.in", 300)).as("the acknowledgement was committed too").isEmpty();
        assertThat(file.committed()).hasSize(1);
    }

    /** A broker JVM on {@code data}, killed after the test, or by a shutdown hook if the test JVM ends first. */
    private BrokerProcess brokerJvm(Path data) throws Exception {
        BrokerProcess process = BrokerProcess.start(data);
        Thread hook = new Thread(() -> {
            try {
                process.kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        opened(() -> {
            process.close();
            Runtime.getRuntime().removeShutdownHook(hook);
        });
        return process;
    }

    /** The resources a recovery scan asks for in-doubt branches. */
    private interface Resources {
        XAResource[] get() throws Exception;
    }

    /** Runs Narayana's recovery (both passes) with the resources {@code resources} gives. */
    private static void scanWithNarayana(Resources resources) {
        RecoveryManager manager = RecoveryManager.manager(RecoveryManager.DIRECT_MANAGEMENT);
        XARecoveryModule xaModule = null;
        for (RecoveryModule m : manager.getModules()) {
            if (m instanceof XARecoveryModule x) {
                xaModule = x;
            }
        }
        assertThat(xaModule).as("Narayana's XA recovery module").isNotNull();
        XAResourceRecoveryHelper helper = new XAResourceRecoveryHelper() {
            @Override
            public boolean initialise(String p) {
                return true;
            }

            @Override
            public XAResource[] getXAResources() {
                try {
                    return resources.get();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        };
        xaModule.addXAResourceRecoveryHelper(helper);
        try {
            manager.scan();
        } finally {
            xaModule.removeXAResourceRecoveryHelper(helper);
        }
    }

    /** The Xid Narayana gives the branch of {@code tx}: that of the transaction (one branch per resource). */
    private static Xid currentXid(Transaction tx) {
        return ((com.arjuna.ats.jta.transaction.Transaction) tx).getTxId();
    }

    private static void assertXaError(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, int code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(XAException.class,
                e -> assertThat(e.errorCode).as(e.getMessage()).isEqualTo(code));
    }

    /** An Xid of the test's own (format 99). */
    private record TestXid(int getFormatId, byte[] getGlobalTransactionId, byte[] getBranchQualifier) implements Xid {
        static Xid of(int n) {
            return new TestXid(99, ("test-" + n).getBytes(java.nio.charset.StandardCharsets.UTF_8), new byte[] {1});
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Xid x && x.getFormatId() == getFormatId
                    && java.util.Arrays.equals(x.getGlobalTransactionId(), getGlobalTransactionId)
                    && java.util.Arrays.equals(x.getBranchQualifier(), getBranchQualifier);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(getGlobalTransactionId);
        }
    }

    /** Delegates to an XAResource and notes which calls the transaction manager made. */
    private static final class CallLog implements XAResource {
        final List<String> calls = new CopyOnWriteArrayList<>();
        private final XAResource target;

        CallLog(XAResource target) {
            this.target = target;
        }

        @Override
        public void start(Xid xid, int flags) throws XAException {
            calls.add("start");
            target.start(xid, flags);
        }

        @Override
        public void end(Xid xid, int flags) throws XAException {
            calls.add("end");
            target.end(xid, flags);
        }

        @Override
        public int prepare(Xid xid) throws XAException {
            calls.add("prepare");
            return target.prepare(xid);
        }

        @Override
        public void commit(Xid xid, boolean onePhase) throws XAException {
            calls.add("commit onePhase=" + onePhase);
            target.commit(xid, onePhase);
        }

        @Override
        public void rollback(Xid xid) throws XAException {
            calls.add("rollback");
            target.rollback(xid);
        }

        @Override
        public Xid[] recover(int flag) throws XAException {
            return target.recover(flag);
        }

        @Override
        public void forget(Xid xid) throws XAException {
            target.forget(xid);
        }

        @Override
        public boolean isSameRM(XAResource other) {
            return other == this;
        }

        @Override
        public int getTransactionTimeout() throws XAException {
            return target.getTransactionTimeout();
        }

        @Override
        public boolean setTransactionTimeout(int seconds) throws XAException {
            return target.setTransactionTimeout(seconds);
        }
    }
}
