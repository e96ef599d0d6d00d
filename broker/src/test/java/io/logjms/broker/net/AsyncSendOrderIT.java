package io.logjms.broker.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.logjms.broker.Broker;
import io.logjms.provider.LogJmsConnectionFactory;
import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A burst of asynchronous sends keeps several PRODUCE requests in flight per partition, and the next
 * batch is often sent from the client's I/O thread when an answer arrives: the messages must still be
 * stored, and received, in the order they were sent.
 */
@Timeout(60)
class AsyncSendOrderIT {
    private static final int MESSAGES = 20_000;

    @TempDir
    Path dataDir;
    private Broker broker;

    @BeforeEach
    void start() {
        broker = Broker.builder().dataDir(dataDir).host("127.0.0.1").port(0).partitionsDefault(1).build().start();
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    @Test
    void asyncSendsArriveInSendOrder() throws Exception {
        try (Connection connection = new LogJmsConnectionFactory("logjms://127.0.0.1:" + broker.port())
                .createConnection()) {
            Session session = connection.createSession();
            Queue queue = session.createQueue("ordered");
            MessageProducer producer = session.createProducer(queue);
            CountDownLatch answered = new CountDownLatch(MESSAGES);
            AtomicInteger failures = new AtomicInteger();
            CompletionListener listener = new CompletionListener() {
                @Override
                public void onCompletion(Message message) {
                    answered.countDown();
                }

                @Override
                public void onException(Message message, Exception exception) {
                    failures.incrementAndGet();
                    answered.countDown();
                }
            };
            for (int i = 0; i < MESSAGES; i++) {
                producer.send(session.createTextMessage(Integer.toString(i)), listener);
            }
            assertThat(answered.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(failures).hasValue(0);

            MessageConsumer consumer = session.createConsumer(queue);
            connection.start();
            for (int i = 0; i < MESSAGES; i++) {
                TextMessage m = (TextMessage) consumer.receive(10_000);
                assertThat(m).as("message %d", i).isNotNull();
                assertThat(m.getText()).as("message %d in send order", i).isEqualTo(Integer.toString(i));
            }
        }
    }
}
