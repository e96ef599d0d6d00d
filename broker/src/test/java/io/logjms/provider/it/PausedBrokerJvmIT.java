package io.logjms.provider.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.logjms.broker.BrokerProcess;
import io.logjms.provider.LogJmsConnectionFactory;
import io.logjms.testing.FaultProxy;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker JVM stopped with SIGSTOP keeps its sockets open (the kernel even accepts new connections for
 * it) but answers nothing: its clients must count it as lost after requestTimeout, reconnect once it gets
 * SIGCONT, and lose or double nothing. A {@link FaultProxy} without faults sits between the clients and
 * the broker only to watch when the client gives up on its connection.
 */
@Timeout(90)
class PausedBrokerJvmIT {
    private static final long REQUEST_TIMEOUT = 1000;
    private static final long NOTICE_BOUND = 5000;

    @TempDir
    Path dataDir;
    private BrokerProcess broker;
    private FaultProxy proxy;
    private final List<AutoCloseable> toClose = new CopyOnWriteArrayList<>();
    private final List<JMSException> reported = new CopyOnWriteArrayList<>();
    private final ExecutorService sender = Executors.newSingleThreadExecutor();

    @AfterEach
    void cleanUp() throws Exception {
        sender.shutdownNow();
        if (broker != null) {
            broker.close(); // SIGCONT, then SIGKILL
        }
        for (AutoCloseable c : toClose) {
            try {
                c.close();
            } catch (Exception e) {
                // the broker is gone
            }
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    private Connection throughProxy() throws JMSException {
        Connection c = new LogJmsConnectionFactory("logjms://127.0.0.1:" + proxy.port() + "?requestTimeout="
                + REQUEST_TIMEOUT + "&reconnectTimeout=30000").createConnection();
        toClose.add(c);
        c.setExceptionListener(reported::add);
        return c;
    }

    private Connection direct() throws JMSException {
        Connection c = new LogJmsConnectionFactory("logjms://127.0.0.1:" + broker.port() + "?requestTimeout=10000")
                .createConnection();
        toClose.add(c);
        return c;
    }

    private static String text(Message m) throws JMSException {
        return m == null ? null : ((TextMessage) m).getText();
    }

    @Test
    void clientsOfABrokerStoppedBySigstopNoticeWithinTheRequestTimeoutAndCarryOnAfterSigcont() throws Exception {
        broker = BrokerProcess.start(dataDir);
        proxy = FaultProxy.start(broker.port(), 1);
        Connection consuming = throughProxy();
        Session consumerSession = consuming.createSession();
        Queue idleQueue = consumerSession.createQueue("paused-idle");
        MessageConsumer idle = consumerSession.createConsumer(idleQueue);
        consuming.start();
        Connection producing = throughProxy();
        Session producerSession = producing.createSession();
        Queue sendQueue = producerSession.createQueue("paused-send");
        MessageProducer producer = producerSession.createProducer(sendQueue);
        producer.send(producerSession.createTextMessage("before"));

        broker.suspend();
        long stoppedAt = System.nanoTime();
        CompletableFuture<Void> send = CompletableFuture.runAsync(() -> {
            try {
                producer.send(producerSession.createTextMessage("during"));
            } catch (JMSException e) {
                throw new CompletionException(e);
            }
        }, sender);
        // both connections: the idle consumer's by its heartbeat, the producer's by its PRODUCE
        await().atMost(Duration.ofMillis(NOTICE_BOUND)).pollInterval(Duration.ofMillis(20))
                .until(() -> proxy.closedByClients() >= 2);
        long noticed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stoppedAt);
        assertThat(noticed).isBetween(REQUEST_TIMEOUT - 100, NOTICE_BOUND);
        assertThat(send).as("the send waits for the broker").isNotDone();
        broker.resume();

        send.get(20, TimeUnit.SECONDS);
        Connection direct = direct();
        Session s = direct.createSession();
        s.createProducer(idleQueue).send(s.createTextMessage("after SIGCONT"));
        assertThat(text(idle.receive(20_000))).isEqualTo("after SIGCONT");

        MessageConsumer reader = s.createConsumer(sendQueue);
        direct.start();
        assertThat(text(reader.receive(5000))).isEqualTo("before");
        assertThat(text(reader.receive(5000))).isEqualTo("during");
        assertThat(reader.receive(500)).as("the send in doubt during the stop is stored once").isNull();
        assertThat(reported).as("the application is not told of a loss it recovered from").isEmpty();
    }
}
