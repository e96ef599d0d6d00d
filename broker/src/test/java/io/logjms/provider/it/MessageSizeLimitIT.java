package io.logjms.provider.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logjms.broker.Broker;
import jakarta.jms.BytesMessage;
import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.ResourceAllocationException;
import jakarta.jms.ResourceAllocationRuntimeException;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.TransactionRolledBackException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Messages larger than the limits the broker announced in the handshake (max.batch.bytes,
 * max.frame.bytes) are refused by the send call itself with ResourceAllocationException naming the size
 * and the limit; nothing leaves, and the same connection and session go on sending and receiving. Before
 * the client checked, a message over max.frame.bytes lost the connection ("Broken pipe").
 */
class MessageSizeLimitIT extends EmbeddedBrokerSupport {
    private static final int MAX_FRAME_BYTES = 65_536;
    private static final int MAX_BATCH_BYTES = 16_384;
    private static final Pattern SIZE_AND_LIMIT = Pattern.compile(
            "(\\d+) bytes.*(max\\.batch\\.bytes|max\\.frame\\.bytes).* (\\d+) bytes");

    @Override
    Broker.Builder configure(Broker.Builder builder) {
        return builder.set("max.frame.bytes", Integer.toString(MAX_FRAME_BYTES))
                .set("max.batch.bytes", Integer.toString(MAX_BATCH_BYTES));
    }

    @Test
    void synchronousSendOverEitherLimitThrowsAndTheSessionGoesOn() throws Exception {
        Connection connection = connection();
        connection.start();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("sizes-sync");
        MessageProducer producer = session.createProducer(queue);
        MessageConsumer consumer = session.createConsumer(queue);

        assertRefused(() -> producer.send(bytes(session, 20_000)), "max.batch.bytes", MAX_BATCH_BYTES);
        // over both limits: the batch limit is the one named (it is the smaller)
        assertRefused(() -> producer.send(bytes(session, 100_000)), "max.batch.bytes", MAX_BATCH_BYTES);

        assertStillWorks(session, producer, consumer, "after-sync");
    }

    @Test
    void asynchronousSendOverTheLimitThrowsFromSendAndTheListenerIsNotCalled() throws Exception {
        Connection connection = connection();
        connection.start();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("sizes-async");
        MessageProducer producer = session.createProducer(queue);
        MessageConsumer consumer = session.createConsumer(queue);
        AtomicReference<String> called = new AtomicReference<>();
        CompletionListener listener = new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
                called.set("onCompletion");
            }

