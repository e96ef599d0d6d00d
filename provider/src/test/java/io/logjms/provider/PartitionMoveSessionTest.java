package io.logjms.provider;

import static io.logjms.provider.SessionBehaviourTest.record;
import static io.logjms.provider.SessionBehaviourTest.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logjms.protocol.api.AckRequest;
import io.logjms.protocol.api.RecordRef;
import io.logjms.provider.client.RecordingBrokerConnection;
import io.logjms.provider.config.ConnectionUrl;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TransactionRolledBackException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a session does when partitions of a consumer's subscription move to another broker of a cluster (the routing
 * connection tells it through {@code onPartitionsMoving}): it forgets what it had of them, without an error reaching
 * the application, except a transaction that received some, whose commit fails as after a reconnect.
 */
@Timeout(10)
class PartitionMoveSessionTest {
    private final RecordingBrokerConnection broker = new RecordingBrokerConnection();
    private final LogJmsConnection connection;

    PartitionMoveSessionTest() throws Exception {
        connection = new LogJmsConnection(ConnectionUrl.parse("logjms://test:1?prefetch=8"), broker.connector());
    }

    @AfterEach
    void close() throws JMSException {
        connection.close();
    }

    @Test
    void clientAcknowledgeAfterAMoveAcknowledgesWhatStayedAndTheMovedRecordsComeAgain() throws Exception {
        Session session = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer consumer = session.createConsumer(session.createTopic("t"));
        connection.start();
        broker.deliver(1, 0, record(10, "a"));
        broker.deliver(1, 1, record(20, "b"), record(21, "c"));
        consumer.receive(1000);
        Message last = consumer.receive(1000);
        assertThat(text(last)).isEqualTo("b");

        Map<Integer, Long> resumeAt = broker.movePartitions(1, Set.of(1));
        assertThat(resumeAt).as("a non-durable subscriber continues right after what it handed out")
                .isEqualTo(Map.of(1, 21L));
        assertThat(consumer.receiveNoWait()).as("what it held of partition 1 was dropped").isNull();
        last.acknowledge();
        assertThat(broker.acks()).containsExactly(new AckRequest(1, List.of(new RecordRef(0, 10))));

        broker.partitionsMoved(1, Map.of(1, 21L));
        broker.deliver(1, 1, record(21, "c"));
        Message again = consumer.receive(1000);
        assertThat(text(again)).isEqualTo("c");
        again.acknowledge();
        assertThat(broker.acks()).last().isEqualTo(new AckRequest(1, List.of(new RecordRef(1, 21))));
    }

    @Test
    void theCreditOfDroppedRecordsGoesBack() throws Exception {
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        session.createConsumer(session.createQueue("q"));
        connection.start();
        broker.deliver(1, 1, record(1, "a"), record(2, "b"), record(3, "c"));
        broker.movePartitions(1, Set.of(1));
        assertThat(broker.credits()).containsExactly(new RecordingBrokerConnection.Credit(1, 8),
                new RecordingBrokerConnection.Credit(1, 3));
    }

    @Test
    void aTransactionThatReceivedFromAMovedPartitionFailsItsCommitAsRolledBack() throws Exception {
        Session session = connection.createSession(Session.SESSION_TRANSACTED);
        MessageConsumer consumer = session.createConsumer(session.createQueue("q"));
        connection.start();
        broker.deliver(1, 1, record(5, "x"));
        consumer.receive(1000);
        session.createProducer(session.createQueue("out")).send(session.createTextMessage("result of x"));
        assertThat(broker.movePartitions(1, Set.of(1))).as("a queue continues from its state on the broker").isNull();
        assertThatThrownBy(session::commit).isInstanceOf(TransactionRolledBackException.class);
        assertThat(broker.commits()).as("its send is dropped with it").isEmpty();

        broker.deliver(1, 0, record(6, "y"));
        consumer.receive(1000);
        session.commit();
        assertThat(broker.commits()).hasSize(1);
        assertThat(broker.commits().get(0).batches()).isEmpty();
        assertThat(broker.commits().get(0).acks()).containsExactly(new AckRequest(1, List.of(new RecordRef(0, 6))));
    }

    @Test
    void aTransactionThatReceivedOnlyFromPartitionsThatStayedCommits() throws Exception {
        Session session = connection.createSession(Session.SESSION_TRANSACTED);
        MessageConsumer consumer = session.createConsumer(session.createQueue("q"));
        connection.start();
        broker.deliver(1, 0, record(5, "x"));
        consumer.receive(1000);
        broker.movePartitions(1, Set.of(1));
        session.commit();
        assertThat(broker.commits()).hasSize(1);
        assertThat(broker.commits().get(0).acks()).containsExactly(new AckRequest(1, List.of(new RecordRef(0, 5))));
    }
}
