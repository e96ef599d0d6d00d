package io.logjms.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.logjms.protocol.ApiKey;
import io.logjms.protocol.DestinationId;
import io.logjms.protocol.ErrorCode;
import io.logjms.protocol.api.AckRequest;
import io.logjms.protocol.api.DeliveredRecord;
import io.logjms.protocol.api.RecordRef;
import io.logjms.protocol.api.ReleaseRequest;
import io.logjms.protocol.api.SubscriptionKind;
import io.logjms.protocol.message.MessageHeaders;
import io.logjms.protocol.message.MessageHeadersCodec;
import io.logjms.protocol.message.WireMessage;
import io.logjms.protocol.record.Record;
import io.logjms.protocol.record.RecordBatch;
import io.logjms.provider.client.ProtocolErrorException;
import io.logjms.provider.client.RecordingBrokerConnection;
import io.logjms.provider.client.RecordingBrokerConnection.Credit;
import io.logjms.provider.config.ConnectionUrl;
import io.logjms.provider.message.LogJmsTextMessage;
import io.logjms.provider.message.MessageConverter;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.TransactionRolledBackException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** How sessions drive the broker connection, checked against a recording broker connection. */
@Timeout(10)
class SessionBehaviourTest {
    private final RecordingBrokerConnection broker = new RecordingBrokerConnection();
    private final LogJmsConnection connection;

    SessionBehaviourTest() throws Exception {
        connection = new LogJmsConnection(ConnectionUrl.parse("logjms://test:1?prefetch=8"), broker.connector());
    }

    @AfterEach
    void close() throws JMSException {
        connection.close();
    }