            @Override
            public void onException(Message message, Exception exception) {
                called.set("onException: " + exception);
            }
        };

        assertRefused(() -> producer.send(bytes(session, 20_000), listener), "max.batch.bytes", MAX_BATCH_BYTES);
        assertRefused(() -> producer.send(bytes(session, 200_000), listener), "max.batch.bytes", MAX_BATCH_BYTES);

        CountDownLatch done = new CountDownLatch(1);
        producer.send(session.createTextMessage("async-ok"), new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
                done.countDown();
            }

            @Override
            public void onException(Message message, Exception exception) {
                called.set("onException for the good message: " + exception);
            }
        });
        assertThat(done.await(10, TimeUnit.SECONDS)).as("the next asynchronous send completes").isTrue();
        assertThat(called.get()).as("listener of the refused sends").isNull();
        assertThat(((TextMessage) consumer.receive(5000)).getText()).isEqualTo("async-ok");
        assertStillWorks(session, producer, consumer, "after-async");
    }

    @Test
    void transactedSendOverTheLimitThrowsAndTheTransactionCommitsTheRest() throws Exception {
        Connection connection = connection();
        connection.start();
        Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
        Queue queue = session.createQueue("sizes-tx");
        MessageProducer producer = session.createProducer(queue);
        MessageConsumer consumer = session.createConsumer(queue);

        producer.send(session.createTextMessage("tx-1"));
        assertRefused(() -> producer.send(bytes(session, 20_000)), "max.batch.bytes", MAX_BATCH_BYTES);
        assertRefused(() -> producer.send(bytes(session, 70_000)), "max.batch.bytes", MAX_BATCH_BYTES);
        producer.send(session.createTextMessage("tx-2"));
        session.commit();

        assertThat(((TextMessage) consumer.receive(5000)).getText()).isEqualTo("tx-1");
        assertThat(((TextMessage) consumer.receive(5000)).getText()).isEqualTo("tx-2");
        assertThat(consumer.receiveNoWait()).as("nothing of the refused messages").isNull();
        session.commit();
    }

    @Test
    void transactionWhoseCommitExceedsTheFrameLimitIsRolledBackWithoutLosingTheConnection() throws Exception {
        Connection connection = connection();
        connection.start();
        Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
        Queue queue = session.createQueue("sizes-big-tx");
        MessageProducer producer = session.createProducer(queue);
        MessageConsumer consumer = session.createConsumer(queue);
        for (int i = 0; i < 8; i++) {
            producer.send(bytes(session, 10_000));
        }

        assertThatThrownBy(session::commit)
                .isInstanceOf(TransactionRolledBackException.class)
                .hasMessageContaining("max.frame.bytes")
                .hasMessageContaining(MAX_FRAME_BYTES + " bytes");

        producer.send(session.createTextMessage("after-rollback"));
        session.commit();
        assertThat(((TextMessage) consumer.receive(5000)).getText()).isEqualTo("after-rollback");
        assertThat(consumer.receiveNoWait()).as("the rolled back messages are gone").isNull();
        session.commit();
    }

    @Test
    void jmsProducerOverTheLimitThrowsTheRuntimeCounterpart() {
        JMSContext context = closeLater(factory().createContext());
        Queue queue = context.createQueue("sizes-context");
        byte[] big = new byte[20_000];
        assertThatThrownBy(() -> context.createProducer().send(queue, big))
                .isInstanceOf(ResourceAllocationRuntimeException.class)
                .hasMessageContaining("max.batch.bytes")
                .hasMessageContaining(MAX_BATCH_BYTES + " bytes");
        assertThatThrownBy(() -> context.createProducer().setAsync(new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
            }

            @Override
            public void onException(Message message, Exception exception) {
            }
        }).send(queue, new byte[100_000]))
                .isInstanceOf(ResourceAllocationRuntimeException.class)
                .hasMessageContaining("max.batch.bytes");

        context.createProducer().send(queue, "context-ok");
        assertThat(context.createConsumer(queue).receiveBody(String.class, 5000)).isEqualTo("context-ok");
    }

    /**
     * With both limits equal, a message whose batch fits max.batch.bytes can still need a frame over
     * max.frame.bytes (the PRODUCE header and the destination name come on top): the largest message
     * the client accepts is stored, and the next byte is refused naming max.frame.bytes.
     */
    @Test
    void batchThatFitsButWhoseFrameDoesNotIsRefusedOnTheClient() throws Exception {
        broker.close();
        broker = Broker.builder().dataDir(dataDir.resolve("equal-limits")).host("127.0.0.1").port(0)
                .set("max.frame.bytes", Integer.toString(MAX_FRAME_BYTES))
                .set("max.batch.bytes", Integer.toString(MAX_FRAME_BYTES)).build().start();
        Connection connection = connection();
        connection.start();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("sizes-equal-limits-with-a-long-destination-name");
        MessageProducer producer = session.createProducer(queue);
        MessageConsumer consumer = session.createConsumer(queue);

        int[] sent = new int[1];
        int largest = largestAccepted(session, producer, MAX_FRAME_BYTES, sent);
        JMSException refused = assertRefused(() -> producer.send(bytes(session, largest + 1)),
                "max.frame.bytes", MAX_FRAME_BYTES);
        Matcher m = SIZE_AND_LIMIT.matcher(refused.getMessage());
        assertThat(m.find()).isTrue();
        assertThat(Integer.parseInt(m.group(1))).as("the frame size named").isGreaterThan(MAX_FRAME_BYTES);

        assertThat(sent[0]).as("probes sent").isPositive();
        for (int i = 0; i < sent[0]; i++) {
            assertThat(consumer.receive(5000)).as("stored probe %d", i).isInstanceOf(BytesMessage.class);
        }
        assertStillWorks(session, producer, consumer, "after-equal-limits");
    }

    /** Binary search for the largest body the client sends; every probe that is sent must be stored. */
    private static int largestAccepted(Session session, MessageProducer producer, int upper, int[] sent)
            throws Exception {
        int low = 0;
        int high = upper;
        while (low < high) {
            int mid = (low + high + 1) / 2;
            try {
                producer.send(bytes(session, mid));
                sent[0]++;
                low = mid;
            } catch (ResourceAllocationException e) {
                high = mid - 1;
            }
        }
        return low;
    }

    private static BytesMessage bytes(Session session, int size) throws JMSException {
        BytesMessage m = session.createBytesMessage();
        m.writeBytes(new byte[size]);
        return m;
    }

    @FunctionalInterface
    private interface Send {
        void run() throws Exception;
    }

    private static JMSException assertRefused(Send send, String limitName, int limit) {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        try {
            send.run();
        } catch (Throwable t) {
            thrown.set(t);
        }
        assertThat(thrown.get()).as("send refused").isInstanceOf(ResourceAllocationException.class);
        JMSException e = (JMSException) thrown.get();
        assertThat(e.getMessage()).contains(limitName).contains(limit + " bytes").doesNotContain("lost");
        Matcher m = SIZE_AND_LIMIT.matcher(e.getMessage());
        assertThat(m.find()).as("size and limit in %s", e.getMessage()).isTrue();
        assertThat(Integer.parseInt(m.group(1))).as("the size named").isGreaterThan(limit);
        return e;
    }

    private static void assertStillWorks(Session session, MessageProducer producer, MessageConsumer consumer,
                                         String text) throws JMSException {
        producer.send(session.createTextMessage(text));
        assertThat(((TextMessage) consumer.receive(5000)).getText()).isEqualTo(text);
    }
}
