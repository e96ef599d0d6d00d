package io.logjms.provider.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A network that stops passing anything on (the {@link FaultProxy} paused) while the connection stays
 * open: the client must count the connection as lost once a request or heartbeat waits past
 * requestTimeout (1000 ms here), without waiting for TCP, and carry on after the network comes back.
 */
class HeartbeatIT extends EmbeddedBrokerSupport {
    private static final long REQUEST_TIMEOUT = 1000;
    /** PING after a third of the request timeout idle, lost a request timeout later; the rest is margin. */
    private static final long NOTICE_BOUND = 5000;

    private FaultProxy proxy;
    private final List<JMSException> reported = new CopyOnWriteArrayList<>();
    private final ExecutorService sender = Executors.newSingleThreadExecutor();

    @BeforeEach
    void startProxy() {
        proxy = closeLater(FaultProxy.start(broker.port(), 1));
    }

    @AfterEach
    void stopSender() {
        sender.shutdownNow();
    }

    private Connection throughProxy() throws JMSException {
        Connection c = closeLater(new LogJmsConnectionFactory("logjms://127.0.0.1:" + proxy.port()
                + "?requestTimeout=" + REQUEST_TIMEOUT + "&reconnectTimeout=30000").createConnection());
        c.setExceptionListener(reported::add);
        return c;
    }

    private static String text(Message m) throws JMSException {
        return m == null ? null : ((TextMessage) m).getText();
    }

    /** Waits until the client closes a connection through the proxy; returns how long that took. */
    private long millisUntilTheClientGivesUpOnIt(long pausedAtNanos) {
        int before = proxy.closedByClients();
        await().atMost(Duration.ofMillis(NOTICE_BOUND)).pollInterval(Duration.ofMillis(20))
                .until(() -> proxy.closedByClients() > before);
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - pausedAtNanos);
    }

    @Test
    void anIdleConsumerNoticesAPausedNetworkByItsHeartbeatAndReceivesWhatIsSentAfterTheResume() throws Exception {
        Connection connection = throughProxy();
        Session session = connection.createSession();
        Queue queue = session.createQueue("hb-idle");
        MessageConsumer consumer = session.createConsumer(queue);
        connection.start();

        proxy.pause();
        long pausedAt = System.nanoTime();
        int closedBefore = proxy.closedByClients();
        long noticed = millisUntilTheClientGivesUpOnIt(pausedAt);
        assertThat(noticed).as("the idle connection counted as lost after its PING went unanswered for"
                + " requestTimeout").isBetween(REQUEST_TIMEOUT - 100, NOTICE_BOUND);
        assertThat(proxy.closedByClients()).isEqualTo(closedBefore + 1);
        proxy.resume();

        try (Connection direct = factory().createConnection()) {
            Session s = direct.createSession();
            s.createProducer(queue).send(s.createTextMessage("after the resume"));
        }
        assertThat(text(consumer.receive(15_000))).isEqualTo("after the resume");
        assertThat(reported).as("the application is not told of a loss it recovered from").isEmpty();
    }

    @Test
    void aSlowNetworkWithinTheRequestTimeoutIsNotTakenForALostOne() throws Exception {
        proxy.delay(Duration.ofMillis(REQUEST_TIMEOUT * 3 / 10));
        Connection connection = throughProxy();
        Session session = connection.createSession();
        Queue queue = session.createQueue("hb-slow");
        MessageConsumer consumer = session.createConsumer(queue);
        MessageProducer producer = session.createProducer(queue);
        connection.start();
        // idle for several heartbeat intervals: each PING is answered in time, the connection stays
        await().during(Duration.ofMillis(3 * REQUEST_TIMEOUT)).atMost(Duration.ofSeconds(10))
                .until(() -> proxy.closedByClients() == 0 && proxy.accepted() == 1);
        producer.send(session.createTextMessage("slow"));
        assertThat(text(consumer.receive(5000))).isEqualTo("slow");
        assertThat(proxy.accepted()).as("no reconnect").isEqualTo(1);
        assertThat(proxy.closedByClients()).isZero();
        assertThat(reported).isEmpty();
    }

    @Test
    void aSyncSendDuringAPausedNetworkCompletesAfterTheResumeAndIsStoredOnce() throws Exception {
        Connection connection = throughProxy();
        Session session = connection.createSession();
        Queue queue = session.createQueue("hb-send");
        MessageProducer producer = session.createProducer(queue);
        producer.send(session.createTextMessage("before"));

        proxy.pause();
        long pausedAt = System.nanoTime();
        CompletableFuture<Void> send = CompletableFuture.runAsync(() -> {
            try {
                producer.send(session.createTextMessage("during"));
            } catch (JMSException e) {
                throw new CompletionException(e);
            }
        }, sender);
        assertThat(millisUntilTheClientGivesUpOnIt(pausedAt)).isLessThan(NOTICE_BOUND);
        assertThat(send).as("the send waits for the network").isNotDone();
        // the PRODUCE held by the pause reaches the broker at the resume as well: a duplicate it must drop
        proxy.resume();
        send.get(15, TimeUnit.SECONDS);

        try (Connection direct = factory().createConnection()) {
            Session s = direct.createSession();
            MessageConsumer reader = s.createConsumer(queue);
            direct.start();
            assertThat(text(reader.receive(5000))).isEqualTo("before");
            assertThat(text(reader.receive(5000))).isEqualTo("during");
            assertThat(reader.receive(500)).as("the send in doubt is stored once").isNull();
        }
        assertThat(reported).isEmpty();
    }
}
