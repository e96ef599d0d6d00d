package io.logjms.benchmarks.sidebyside;

import io.logjms.provider.LogJmsConnectionFactory;
import jakarta.jms.ConnectionFactory;
import java.util.Optional;
import org.apache.activemq.artemis.jms.client.ActiveMQJMSConnectionFactory;

/**
 * What differs between the JMS providers under test: how their connection factories are made, and
 * whether a new topic subscriber can start at the beginning of the topic. Everything else in
 * {@link JmsClient} is plain {@code jakarta.jms}.
 *
 * @param syncFactory factory for synchronous sends (a send returns once the message is stored)
 * @param asyncFactory factory for sends with a {@code CompletionListener}
 * @param history how a new subscriber reads a topic from its start, when the provider can
 * @param closer releases the factories
 */
public record JmsProvider(ConnectionFactory syncFactory, ConnectionFactory asyncFactory,
        Optional<HistoryOpener> history, AutoCloseable closer) {
    /** Opens a new durable subscription that starts at the beginning of a topic. */
    @FunctionalInterface
    public interface HistoryOpener {
        Subscriber open(JmsClient client, String topic, String subscription) throws Exception;
    }

    /**
     * ActiveMQ Artemis over TCP. Synchronous sends block on every durable send (Artemis's default);
     * asynchronous ones use {@code blockOnDurableSend=false} and a 1 MiB confirmation window, as BENCH.md says.
     */
    public static JmsProvider artemis(String host, int port) {
        String url = "tcp://" + host + ":" + port;
        ActiveMQJMSConnectionFactory sync = new ActiveMQJMSConnectionFactory(url);
        ActiveMQJMSConnectionFactory async = new ActiveMQJMSConnectionFactory(
                url + "?blockOnDurableSend=false&confirmationWindowSize=1048576");
        return new JmsProvider(sync, async, Optional.empty(), () -> {
            sync.close();
            async.close();
        });
    }

    /**
     * logjms: one factory for both kinds of send (a send with a {@code CompletionListener} is
     * asynchronous by itself); topic history through a new durable subscription on
     * {@code <topic>?start=earliest}, the destination option that starts a new subscription at the log start.
     * {@code urlOptions} (such as {@code tls=true&trustStore=...}) go into the URL unless empty.
     */
    public static JmsProvider logjms(String host, int port, String urlOptions) {
        return logjms(host + ":" + port, urlOptions);
    }

    /** logjms on the brokers of {@code hostPorts} ({@code host:port,...}), as {@link #logjms(String, int, String)}. */
    public static JmsProvider logjms(String hostPorts, String urlOptions) {
        String url = "logjms://" + hostPorts + (urlOptions.isEmpty() ? "" : "?" + urlOptions);
        LogJmsConnectionFactory factory = new LogJmsConnectionFactory(url);
        HistoryOpener history = (client, topic, subscription) ->
                client.durableSubscriber(topic + "?start=earliest", subscription, MessagingClient.AckMode.AUTO);
        return new JmsProvider(factory, factory, Optional.of(history), () -> {
            // the factory holds no resources of its own: its connections are closed by their users
        });
    }
}
