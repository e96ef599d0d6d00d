package io.logjms.ra;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.logjms.provider.LogJmsXAConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.XAConnection;
import jakarta.jms.XASession;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/**
 * Inbound delivery against a real broker, with the container played by {@link ThreadWorkManager} (work on
 * real threads), {@link TestEndpointFactory} and {@link TestTransactions}.
 */
class InboundDeliveryIT extends BrokerSupport {
    private ThreadWorkManager work;
    private TestTransactions transactions;
    private LogJmsResourceAdapter adapter;
    private final List<Runnable> deactivations = new ArrayList<>();

    @BeforeEach
    void startAdapter() {
        work = new ThreadWorkManager();
        transactions = new TestTransactions();
        adapter = new LogJmsResourceAdapter();
        adapter.start(new TestBootstrapContext(work, transactions));
    }

    @AfterEach
    void stopAdapter() {
        adapter.stop();
        work.close();
    }

    private LogJmsActivationSpec queueSpec(String queue) {
        LogJmsActivationSpec spec = new LogJmsActivationSpec();
        spec.setDestination(queue);
        spec.setDestinationType("jakarta.jms.Queue");
        spec.setConnectionUrl(url());
        return spec;
    }

    private LogJmsActivationSpec topicSpec(String topic) {
        LogJmsActivationSpec spec = queueSpec(topic);
        spec.setDestinationType("jakarta.jms.Topic");
        return spec;
    }

    private TestEndpointFactory activate(LogJmsActivationSpec spec, boolean transacted,
            TestEndpointFactory.Behaviour behaviour) throws Exception {
        TestEndpointFactory endpoints = new TestEndpointFactory(transacted, behaviour, transactions);
        adapter.endpointActivation(endpoints, spec);
        return endpoints;
    }