    @Test
    void aNullSessionMessageListenerIsAcceptedAsTheAbsenceOfOneWhileANonNullOneIsRefused() throws Exception {
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        // pooled-jms clears it this way before putting a session back into its pool
        session.setMessageListener(null);
        assertThat(session.getMessageListener()).isNull();
        assertThatThrownBy(() -> session.setMessageListener(m -> { }))
                .isInstanceOf(JMSException.class)
                .hasMessageContaining("set the listener on a MessageConsumer");
        assertThat(session.getMessageListener()).isNull();
        session.close();
        assertThatThrownBy(() -> session.setMessageListener(null)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void clientAcknowledgeAcknowledgesEverythingTheSessionConsumed() throws Exception {
        Session session = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer a = session.createConsumer(session.createQueue("a"));
        MessageConsumer b = session.createConsumer(session.createQueue("b"));
        connection.start();
        broker.deliver(1, 0, record(10, "a1"), record(11, "a2"));
        broker.deliver(2, 0, record(20, "b1"));
        a.receive(1000);
        Message last = a.receive(1000);
        b.receive(1000);
        assertThat(broker.acks()).isEmpty();
        last.acknowledge();
        assertThat(broker.acks()).containsExactly(
                new AckRequest(1, List.of(new RecordRef(0, 10), new RecordRef(0, 11))),
                new AckRequest(2, List.of(new RecordRef(0, 20))));
    }

    @Test
    void autoAcknowledgeBatchesOneWayAcksAndFlushesThemOnStop() throws Exception {
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = session.createConsumer(session.createQueue("q"));
        connection.start();
        broker.deliver(1, 0, record(1, "x"), record(2, "y"));
        consumer.receive(1000);
        consumer.receive(1000);
        connection.stop();
        List<RecordRef> acked = broker.oneWayAcks().stream().flatMap(a -> a.records().stream()).toList();
        assertThat(acked).containsExactly(new RecordRef(0, 1), new RecordRef(0, 2));
        assertThat(broker.acks()).isEmpty();
    }

    @Test
    void creditIsGrantedBackWhenAQuarterOfThePrefetchWasConsumed() throws Exception {
        Session session = connection.createSession();
        MessageConsumer consumer = session.createConsumer(session.createQueue("q"));
        assertThat(broker.subscribes().get(0).kind()).isEqualTo(SubscriptionKind.QUEUE);
        connection.start();
        assertThat(broker.credits()).containsExactly(new Credit(1, 8));
        broker.deliver(1, 0, record(1, "a"), record(2, "b"), record(3, "c"));
        consumer.receive(1000);
        assertThat(broker.credits()).containsExactly(new Credit(1, 8));
        consumer.receive(1000);
        assertThat(broker.credits()).containsExactly(new Credit(1, 8), new Credit(1, 2));
    }

    @Test
    void aConsumerHoldsCreditOnlyWhileItsConnectionIsStarted() throws Exception {
        Session session = connection.createSession();
        MessageConsumer consumer = session.createConsumer(session.createQueue("q"));
        assertThat(broker.subscribes().get(0).initialCredit()).isZero();
        assertThat(broker.credits()).isEmpty();

        connection.start();
        assertThat(broker.credits()).containsExactly(new Credit(1, 8));
        broker.deliver(1, 0, record(1, "a"), record(2, "b"), record(3, "c"));
        assertThat(((TextMessage) consumer.receive(1000)).getText()).isEqualTo("a");

        connection.stop();
        assertThat(broker.credits()).endsWith(new Credit(1, Integer.MIN_VALUE));
        assertThat(broker.releases()).containsExactly(
                new ReleaseRequest(1, false, List.of(new RecordRef(0, 2), new RecordRef(0, 3))));
        int creditsWhileStopped = broker.credits().size();
        assertThat(consumer.receiveNoWait()).isNull();
        assertThat(broker.credits()).hasSize(creditsWhileStopped);

        connection.start();
        assertThat(broker.credits()).last().isEqualTo(new Credit(1, 8));
    }

    @Test
    void aConsumerCreatedOnAStartedConnectionIsGrantedItsPrefetch() throws Exception {
        connection.start();
        Session session = connection.createSession();
        session.createConsumer(session.createQueue("q"));
        assertThat(broker.subscribes().get(0).initialCredit()).isZero();
        assertThat(broker.credits()).containsExactly(new Credit(1, 8));
    }

    @Test
    void aTransactionTravelsAsOneCommitOfBatchesAndAcks() throws Exception {
        Session session = connection.createSession(Session.SESSION_TRANSACTED);
        Queue in = session.createQueue("in");
        Queue out = session.createQueue("out");
        MessageConsumer consumer = session.createConsumer(in);
        connection.start();
        broker.deliver(1, 0, record(7, "work"));
        consumer.receive(1000);
        session.createProducer(out).send(session.createTextMessage("r1"));
        session.createProducer(out).send(session.createTextMessage("r2"));
        assertThat(broker.produced()).isEmpty();
        session.commit();
        assertThat(broker.commits()).hasSize(1);
        RecordingBrokerConnection.Commit commit = broker.commits().get(0);
        assertThat(commit.batches()).hasSize(1);
        assertThat(commit.batches().get(0).destination()).isEqualTo(DestinationId.queue("out"));
        assertThat(commit.batches().get(0).recordCount()).isEqualTo(2);
        assertThat(commit.acks()).containsExactly(new AckRequest(1, List.of(new RecordRef(0, 7))));
        session.commit();
        assertThat(broker.commits()).hasSize(1);
    }

    @Test
    void rollbackReleasesConsumedRecordsAsDeliveredAndPrefetchedOnesAsNot() throws Exception {
        Session session = connection.createSession(Session.SESSION_TRANSACTED);
        MessageConsumer consumer = session.createConsumer(session.createQueue("q"));
        connection.start();
        broker.deliver(1, 0, record(1, "a"), record(2, "b"), record(3, "c"));
        consumer.receive(1000);
        session.createProducer(session.createQueue("out")).send(session.createTextMessage("dropped"));
        session.rollback();
        assertThat(broker.releases()).containsExactly(
                new ReleaseRequest(1, true, List.of(new RecordRef(0, 1))),
                new ReleaseRequest(1, false, List.of(new RecordRef(0, 2), new RecordRef(0, 3))));
        assertThat(broker.credits()).containsExactly(new Credit(1, 8), new Credit(1, Integer.MIN_VALUE),
                new Credit(1, 8));
        session.commit();
        assertThat(broker.commits()).isEmpty();
    }

    @Test
    void aRefusedCommitRollsBack() throws Exception {
        Session session = connection.createSession(Session.SESSION_TRANSACTED);
        MessageConsumer consumer = session.createConsumer(session.createQueue("q"));
        connection.start();
        broker.deliver(1, 0, record(5, "a"));
        consumer.receive(1000);
        broker.failNext(ApiKey.COMMIT, new ProtocolErrorException(ErrorCode.STORAGE_ERROR, "disk"));
        assertThatThrownBy(session::commit).isInstanceOf(TransactionRolledBackException.class);
        assertThat(broker.releases()).contains(new ReleaseRequest(1, true, List.of(new RecordRef(0, 5))));
    }

    @Test
    void closingAConsumerStopsCreditReleasesWhatItHeldAndUnsubscribes() throws Exception {
        Session session = connection.createSession();
        MessageConsumer consumer = session.createConsumer(session.createQueue("q"));
        connection.start();
        broker.deliver(1, 0, record(1, "a"), record(2, "b"));
        consumer.receive(1000);
        consumer.close();
        List<String> calls = broker.calls();
        int withdraw = calls.indexOf("credit 1 " + Integer.MIN_VALUE);
        int release = calls.indexOf("release 1 delivered=false 1");
        int unsubscribe = calls.indexOf("unsubscribe 1");
        assertThat(withdraw).isNotNegative().isLessThan(release);
        assertThat(release).isLessThan(unsubscribe);
        assertThat(broker.oneWayAcks()).extracting(AckRequest::records).containsExactly(List.of(new RecordRef(0, 1)));
        assertThatThrownBy(consumer::receiveNoWait).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void seekStopsTheConsumerGivesBackWhatItHeldMovesTheCursorAndStartsAgain() throws Exception {
        Session session = connection.createSession();
        LogMessageConsumer consumer = (LogMessageConsumer) session.createConsumer(session.createTopic("t"));
        connection.start();
        broker.deliver(1, 0, record(1, "a"), record(2, "b"), record(3, "c"));
        assertThat(((TextMessage) consumer.receive(1000)).getText()).isEqualTo("a");
        consumer.seek(0, 0);
        List<String> calls = broker.calls();
        int ack = calls.indexOf("ack one-way 1 1");
        int withdraw = calls.indexOf("credit 1 " + Integer.MIN_VALUE);
        int release = calls.indexOf("release 1 delivered=false 2");
        int seek = calls.indexOf("seek 1 OFFSET 0 0");
        int regrant = calls.lastIndexOf("credit 1 8");
        assertThat(ack).isNotNegative().isLessThan(withdraw);
        assertThat(withdraw).isLessThan(release);
        assertThat(release).isLessThan(seek);
        assertThat(seek).isLessThan(regrant);
        assertThat(consumer.receiveNoWait()).as("prefetched records are not handed out after a seek").isNull();
        broker.deliver(1, 0, record(0, "z"), record(1, "a"));
        assertThat(((TextMessage) consumer.receive(1000)).getText()).isEqualTo("z");
        assertThat(((TextMessage) consumer.receive(1000)).getText()).as("seen before the seek, delivered again")
                .isEqualTo("a");
    }

    @Test
    void positionsAreTheFirstRecordTheConsumerStillHolds() throws Exception {
        Session session = connection.createSession();
        LogMessageConsumer consumer = (LogMessageConsumer) session.createConsumer(session.createTopic("t"));
        connection.start();
        assertThat(consumer.positions()).isEqualTo(Map.of(0, 0L));
        broker.deliver(1, 0, record(5, "a"), record(6, "b"));
        broker.answerPositions(Map.of(0, 9L));
        consumer.receive(1000);
        assertThat(consumer.positions()).as("b is held, not yet handed out").isEqualTo(Map.of(0, 6L));
        consumer.receive(1000);
        assertThat(consumer.positions()).as("after b, whatever the broker has sent meanwhile").isEqualTo(Map.of(0, 7L));
        assertThat(broker.calls()).noneMatch(call -> call.startsWith("positions"));
    }

    @Test
    void aQueueConsumersPositionsComeFromTheSharedCursor() throws Exception {
        Session session = connection.createSession();
        LogMessageConsumer consumer = (LogMessageConsumer) session.createConsumer(session.createQueue("q"));
        connection.start();
        broker.answerPositions(Map.of(0, 12L));
        assertThat(consumer.positions()).isEqualTo(Map.of(0, 12L));
        broker.deliver(1, 0, record(10, "a"), record(11, "b"));
        consumer.receive(1000);
        assertThat(consumer.positions()).isEqualTo(Map.of(0, 11L));
    }

    @Test
    void aRefusedSeekLeavesTheConsumerReceiving() throws Exception {
        Session session = connection.createSession();
        LogMessageConsumer consumer = (LogMessageConsumer) session.createConsumer(session.createQueue("q"));
        connection.start();
        broker.failNext(ApiKey.SEEK, new ProtocolErrorException(ErrorCode.SUBSCRIPTION_IN_USE, "2 consumers"));
        assertThatThrownBy(consumer::seekToBeginning).isInstanceOf(JMSException.class).hasMessageContaining("2 consumers");
        assertThat(broker.calls()).endsWith("credit 1 8");
        broker.deliver(1, 0, record(1, "a"));
        assertThat(consumer.receive(1000)).isNotNull();
    }

    @Test
    void aClientAcknowledgeConsumerKeepsItsSubscriptionUntilItsMessagesAreAcknowledged() throws Exception {
        Session session = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer consumer = session.createConsumer(session.createQueue("q"));
        connection.start();
        broker.deliver(1, 0, record(1, "a"));
        Message message = consumer.receive(1000);
        consumer.close();
        assertThat(broker.unsubscribes()).isEmpty();
        message.acknowledge();
        assertThat(broker.acks()).containsExactly(new AckRequest(1, List.of(new RecordRef(0, 1))));
        assertThat(broker.unsubscribes()).containsExactly(1);
    }

    @Test
    void listenersGetMessagesInOrderOnAnotherThreadAndAreAcknowledgedAfterwards() throws Exception {
        Session session = connection.createSession();
        MessageConsumer consumer = session.createConsumer(session.createQueue("q"));
        List<String> texts = new CopyOnWriteArrayList<>();
        List<Thread> threads = new CopyOnWriteArrayList<>();
        consumer.setMessageListener(m -> {
            threads.add(Thread.currentThread());
            texts.add(text(m));
        });
        broker.deliver(1, 0, record(1, "a"), record(2, "b"));
        assertThat(texts).isEmpty();
        connection.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> texts.size() == 2);
        assertThat(texts).containsExactly("a", "b");
        assertThat(threads).doesNotContain(Thread.currentThread());
        assertThatThrownBy(consumer::receiveNoWait).isInstanceOf(IllegalStateException.class);
        connection.stop();
        assertThat(broker.oneWayAcks().stream().mapToInt(a -> a.records().size()).sum()).isEqualTo(2);
    }

    @Test
    void recoverInsideAnAutoAcknowledgeListenerGivesTheCurrentMessageBackInsteadOfAcknowledgingIt()
            throws Exception {
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = session.createConsumer(session.createQueue("q"));
        List<String> seen = new CopyOnWriteArrayList<>();
        consumer.setMessageListener(m -> {
            seen.add(text(m));
            try {
                session.recover();
            } catch (JMSException e) {
                throw new AssertionError(e);
            }
        });
        connection.start();
        broker.deliver(1, 0, record(3, "again"));
        await().atMost(Duration.ofSeconds(5)).until(() -> broker.releases().stream().anyMatch(ReleaseRequest::delivered));
        connection.stop();
        assertThat(seen).containsExactly("again");
        assertThat(broker.releases()).contains(new ReleaseRequest(1, true, List.of(new RecordRef(0, 3))));
        assertThat(broker.oneWayAcks()).isEmpty();
    }

    @Test
    void recordsCarryTheOriginAndGroupKeyAndDropReceivedLogProperties() throws Exception {
        broker.partitions(DestinationId.queue("grouped"), 4);
        Session session = connection.createSession();
        Queue queue = session.createQueue("grouped");
        MessageConsumer consumer = session.createConsumer(session.createQueue("in"));
        connection.start();
        broker.deliver(1, 2, record(9, "forward me"));
        Message received = consumer.receive(1000);
        assertThat(received.getIntProperty(LogJmsProperties.PARTITION)).isEqualTo(2);
        assertThat(received.getLongProperty(LogJmsProperties.OFFSET)).isEqualTo(9);
        session.createProducer(queue).send(received);
        MessageHeaders forwarded = headersOf(0);
        assertThat(forwarded.getProperty(LogJmsProperties.ORIGIN)).isEqualTo("conn-1");
        assertThat(forwarded.hasProperty(LogJmsProperties.PARTITION)).isFalse();
        assertThat(forwarded.hasProperty(LogJmsProperties.OFFSET)).isFalse();
        Message grouped = session.createTextMessage("grouped");
        grouped.setStringProperty("JMSXGroupID", "customer-7");
        session.createProducer(queue).send(grouped);
        Record record = RecordBatch.of(broker.produced().get(1).batch()).records().next();
        assertThat(Record.toArray(record.key())).isEqualTo("customer-7".getBytes(StandardCharsets.UTF_8));
        assertThat(broker.produced().get(1).partition()).isEqualTo(io.logjms.provider.send.PartitionChooser.keyed(
                "customer-7".getBytes(StandardCharsets.UTF_8), 4));
        assertThat(received.getJMSDestination()).isEqualTo(queue);
    }

    @Test
    void losingTheConnectionEndsReceivesAndTellsTheExceptionListenerOnce() throws Exception {
        List<JMSException> reported = new CopyOnWriteArrayList<>();
        connection.setExceptionListener(reported::add);
        Session session = connection.createSession();
        MessageConsumer consumer = session.createConsumer(session.createQueue("q"));
        connection.start();
        broker.loseConnection(new java.io.IOException("reset"));
        broker.loseConnection(new java.io.IOException("again"));
        assertThat(consumer.receive()).isNull();
        await().atMost(Duration.ofSeconds(5)).until(() -> reported.size() == 1);
        assertThat(reported.get(0).getErrorCode()).isEqualTo(ExceptionTranslator.CONNECTION_LOST);
        assertThatThrownBy(() -> session.createProducer(null).send(session.createQueue("q"),
                session.createTextMessage())).isInstanceOf(JMSException.class).hasMessageContaining("lost");
    }

    @Test
    void whenTheLossOfATemporaryQueueIsReportedItsConsumerIsAlreadyClosed() throws Exception {
        Session session = connection.createSession();
        jakarta.jms.TemporaryQueue temporary = session.createTemporaryQueue();
        MessageConsumer onTemporary = session.createConsumer(temporary);
        MessageConsumer onQueue = session.createConsumer(session.createQueue("q"));
        connection.start();

        broker.loseTemporaryDestinations(List.of(DestinationId.queue(temporary.getQueueName())));

        // the exception listener hears of it from here on: a receive must already fail, not wait
        assertThatThrownBy(onTemporary::receiveNoWait)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed by the broker")
                .hasMessageContaining("temporary destination " + temporary.getQueueName());
        assertThat(onQueue.receiveNoWait()).isNull();
    }

    @Test
    void temporaryDestinationsAreNamedAfterTheConnectionAndOwnedByIt() throws Exception {
        Session session = connection.createSession();
        jakarta.jms.TemporaryQueue queue = session.createTemporaryQueue();
        assertThat(queue.getQueueName()).isEqualTo("tmp.conn-1.1");
        assertThat(broker.calls()).contains("create queue://tmp.conn-1.1 {temporary=true}");
        assertThatThrownBy(() -> session.createConsumer(new LogJmsTemporaryQueue("tmp.other.1")))
                .isInstanceOf(InvalidDestinationException.class);
        MessageConsumer consumer = session.createConsumer(queue);
        assertThatThrownBy(queue::delete).isInstanceOf(IllegalStateException.class);
        consumer.close();
        queue.delete();
        assertThat(broker.calls()).contains("delete queue://tmp.conn-1.1");
        assertThatThrownBy(() -> session.createConsumer(queue)).isInstanceOf(InvalidDestinationException.class);
    }

    @Test
    void setClientIdOnlyBeforeAnyOtherAction() throws Exception {
        connection.setClientID("mine");
        assertThat(broker.calls()).contains("setClientId mine");
        LogJmsConnection other = new LogJmsConnection(ConnectionUrl.parse("logjms://test:1"), broker.connector());
        other.createSession();
        assertThatThrownBy(() -> other.setClientID("late")).isInstanceOf(IllegalStateException.class);
        other.close();
    }

    @Test
    void unsubscribeIsRefusedWhileTheSubscriptionHasAConsumer() throws Exception {
        connection.setClientID("c");
        Session session = connection.createSession();
        MessageConsumer durable = session.createDurableConsumer(session.createTopic("t"), "sub");
        assertThat(broker.subscribes().get(0).kind()).isEqualTo(SubscriptionKind.DURABLE);
        assertThat(broker.subscribes().get(0).name()).isEqualTo("sub");
        assertThatThrownBy(() -> session.unsubscribe("sub")).isInstanceOf(IllegalStateException.class);
        durable.close();
        session.unsubscribe("sub");
        assertThat(broker.calls()).contains("deleteSubscription sub");
    }

    private MessageHeaders headersOf(int produced) {
        Record record = RecordBatch.of(broker.produced().get(produced).batch()).records().next();
        return MessageHeadersCodec.decode(Record.toArray(record.headers()));
    }

    static DeliveredRecord record(long offset, String text) {
        try {
            WireMessage wire = MessageConverter.toWire(new LogJmsTextMessage(text));
            return new DeliveredRecord(offset, 1L, 1, null, MessageHeadersCodec.encode(wire.headers()), wire.body());
        } catch (JMSException e) {
            throw new AssertionError(e);
        }
    }

    static String text(Message m) {
        try {
            return ((TextMessage) m).getText();
        } catch (JMSException e) {
            throw new AssertionError(e);
        }
    }
}
