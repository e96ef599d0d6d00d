package io.logjms.provider.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.logjms.broker.Broker;
import io.logjms.broker.config.FsyncPolicySetting;
import jakarta.jms.Connection;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Closes consumers with and without selectors at every point of their life, on a queue and on two
 * shared durable subscriptions (the same shared cursor), for many seeded rounds; after each round a
 * fresh consumer must receive a freshly sent message, every message sent so far must have been received,
 * a message received again must carry JMSRedelivered, and an acknowledged one must not come back. A
 * consumer on a never-started connection stays attached throughout (as the conformance harness of
 * issue 9 has one) and must take nothing.
 *
 * <p>Rerun a failure with {@code -Dstress.seed=<seed>}; {@code -Dstress.rounds} changes the number of
 * rounds.
 */
class ConsumerCloseStressIT extends EmbeddedBrokerSupport {
    /** About 35 ms a round on a loaded two-core machine: some 40 s with the broker's start and stop. */
    private static final int ROUNDS = Integer.getInteger("stress.rounds", 1000);
    private static final Duration ROUND_LIMIT = Duration.ofSeconds(30);
    private static final long WAIT_MILLIS = 10_000;
    /** How long a consumer that competes with a rival waits for a message it may not get. */
    private static final long SHORT_WAIT_MILLIS = 20;
    private static final String SELECTOR = "lastMessage = TRUE";

    /** When, in its life, the round's consumer is closed. */
    private enum ClosePoint {
        BEFORE_ANY_MESSAGE, RIGHT_AFTER_SEND, WITH_PREFETCHED_MESSAGES, WITH_UNACKNOWLEDGED_MESSAGES,
        WHILE_ITS_LISTENER_RUNS, IN_AN_OPEN_TRANSACTION, WITH_ITS_SESSION, AFTER_ITS_CONNECTION_STOPPED
    }

    /** A stream of messages a consumer can attach to: the queue, or a shared durable subscription. */
    private record Target(String label, Destination destination, String subscription, String selector,
                          DeliveryLedger ledger) {
        boolean queue() {
            return subscription == null;
        }
    }

    private Random random;
    private Connection main;
    private Session producerSession;
    private MessageProducer producer;
    private Target queue;
    private Target all;
    private Target last;
    private int nextId;

    /** The race is in dispatch and settling, not on disk: forcing every write would only slow the rounds. */
    @Override
    Broker.Builder configure(Broker.Builder builder) {
        return builder.fsyncPolicy(FsyncPolicySetting.OS);
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void consumersClosedAtAnyPointLoseNoMessageAndLeaveTheCursorDelivering() throws Exception {
        long seed = Long.getLong("stress.seed", System.nanoTime());
        random = new Random(seed);
        int round = 0;
        ClosePoint[] current = new ClosePoint[1];
        try {
            setUp();
            long started = System.nanoTime();
            for (; round < ROUNDS; round++) {
                int r = round;
                assertTimeoutPreemptively(ROUND_LIMIT, () -> round(r, current), () -> "round " + r + " ("
                        + current[0] + ") took longer than " + ROUND_LIMIT);
            }
            for (Target t : List.of(queue, all, last)) {
                verify(t, "the end");
            }
            System.out.printf("%s: %d rounds in %d ms (seed %d)%n", getClass().getSimpleName(), ROUNDS,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), seed);
        } catch (Throwable e) {
            throw new AssertionError("stress seed " + seed + ", round " + round + " (" + current[0]
                    + "), rerun with -Dstress.seed=" + seed + ": " + e.getMessage(), e);
        }
    }

    private void setUp() throws JMSException {
        main = connection();
        main.start();
        producerSession = main.createSession();
        producer = producerSession.createProducer(null);
        queue = new Target("queue", producerSession.createQueue("stress"), null, null, new DeliveryLedger("queue"));
        Topic topic = producerSession.createTopic("stress");
        all = new Target("subscription all", topic, "all", null, new DeliveryLedger("subscription all"));
        last = new Target("subscription last", topic, "last", SELECTOR, new DeliveryLedger("subscription last"));
        // like the conformance harness: consumers on a connection that is never started
        Connection idle = connection();
        Session idleSession = idle.createSession();
        idleSession.createConsumer(queue.destination());
        idleSession.createSharedDurableConsumer(topic, all.subscription());
        idleSession.createSharedDurableConsumer(topic, last.subscription(), SELECTOR);
    }

