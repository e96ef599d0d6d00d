package io.logjms.provider.it;

import io.logjms.provider.LogJmsConnectionFactory;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A consumer in a JVM of its own for {@link ConsumerCrashIT}: it receives one message of a queue in
 * CLIENT_ACKNOWLEDGE mode, prints it, never acknowledges it and waits to be killed.
 * Arguments: broker URL, queue name.
 */
public final class CrashingConsumerMain {
    private CrashingConsumerMain() {
    }

    public static void main(String[] args) throws Exception {
        Connection connection = new LogJmsConnectionFactory(args[0]).createConnection();
        Session session = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer consumer = session.createConsumer(session.createQueue(args[1]));
        connection.start();
        Message m = consumer.receive(30_000);
        System.out.println("received " + (m == null ? "nothing" : ((TextMessage) m).getText()));
        System.out.flush();
        new CountDownLatch(1).await(2, TimeUnit.MINUTES);  // holds the message until the test kills this process
    }
}
