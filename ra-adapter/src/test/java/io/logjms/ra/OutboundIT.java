package io.logjms.ra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.IllegalStateException;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnectionFactory;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.TopicConnectionFactory;
import jakarta.jms.TransactionInProgressException;
import java.time.Duration;
import javax.transaction.xa.XAResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Outbound connections against a real broker, pooled by {@link PoolingConnectionManager} the way a
 * server's connection manager pools them.
 */
class OutboundIT extends BrokerSupport {
    private PoolingConnectionManager pool;
    private LogJmsManagedConnectionFactory mcf;
    private ConnectionFactory factory;

    @BeforeEach
    void createFactory() {
        pool = new PoolingConnectionManager();
        mcf = new LogJmsManagedConnectionFactory();
        mcf.setConnectionUrl(url());
        factory = (ConnectionFactory) mcf.createConnectionFactory(pool);
    }

    @AfterEach
    void closePool() {
        pool.close();
    }

    private void sendThroughPool(String queue, String text) throws Exception {
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession();
            session.createProducer(session.createQueue(queue)).send(session.createTextMessage(text));
        }
    }

    @Test
    void theFactoryIsAlsoAQueueAndATopicConnectionFactory() {
        assertThat(factory).isInstanceOf(QueueConnectionFactory.class).isInstanceOf(TopicConnectionFactory.class);
        assertThat(new LogJmsQueueManagedConnectionFactory().createConnectionFactory(pool))
                .isInstanceOf(QueueConnectionFactory.class);
    }

    @Test
    void aSendOutsideATransactionIsCommittedAtOnce() throws Exception {
        sendThroughPool("plain", "now");

        assertThat(drain("plain", 1_000)).containsExactly("now");
    }

    @Test
    void aContainerTransactionThatCommitsMakesTheSendsVisibleThen() throws Exception {
        pool.begin();
        sendThroughPool("tx", "first");
        sendThroughPool("tx", "second");   // the same transaction: the same managed connection
        assertThat(drain("tx", 500)).as("before the commit").isEmpty();

        pool.commit();

        assertThat(drain("tx", 1_000)).containsExactly("first", "second");
        assertThat(pool.created()).isEqualTo(1);
    }

    @Test
    void aContainerTransactionThatRollsBackDropsTheSends() throws Exception {
        pool.begin();
        sendThroughPool("tx", "dropped");
        pool.rollback();

        assertThat(drain("tx", 500)).isEmpty();
        sendThroughPool("tx", "after");   // the pooled connection works on outside the transaction
        assertThat(drain("tx", 1_000)).containsExactly("after");
        assertThat(pool.created()).isEqualTo(1);
    }

    @Test
    void anXaTransactionThatCommitsMakesTheSendsVisibleThenThroughTheBrokersBranch() throws Exception {
        pool.beginXa();
        sendThroughPool("xa", "first");
        sendThroughPool("xa", "second");
        assertThat(drain("xa", 500)).as("before the commit").isEmpty();

        pool.commit();

        assertThat(drain("xa", 1_000)).containsExactly("first", "second");
        assertThat(broker.metrics().xaRequests("prepare")).isEqualTo(1);
        assertThat(broker.metrics().xaRequests("commit")).isEqualTo(1);
        assertThat(pool.created()).isEqualTo(1);
    }

    @Test
    void anXaTransactionThatRollsBackDropsTheSendsAndTheConnectionSendsAtOnceOutsideATransaction()
            throws Exception {
        pool.beginXa();
        sendThroughPool("xa", "dropped");
        pool.rollback();

        assertThat(drain("xa", 500)).isEmpty();
        assertThat(broker.metrics().xaRequests("rollback")).isEqualTo(1);
        sendThroughPool("xa", "after");   // the same managed connection, outside any transaction
        assertThat(drain("xa", 1_000)).containsExactly("after");
        assertThat(pool.created()).isEqualTo(1);
    }

    @Test
    void theXaResourceIsTheXaSessionsAndStaysTheSameForTheManagedConnection() throws Exception {
        LogJmsManagedConnection connection = (LogJmsManagedConnection) mcf.createManagedConnection(null, null);
        try {
            XAResource resource = connection.getXAResource();
            assertThat(resource).isSameAs(connection.getXAResource());
            assertThat(resource.isSameRM(connection.getXAResource())).isTrue();
            assertThat(resource.recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN)).isEmpty();
        } finally {
            connection.destroy();
        }
    }

    @Test
    void closingAHandleGivesTheConnectionBackAndCleanupClosesWhatTheApplicationLeftOpen() throws Exception {
        Connection first = factory.createConnection();
        first.start();
        Session session = first.createSession();
        Queue queue = session.createQueue("left-open");
        MessageConsumer forgotten = session.createConsumer(queue);
        first.close();
        assertThat(pool.idleCount()).isEqualTo(1);

        try (Connection second = factory.createConnection()) {
            assertThat(pool.created()).as("the pooled connection is reused").isEqualTo(1);
            assertThat(second.createSession()).isNotNull();
            assertThatThrownBy(() -> session.createTextMessage("x")).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> forgotten.receiveNoWait()).isInstanceOf(IllegalStateException.class);
        }
        send("left-open", "for someone else");
        assertThat(drain("left-open", 1_000)).as("no consumer of the closed handle holds it")
                .containsExactly("for someone else");
    }

    @Test
    void otherCredentialsGetAnotherManagedConnection() throws Exception {
        factory.createConnection().close();
        factory.createConnection("alice", "secret").close();
        factory.createConnection().close();

        assertThat(pool.created()).isEqualTo(2);
    }

    @Test
    void theJakartaEeRestrictionsThrowIllegalStateException() throws Exception {
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession();
            MessageConsumer consumer = session.createConsumer(session.createQueue("restricted"));

            assertThatThrownBy(() -> session.setMessageListener(m -> { }))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("Session.setMessageListener")
                    .hasMessageContaining("section 12.2");
            assertThatThrownBy(() -> consumer.setMessageListener(m -> { }))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("MessageConsumer.setMessageListener");
            assertThatThrownBy(() -> connection.setExceptionListener(e -> { }))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("Connection.setExceptionListener");
            assertThatThrownBy(connection::stop)
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("Connection.stop");
            assertThatThrownBy(() -> connection.setClientID("me"))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("Connection.setClientID");
            assertThatThrownBy(() -> connection.createConnectionConsumer(session.createQueue("q"), null, null, 1))
                    .isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(connection::createSession)
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("only one");
            assertThatThrownBy(session::commit).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("not transacted");
            jakarta.jms.MessageProducer producer = session.createProducer(session.createQueue("restricted"));
            assertThatThrownBy(() -> producer.send(session.createTextMessage("x"), new jakarta.jms.CompletionListener() {
                @Override
                public void onCompletion(Message message) {
                }

                @Override
                public void onException(Message message, Exception exception) {
                }
            })).isInstanceOf(IllegalStateException.class).hasMessageContaining("section 7.3.5");

            session.close();
            assertThat(connection.createSession()).as("a session again once the first is closed").isNotNull();
        }
    }

    @Test
    void insideAContainerTransactionCommitAndRollbackAreTheContainers() throws Exception {
        pool.begin();
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            assertThat(session.getTransacted()).isTrue();
            assertThatThrownBy(session::commit).isInstanceOf(TransactionInProgressException.class);
            assertThatThrownBy(session::rollback).isInstanceOf(TransactionInProgressException.class);
        } finally {
            pool.rollback();
        }
    }

    @Test
    void aConnectionLostForGoodIsReportedSoThePoolEvictsIt() throws Exception {
        mcf.setConnectionUrl(url() + "&reconnectTimeout=0");
        factory.createConnection().close();
        assertThat(pool.idleCount()).isEqualTo(1);
        client.close();

        restartBrokerOnSamePort();

        await().atMost(Duration.ofSeconds(20)).until(() -> !pool.errors.isEmpty());
        assertThat(pool.idleCount()).isZero();
        client = new io.logjms.provider.LogJmsConnectionFactory(url()).createConnection();
        client.start();
        sendThroughPool("after-restart", "works");
        assertThat(pool.created()).isEqualTo(2);
        assertThat(drain("after-restart", 1_000)).containsExactly("works");
    }

    @Test
    void aJmsContextSendsAndReceivesThroughThePool() throws Exception {
        try (JMSContext context = factory.createContext()) {
            Queue queue = context.createQueue("context");
            context.createProducer().setProperty("region", "EU").setJMSType("order").send(queue, "hello");
            Message received = context.createConsumer(queue).receive(5_000);

            assertThat(((TextMessage) received).getText()).isEqualTo("hello");
            assertThat(received.getStringProperty("region")).isEqualTo("EU");
            assertThat(received.getJMSType()).isEqualTo("order");
            assertThatThrownBy(() -> context.setClientID("me")).isInstanceOf(IllegalStateRuntimeException.class);
            assertThatThrownBy(() -> context.createContext(JMSContext.AUTO_ACKNOWLEDGE))
                    .isInstanceOf(IllegalStateRuntimeException.class);
            assertThatThrownBy(() -> context.createProducer().setAsync(new jakarta.jms.CompletionListener() {
                @Override
                public void onCompletion(Message message) {
                }

                @Override
                public void onException(Message message, Exception exception) {
                }
            })).isInstanceOf(IllegalStateRuntimeException.class).hasMessageContaining("section 7.3.5");
        }
        assertThat(pool.idleCount()).as("closing the context gave its connection back").isEqualTo(1);
    }
}