    private void round(int round, ClosePoint[] current) throws Exception {
        Target target = switch (random.nextInt(5)) {
            case 0 -> all;
            case 1 -> last;
            default -> queue;
        };
        ClosePoint point = ClosePoint.values()[random.nextInt(ClosePoint.values().length)];
        current[0] = point;
        String selector = target.queue() ? (random.nextBoolean() ? SELECTOR : null) : target.selector();
        Connection connection = main;
        if (point == ClosePoint.AFTER_ITS_CONNECTION_STOPPED) {
            connection = factory().createConnection();
            connection.start();
        }
        int mode = switch (point) {
            case WITH_UNACKNOWLEDGED_MESSAGES -> Session.CLIENT_ACKNOWLEDGE;
            case IN_AN_OPEN_TRANSACTION -> Session.SESSION_TRANSACTED;
            case WHILE_ITS_LISTENER_RUNS -> Session.AUTO_ACKNOWLEDGE;
            default -> List.of(Session.AUTO_ACKNOWLEDGE, Session.CLIENT_ACKNOWLEDGE, Session.SESSION_TRANSACTED)
                    .get(random.nextInt(3));
        };
        Session rivalSession = random.nextInt(4) == 0 ? main.createSession() : null;
        MessageConsumer rival = rivalSession == null ? null
                : open(rivalSession, target, target.queue() && random.nextBoolean() ? SELECTOR : target.selector());
        Session session = connection.createSession(mode);
        MessageConsumer consumer = open(session, target, selector);
        Life life = new Life(target, session, consumer, selector, rival != null, "round " + round);
        try {
            live(point, life, connection);
        } finally {
            if (rival != null) {
                rivalSession.close();
            }
            session.close();
            if (connection != main) {
                connection.close();
            }
        }
        if (random.nextInt(4) == 0) {
            send(target, random.nextInt(3));
        }
        verify(target, "round " + round);
    }

    /** The round's consumer, its session and what was sent for it this round. */
    private final class Life {
        final Target target;
        final Session session;
        final MessageConsumer consumer;
        final String selector;
        final boolean hasRival;
        final String name;
        /** Messages available to this consumer that it has not received yet (a lower bound with a rival). */
        int available;
        final List<Integer> unsettled = new ArrayList<>();
        /** The last message received, whose acknowledge() covers everything the session consumed. */
        Message lastReceived;

        Life(Target target, Session session, MessageConsumer consumer, String selector, boolean hasRival, String name) {
            this.target = target;
            this.session = session;
            this.consumer = consumer;
            this.selector = selector;
            this.hasRival = hasRival;
            this.name = name;
        }

        void sent(List<Boolean> lastFlags) {
            for (boolean lastMessage : lastFlags) {
                if (selector == null || lastMessage) {
                    available++;
                }
            }
        }

        /** Receives up to {@code n} available messages; returns how many came. */
        int receive(int n) throws JMSException {
            int got = 0;
            for (int i = 0; i < n && available > 0; i++) {
                Message m = consumer.receive(hasRival ? SHORT_WAIT_MILLIS : WAIT_MILLIS);
                if (m == null) {
                    assertThat(hasRival).as("%s: a message available to the only consumer of %s did not come",
                            name, target.label()).isTrue();
                    return got;
                }
                available--;
                got++;
                int id = seen(m, target, name);
                lastReceived = m;
                if (session.getAcknowledgeMode() == Session.AUTO_ACKNOWLEDGE) {
                    target.ledger().settled(id);
                } else {
                    unsettled.add(id);
                }
            }
            return got;
        }

        /** Acknowledges (or commits) everything received so far. */
        void settle() throws JMSException {
            if (unsettled.isEmpty()) {
                return;
            }
            if (session.getTransacted()) {
                session.commit();
            } else {
                lastReceived.acknowledge();
            }
            unsettled.forEach(target.ledger()::settled);
            unsettled.clear();
        }
    }

    private void live(ClosePoint point, Life life, Connection connection) throws Exception {
        switch (point) {
            case BEFORE_ANY_MESSAGE -> {
                life.consumer.close();
                send(life.target, random.nextInt(3));
            }
            case RIGHT_AFTER_SEND -> {
                send(life, 1 + random.nextInt(3));
                life.consumer.close();
            }
            case WITH_PREFETCHED_MESSAGES -> {
                send(life, 2 + random.nextInt(4));
                life.receive(1);
                life.consumer.close();
            }
            case WITH_UNACKNOWLEDGED_MESSAGES -> {
                send(life, 1 + random.nextInt(4));
                life.receive(random.nextInt(2));
                if (random.nextBoolean()) {
                    life.settle();
                }
                life.receive(1 + random.nextInt(3));
                life.consumer.close();
                if (random.nextBoolean()) {
                    // after close, acknowledge still covers what the closed consumer delivered
                    life.settle();
                }
            }
            case WHILE_ITS_LISTENER_RUNS -> closeWhileListening(life);
            case IN_AN_OPEN_TRANSACTION -> {
                send(life, 1 + random.nextInt(4));
                life.receive(1 + random.nextInt(2));
                if (random.nextBoolean()) {
                    life.settle();
                } else {
                    life.session.rollback();
                    life.available += life.unsettled.size();
                    life.unsettled.clear();
                }
                life.receive(1);
                life.consumer.close();
            }
            case WITH_ITS_SESSION -> {
                send(life, random.nextInt(4));
                life.receive(random.nextInt(2));
                life.session.close();
            }
            case AFTER_ITS_CONNECTION_STOPPED -> {
                send(life, 1 + random.nextInt(3));
                life.receive(1);
                connection.stop();
                // a stopped connection's consumer must not take these from the fresh consumer
                send(life, random.nextInt(3));
                if (random.nextBoolean()) {
                    life.consumer.close();
                }
            }
        }
    }