    private static String[] texts(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> prefix + i).toArray(String[]::new);
    }

    @Test
    void aQueueIsDeliveredOnceThroughMaxSessionsConcurrentSessions() throws Exception {
        String[] sent = texts("job-", 60);
        send("jobs", sent);
        CyclicBarrier allSessionsAtOnce = new CyclicBarrier(3);
        AtomicInteger started = new AtomicInteger();
        LogJmsActivationSpec spec = queueSpec("jobs");
        spec.setMaxSessions(3);

        TestEndpointFactory endpoints = activate(spec, false, message -> {
            if (started.incrementAndGet() <= 3) {
                allSessionsAtOnce.await(20, SECONDS);   // only three sessions delivering at once get past
            }
        });

        await().atMost(Duration.ofSeconds(30)).until(() -> endpoints.deliveries.size() >= sent.length);
        assertThat(endpoints.texts()).containsExactlyInAnyOrder(sent);
        assertThat(endpoints.deliveries).extracting(TestEndpointFactory.Delivery::thread)
                .allMatch(thread -> thread.startsWith("test-work-"))
                .as("delivery threads").hasSizeGreaterThanOrEqualTo(3);
        assertThat(endpoints.deliveries.stream().map(TestEndpointFactory.Delivery::thread).distinct().count())
                .isEqualTo(3);
        assertThat(drain("jobs", 500)).isEmpty();
    }

    @Test
    void anExceptionRedeliversWithTheDeliveryCountRaisedUntilTheBrokerDeadLettersTheMessage() throws Exception {
        List<Integer> attempts = new CopyOnWriteArrayList<>();
        activate(queueSpec("poison"), false, message -> {
            attempts.add(message.getIntProperty("JMSXDeliveryCount"));
            throw new IllegalStateException("failing on purpose");
        });

        send("poison", "bad");

        List<String> deadLetters = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            deadLetters.addAll(drain("DLQ", 200));
            return !deadLetters.isEmpty();
        });
        assertThat(deadLetters).containsExactly("bad");
        assertThat(attempts).containsExactly(IntStream.rangeClosed(1, MAX_DELIVERY_ATTEMPTS).boxed()
                .toArray(Integer[]::new));
    }

    @Test
    void aTransactedDeliveryRunsInAnXaBranchBetweenBeforeAndAfterDeliveryOnOneWorkThread() throws Exception {
        TestEndpointFactory endpoints = activate(queueSpec("tx"), true, message -> { });

        send("tx", "one");

        await().atMost(Duration.ofSeconds(20)).until(() -> endpoints.calls.size() >= 3);
        String thread = endpoints.deliveries.get(0).thread();
        assertThat(endpoints.calls).containsExactly("before:" + thread, "onMessage:" + thread, "after:" + thread);
        assertThat(endpoints.xaOutcomes).containsExactly("commit");
        // the broker saw the branch the endpoint's transaction manager committed
        assertThat(broker.metrics().xaRequests("commit_one_phase")).isGreaterThanOrEqualTo(1);
        assertThat(drain("tx", 500)).isEmpty();
    }

    @Test
    void aTransactionMarkedRollbackOnlyRollsTheBranchBackAndTheMessageComesAgainRedelivered() throws Exception {
        transactions.markNextRollbackOnly(1);
        List<Boolean> redelivered = new CopyOnWriteArrayList<>();
        TestEndpointFactory endpoints = activate(queueSpec("rollback"), true,
                message -> redelivered.add(message.getJMSRedelivered()));

        send("rollback", "again");

        await().atMost(Duration.ofSeconds(20)).until(() -> endpoints.deliveries.size() >= 2);
        assertThat(endpoints.deliveries).extracting(TestEndpointFactory.Delivery::deliveryCount).containsExactly(1, 2);
        assertThat(redelivered).containsExactly(false, true);
        assertThat(endpoints.xaOutcomes).containsExactly("rollback", "commit");
        assertThat(broker.metrics().xaRequests("rollback")).isEqualTo(1);
        assertThat(drain("rollback", 500)).isEmpty();
        assertThat(drain("DLQ", 200)).isEmpty();
    }

    @Test
    void anExceptionInATransactedDeliveryRollsBackUntilTheBrokerDeadLettersTheMessage() throws Exception {
        TestEndpointFactory endpoints = activate(queueSpec("xa-poison"), true, message -> {
            throw new IllegalStateException("the bean fails");
        });

        send("xa-poison", "bad");

        await().atMost(Duration.ofSeconds(20)).until(() -> endpoints.xaOutcomes.size() >= MAX_DELIVERY_ATTEMPTS);
        assertThat(drain("DLQ", 1_000)).containsExactly("bad");
        assertThat(endpoints.xaOutcomes).containsOnly("rollback");
        assertThat(drain("xa-poison", 300)).isEmpty();
    }

    @Test
    void getXAResourcesGivesTheContainersRecoveryAResourceThatListsAndCompletesPreparedBranches() throws Exception {
        // a branch left prepared, as by a server that crashed between prepare and commit
        Xid prepared = TestXid.next(1);
        try (XAConnection crashed = new LogJmsXAConnectionFactory(url()).createXAConnection()) {
            XASession session = crashed.createXASession();
            XAResource resource = session.getXAResource();
            resource.start(prepared, XAResource.TMNOFLAGS);
            session.createProducer(session.createQueue("recovered")).send(session.createTextMessage("in doubt"));
            resource.end(prepared, XAResource.TMSUCCESS);
            assertThat(resource.prepare(prepared)).isEqualTo(XAResource.XA_OK);
        }
        LogJmsActivationSpec one = queueSpec("a");
        LogJmsActivationSpec sameBroker = queueSpec("b");

        XAResource[] resources = adapter.getXAResources(new ActivationSpec[] {one, sameBroker});

        assertThat(resources).hasSize(1);
        Xid[] listed = resources[0].recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN);
        assertThat(listed).extracting(Xid::getGlobalTransactionId).containsExactly(prepared.getGlobalTransactionId());
        resources[0].commit(listed[0], false);
        assertThat(drain("recovered", 1_000)).containsExactly("in doubt");
        // the next scan reuses the open connection; stop() closes it
        assertThat(adapter.getXAResources(new ActivationSpec[] {one})).containsExactly(resources[0]);
        assertThat(adapter.recoveryConnections()).isEqualTo(1);
        adapter.stop();
        assertThat(adapter.recoveryConnections()).isZero();
    }

    @Test
    void getXAResourcesNamesTheBrokerItCouldNotReach() {
        LogJmsActivationSpec unreachable = queueSpec("a");
        unreachable.setConnectionUrl("logjms://127.0.0.1:1?reconnectTimeout=0&connectTimeout=500");

        assertThatThrownBy(() -> adapter.getXAResources(new ActivationSpec[] {unreachable}))
                .isInstanceOf(ResourceException.class).hasMessageContaining("recovery");
    }

    @Test
    void deactivationFinishesTheDeliveryInProgressClosesTheConsumerAndLosesNothing() throws Exception {
        String[] sent = texts("m-", 30);
        send("drain", sent);
        CountDownLatch inFifth = new CountDownLatch(1);
        CountDownLatch finishFifth = new CountDownLatch(1);
        AtomicInteger count = new AtomicInteger();
        LogJmsActivationSpec spec = queueSpec("drain");
        spec.setMaxSessions(1);
        TestEndpointFactory endpoints = activate(spec, false, message -> {
            if (count.incrementAndGet() == 5) {
                inFifth.countDown();
                finishFifth.await(20, SECONDS);
            }
        });
        assertThat(inFifth.await(20, SECONDS)).isTrue();

        CompletableFuture<Void> deactivated = CompletableFuture.runAsync(() -> adapter.endpointDeactivation(endpoints,
                spec));
        assertThat(deactivated).isNotDone();   // the fifth delivery is still in onMessage
        finishFifth.countDown();
        deactivated.get(20, SECONDS);

        List<String> delivered = endpoints.texts();
        assertThat(delivered).hasSize(5);
        List<String> left = drain("drain", 1_000);   // gets everything: no consumer of the endpoint is left
        assertThat(left).doesNotContainAnyElementsOf(delivered);
        List<String> all = new ArrayList<>(delivered);
        all.addAll(left);
        assertThat(all).containsExactlyInAnyOrder(sent);
        assertThat(endpoints.endpointsReleased.get()).isEqualTo(endpoints.endpointsCreated.get());
        assertThat(adapter.activeEndpoints()).isZero();
    }

    @Test
    void anEndpointConnectsAgainWhenTheBrokerComesBackAfterTheProviderGaveUp() throws Exception {
        LogJmsActivationSpec spec = queueSpec("outage");
        spec.setConnectionUrl(url() + "&reconnectTimeout=200");
        TestEndpointFactory endpoints = activate(spec, false, message -> { });
        send("outage", "before");
        await().atMost(Duration.ofSeconds(20)).until(() -> endpoints.texts().contains("before"));
        client.close();

        int port = broker.port();
        broker.close();
        InboundConnection connection = adapter.activation(endpoints).connection();
        await().atMost(Duration.ofSeconds(20)).until(connection::isLost);
        restartBrokerOnSamePort();
        assertThat(broker.port()).isEqualTo(port);
        client = new io.logjms.provider.LogJmsConnectionFactory(url()).createConnection();
        client.start();
        send("outage", "after");

        await().atMost(Duration.ofSeconds(30)).until(() -> endpoints.texts().contains("after"));
        assertThat(endpoints.texts()).containsExactly("before", "after");
    }

    @Test
    void anEndpointRidesOutAShortBrokerRestartThroughTheProvidersReconnect() throws Exception {
        TestEndpointFactory endpoints = activate(queueSpec("restart"), false, message -> { });
        send("restart", "before");
        await().atMost(Duration.ofSeconds(20)).until(() -> endpoints.texts().contains("before"));
        client.close();

        restartBrokerOnSamePort();
        client = new io.logjms.provider.LogJmsConnectionFactory(url()).createConnection();
        client.start();
        send("restart", "after");

        await().atMost(Duration.ofSeconds(30)).until(() -> endpoints.texts().contains("after"));
        assertThat(endpoints.texts()).containsExactly("before", "after");
        assertThat(adapter.activation(endpoints).connection().isLost()).isFalse();
    }

    @Test
    void aDurableSubscriptionKeepsWhatIsPublishedWhileItsEndpointIsDeactivated() throws Exception {
        LogJmsActivationSpec spec = topicSpec("news");
        spec.setSubscriptionDurability("Durable");
        spec.setSubscriptionName("audit");
        TestEndpointFactory first = activate(spec, false, message -> { });
        awaitSubscribed("news", first);
        publish("news", "seen-live");
        await().atMost(Duration.ofSeconds(20)).until(() -> first.texts().contains("seen-live"));
        adapter.endpointDeactivation(first, spec);

        publish("news", "while-away-1", "while-away-2");
        TestEndpointFactory second = activate(spec, false, message -> { });

        await().atMost(Duration.ofSeconds(20)).until(() -> second.deliveries.size() >= 2);
        assertThat(second.texts()).containsExactlyInAnyOrder("while-away-1", "while-away-2");
    }

    @Test
    void startPositionEarliestReplaysTheTopicsHistoryIntoANewEndpoint() throws Exception {
        publish("history", texts("h-", 5));
        LogJmsActivationSpec spec = topicSpec("history");
        spec.setStartPosition("earliest");

        TestEndpointFactory endpoints = activate(spec, false, message -> { });

        await().atMost(Duration.ofSeconds(20)).until(() -> endpoints.deliveries.size() >= 5);
        assertThat(endpoints.texts()).containsExactly(texts("h-", 5));
    }

    @Test
    void stoppingTheAdapterDeactivatesEveryEndpoint() throws Exception {
        activate(queueSpec("a"), false, message -> { });
        activate(topicSpec("b"), false, message -> { });
        assertThat(adapter.activeEndpoints()).isEqualTo(2);

        adapter.stop();

        assertThat(adapter.activeEndpoints()).isZero();
        work.close();   // fails if a delivery worker still runs
    }

    /** Publishes probes until the endpoint gets one: the subscription exists from then on. */
    private void awaitSubscribed(String topic, TestEndpointFactory endpoints) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() -> {
            publishQuietly(topic, "probe");
            return endpoints.texts().contains("probe");
        });
    }

    private void publishQuietly(String topic, String text) {
        try {
            publish(topic, text);
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }
}
