package io.logjms.provider.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.logjms.provider.LogJmsConnectionFactory;
import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One JMS session sending persistent messages {@code n = 0, 1, 2, ...} (an int property) asynchronously to one
 * topic, on a thread of its own, at most {@link #IN_FLIGHT} unacknowledged at a time and at most {@link #RATE} a
 * second; it remembers which were acknowledged and which failed.
 *
 * <p>The rate is capped because the sends only need to be continuous: unpaced, the producer took a core of the
 * two a CI machine has from the brokers it tests, and every read from the start and every restart's recovery
 * grew with the tens of thousands of records it wrote (a whole-cluster restart check timed out in CI).
 */
final class ContinuousProducer implements AutoCloseable {
    static final int IN_FLIGHT = 16;
    static final int RATE = 250;
    private static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1) / RATE;
    private static final Duration DRAIN = Duration.ofSeconds(90);

    private final String url;
    private final String topic;
    private final NavigableSet<Integer> acknowledged = new ConcurrentSkipListSet<>();
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private final NavigableSet<Integer> unanswered = new ConcurrentSkipListSet<>();
    private final Semaphore inFlight = new Semaphore(IN_FLIGHT);
    private final Thread thread;
    private volatile boolean stopping;
    private volatile Throwable failure;

    private ContinuousProducer(String url, String topic) {
        this.url = url;
        this.topic = topic;
        this.thread = new Thread(this::run, "continuous-producer");
        this.thread.setDaemon(true);
    }

    static ContinuousProducer start(String url, String topic) {
        ContinuousProducer p = new ContinuousProducer(url, topic);
        p.thread.start();
        return p;
    }

    private void run() {
        try (Connection connection = new LogJmsConnectionFactory(url).createConnection()) {
            Session session = connection.createSession();
            MessageProducer producer = session.createProducer(session.createTopic(topic));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            int n = 0;
            long nextSendAt = System.nanoTime();
            for (; !stopping; n++) {
                nextSendAt = paceTo(nextSendAt);
                boolean acquired = false;
                while (!stopping && !acquired) {
                    acquired = inFlight.tryAcquire(100, TimeUnit.MILLISECONDS);
                }
                if (!acquired) {
                    break;
                }
                Message m = session.createTextMessage("message " + n);
                m.setIntProperty("n", n);
                int sent = n;
                unanswered.add(sent);
                producer.send(m, new CompletionListener() {
                    @Override
                    public void onCompletion(Message message) {
                        acknowledged.add(sent);
                        unanswered.remove(sent);
                        inFlight.release();
                    }

                    @Override
                    public void onException(Message message, Exception e) {
                        errors.add(sent + ": " + e);
                        unanswered.remove(sent);
                        inFlight.release();
                    }
                });
            }
            // the stop waits for the answers to what was sent (bounded: the connection's own timeouts)
            if (!inFlight.tryAcquire(IN_FLIGHT, DRAIN.toMillis(), TimeUnit.MILLISECONDS)) {
                failure = new AssertionError("sends unanswered after " + DRAIN + ": " + unanswered + " of " + n
                        + " sent, " + acknowledged.size() + " acknowledged, errors " + errors);
            }
        } catch (JMSException | InterruptedException | RuntimeException e) {
            failure = e;
        }
    }

    /** Parks until {@code sendAt} (bounded by the interval) and returns when the send after this one is due. */
    private static long paceTo(long sendAt) {
        long now = System.nanoTime();
        if (sendAt > now) {
            LockSupport.parkNanos(sendAt - now);
            return sendAt + INTERVAL_NANOS;
        }
        return now + INTERVAL_NANOS; // behind, after an outage: no burst to catch up
    }

    long acknowledged() {
        return acknowledged.size();
    }

    List<String> errors() {
        return List.copyOf(errors);
    }

    void awaitAcknowledged(long count, Duration within) {
        await(count + " acknowledged sends").atMost(within).pollInterval(Duration.ofMillis(50)).until(() -> {
            if (failure != null) {
                throw new AssertionError("the producer failed", failure);
            }
            return acknowledged.size() >= count;
        });
    }

    /** Stops sending, waits for the answers to what was sent, and returns every acknowledged n, ascending. */
    List<Integer> stop() throws InterruptedException {
        stopping = true;
        thread.join(DRAIN.plusSeconds(30).toMillis());
        assertThat(thread.isAlive()).as("the producer stopped").isFalse();
        if (failure != null) {
            throw new AssertionError("the producer failed", failure);
        }
        return new ArrayList<>(acknowledged);
    }

    /** Asserts that what was acknowledged so far is on the topic once each, in order, read from the start. */
    void assertAcknowledgedReadOnceInOrder(String readUrl) throws JMSException {
        assertReadOnceInOrder(readUrl, new ArrayList<>(acknowledged));
    }

    /**
     * Reads the topic from the start until every n of {@code expected} has been read (bounded), and asserts that
     * the n read rise strictly (so each message is there once, in send order) and include them all.
     */
    void assertReadOnceInOrder(String readUrl, List<Integer> expected) throws JMSException {
        if (expected.isEmpty()) {
            throw new AssertionError("nothing was acknowledged");
        }
        int last = expected.get(expected.size() - 1);
        List<Integer> read = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try (Connection connection = new LogJmsConnectionFactory(readUrl).createConnection()) {
            Session session = connection.createSession();
            MessageConsumer consumer = session.createConsumer(session.createTopic(topic + "?start=earliest"));
            connection.start();
            while ((read.isEmpty() || read.get(read.size() - 1) < last) && System.nanoTime() < deadline) {
                Message m = consumer.receive(1000);
                if (m != null) {
                    read.add(m.getIntProperty("n"));
                }
            }
        }
        for (int i = 1; i < read.size(); i++) {
            if (read.get(i) <= read.get(i - 1)) {
                throw new AssertionError("message " + read.get(i) + " read after " + read.get(i - 1) + " at position "
                        + i + " of " + read.size());
            }
        }
        assertThat(read).as("messages read from the start").containsAll(expected);
    }

    /** Every n on the topic read from the start through {@code readUrl}, until nothing came for a second. */
    static List<Integer> readAll(String readUrl, String topic) throws JMSException {
        List<Integer> read = new ArrayList<>();
        try (Connection connection = new LogJmsConnectionFactory(readUrl).createConnection()) {
            Session session = connection.createSession();
            MessageConsumer consumer = session.createConsumer(session.createTopic(topic + "?start=earliest"));
            connection.start();
            for (Message m = consumer.receive(5000); m != null; m = consumer.receive(1000)) {
                read.add(m.getIntProperty("n"));
            }
        }
        return read;
    }

    @Override
    public void close() {
        stopping = true;
        try {
            thread.join(DRAIN.plusSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