    private void closeWhileListening(Life life) throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch proceed = new CountDownLatch(1);
        List<AssertionError> failures = new ArrayList<>();
        life.consumer.setMessageListener(m -> {
            try {
                int id = seen(m, life.target, life.name + " listener");
                entered.countDown();
                proceed.await(WAIT_MILLIS, TimeUnit.MILLISECONDS);
                life.target.ledger().settled(id);
            } catch (JMSException | InterruptedException e) {
                synchronized (failures) {
                    failures.add(new AssertionError("listener failed", e));
                }
            }
        });
        send(life, 1 + random.nextInt(3));
        boolean running = entered.await(life.hasRival || life.available == 0 ? SHORT_WAIT_MILLIS : WAIT_MILLIS,
                TimeUnit.MILLISECONDS);
        assertThat(running || life.hasRival || life.available == 0)
                .as("%s: the listener got none of the messages available to it", life.name).isTrue();
        CompletableFuture<Void> closing = CompletableFuture.runAsync(() -> {
            try {
                life.consumer.close();
            } catch (JMSException e) {
                throw new IllegalStateException(e);
            }
        });
        proceed.countDown();
        closing.get(WAIT_MILLIS, TimeUnit.MILLISECONDS);
        synchronized (failures) {
            if (!failures.isEmpty()) {
                throw failures.get(0);
            }
        }
    }

    /**
     * A fresh consumer on a started connection gets a freshly sent message, after everything still in
     * the target; then everything sent to the target so far must have been received once at least.
     */
    private void verify(Target target, String when) throws JMSException {
        Session session = main.createSession();
        try {
            MessageConsumer fresh = open(session, target, target.selector());
            int probe = send(target, List.of(true)).get(0);
            while (true) {
                Message m = fresh.receive(WAIT_MILLIS);
                assertThat(m).as("after %s a fresh consumer of %s did not receive message %d sent to it", when,
                        target.label(), probe).isNotNull();
                int id = seen(m, target, "the fresh consumer after " + when);
                target.ledger().settled(id);
                if (id == probe) {
                    break;
                }
            }
        } finally {
            session.close();
        }
        assertThat(target.ledger().check(nextId - 1)).as("after %s", when).isEmpty();
    }

    private MessageConsumer open(Session session, Target target, String selector) throws JMSException {
        return target.queue() ? session.createConsumer(target.destination(), selector)
                : session.createSharedDurableConsumer((Topic) target.destination(), target.subscription(), selector);
    }

    private void send(Life life, int count) throws JMSException {
        List<Boolean> flags = flags(count);
        send(life.target, flags);
        life.sent(flags);
    }

    private void send(Target target, int count) throws JMSException {
        send(target, flags(count));
    }

    private List<Boolean> flags(int count) {
        List<Boolean> flags = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            flags.add(random.nextBoolean());
        }
        return flags;
    }

    /** Sends one message per flag (its lastMessage property) and notes them in the ledgers they reach. */
    private List<Integer> send(Target target, List<Boolean> lastFlags) throws JMSException {
        List<Integer> ids = new ArrayList<>();
        for (boolean lastMessage : lastFlags) {
            int id = nextId++;
            TextMessage m = producerSession.createTextMessage("m" + id);
            m.setIntProperty("n", id);
            m.setBooleanProperty("lastMessage", lastMessage);
            if (target.queue()) {
                queue.ledger().sent(id);
            } else {
                all.ledger().sent(id);
                if (lastMessage) {
                    last.ledger().sent(id);
                }
            }
            producer.send(target.destination(), m);
            ids.add(id);
        }
        return ids;
    }

    private static int seen(Message m, Target target, String by) throws JMSException {
        int id = m.getIntProperty("n");
        target.ledger().seen(id, m.getJMSRedelivered(), by);
        return id;
    }
}
