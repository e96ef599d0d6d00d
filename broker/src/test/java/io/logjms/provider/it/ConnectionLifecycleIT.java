package io.logjms.provider.it;

import static io.logjms.provider.it.QueueIT.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ConnectionLifecycleIT extends EmbeddedBrokerSupport {

    @Test
    void noDeliveryWhileStoppedAndStopWaitsForARunningListener() throws Exception {
        Connection connection = connection();
        Session session = connection.createSession();
        Queue queue = session.createQueue("stop-start");
        MessageProducer producer = session.createProducer(queue);
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> got = new CopyOnWriteArrayList<>();
        Session listenerSession = connection.createSession();
        listenerSession.createConsumer(queue).setMessageListener(m -> {
            got.add(text(m));
            entered.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        producer.send(session.createTextMessage("first"));
        connection.start();
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> {
            try {
                connection.stop();
            } catch (JMSException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> !stopping.isDone());
        release.countDown();
        stopping.get(5, TimeUnit.SECONDS);
        producer.send(session.createTextMessage("second"));
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> got.size() == 1);
        connection.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> got.size() == 2);
        assertThat(got).containsExactly("first", "second");
    }

    @Test
    void sessionCloseFromAnotherThreadWaitsForTheRunningListener() throws Exception {
        Connection connection = connection();
        Session session = connection.createSession();
        Queue queue = session.createQueue("close-waits");
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<String> listenerSaw = new AtomicReference<>();
        Session listenerSession = connection.createSession();
        listenerSession.createConsumer(queue).setMessageListener(m -> {
            entered.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
                listenerSaw.set(text(m));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        session.createProducer(queue).send(session.createTextMessage("in progress"));
        connection.start();
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> closing = CompletableFuture.runAsync(() -> {
            try {
                listenerSession.close();
            } catch (JMSException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> !closing.isDone());
        release.countDown();
        closing.get(5, TimeUnit.SECONDS);
        assertThat(listenerSaw.get()).as("the listener finished before close returned").isEqualTo("in progress");
    }

    @Test
    void aListenerCannotStopOrCloseItsOwnConnectionOrSessionButCanCloseItsConsumer() throws Exception {
        Connection connection = connection();
        Session session = connection.createSession();
        Queue queue = session.createQueue("self-close");
        List<Class<?>> failures = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        MessageConsumer consumer = session.createConsumer(queue);
        consumer.setMessageListener(m -> {
            for (ThrowingAction action : List.<ThrowingAction>of(connection::stop, connection::close, session::close)) {
                try {
                    action.run();
                } catch (Exception e) {
                    failures.add(e.getClass());
                }
            }
            try {
                consumer.close();
            } catch (Exception e) {
                failures.add(e.getClass());
            }
            done.countDown();
        });
        connection.start();
        session.createProducer(queue).send(session.createTextMessage("x"));
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(failures).containsExactly(IllegalStateException.class, IllegalStateException.class,
                IllegalStateException.class);
        connection.close();
        connection.close();
        assertThatThrownBy(connection::createSession).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> session.createTextMessage()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void closeMakesABlockedReceiveReturnNull() throws Exception {
        Connection connection = connection();
        Session session = connection.createSession();
        MessageConsumer consumer = session.createConsumer(session.createQueue("blocked"));
        connection.start();
        CompletableFuture<Message> receiving = CompletableFuture.supplyAsync(() -> {
            try {
                return consumer.receive();
            } catch (JMSException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        await().during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(1)).until(() -> !receiving.isDone());
        connection.close();
        assertThat(receiving.get(5, TimeUnit.SECONDS)).isNull();
    }

    @Test
    void withReconnectingOffLosingTheBrokerTellsTheExceptionListenerOnceAndEndsReceives() throws Exception {
        Connection connection = closeLater(factory("reconnectTimeout=0").createConnection());
        List<JMSException> reported = new CopyOnWriteArrayList<>();
        connection.setExceptionListener(reported::add);
        Session session = connection.createSession();
        Queue queue = session.createQueue("lost");
        MessageConsumer consumer = session.createConsumer(queue);
        MessageProducer producer = session.createProducer(queue);
        connection.start();
        CompletableFuture<Message> receiving = CompletableFuture.supplyAsync(() -> {
            try {
                return consumer.receive();
            } catch (JMSException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        broker.close();
        assertThat(receiving.get(10, TimeUnit.SECONDS)).isNull();
        await().atMost(Duration.ofSeconds(5)).until(() -> !reported.isEmpty());
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(1)).until(() -> reported.size() == 1);
        assertThatThrownBy(() -> producer.send(session.createTextMessage("late"))).isInstanceOf(JMSException.class);
        connection.close();
    }

    @Test
    void asyncSendsCompleteInSendOrderOnAnotherThreadAndArriveInOrder() throws Exception {
        Connection connection = connection();
        Session session = connection.createSession();
        Queue queue = session.createQueue("async");
        MessageProducer producer = session.createProducer(queue);
        int count = 500;
        List<Integer> completed = Collections.synchronizedList(new ArrayList<>());
        AtomicReference<Thread> callbackThread = new AtomicReference<>();
        AtomicReference<Exception> closeFromCallback = new AtomicReference<>();
        for (int i = 0; i < count; i++) {
            Message m = session.createTextMessage("a" + i);
            m.setIntProperty("i", i);
            producer.send(m, new CompletionListener() {
                @Override
                public void onCompletion(Message message) {
                    callbackThread.set(Thread.currentThread());
                    try {
                        completed.add(message.getIntProperty("i"));
                        if (completed.size() == 1) {
                            session.close();
                        }
                    } catch (Exception e) {
                        closeFromCallback.set(e);
                    }
                }

                @Override
                public void onException(Message message, Exception exception) {
                    closeFromCallback.set(exception);
                }
            });
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> completed.size() == count);
        assertThat(completed).isSorted().hasSize(count);
        assertThat(callbackThread.get()).isNotEqualTo(Thread.currentThread());
        assertThat(closeFromCallback.get()).isInstanceOf(IllegalStateException.class);
        MessageConsumer consumer = session.createConsumer(queue);
        connection.start();
        for (int i = 0; i < count; i++) {
            assertThat(consumer.receive(5000).getIntProperty("i")).isEqualTo(i);
        }
    }

    @Test
    void connectsToTheFirstBrokerThatAnswersAndReportsMetadata() throws Exception {
        String url = "logjms://127.0.0.1:1," + "127.0.0.1:" + broker.port() + "?connectTimeout=2000";
        Connection connection = closeLater(new io.logjms.provider.LogJmsConnectionFactory(url).createConnection());
        ConnectionMetaData meta = connection.getMetaData();
        assertThat(meta.getJMSVersion()).isEqualTo("3.1");
        assertThat(meta.getJMSProviderName()).isEqualTo("logjms");
        assertThat(Collections.list(meta.getJMSXPropertyNames()))
                .containsExactlyInAnyOrder("JMSXDeliveryCount", "JMSXGroupID", "JMSXGroupSeq");
        assertThatThrownBy(() -> new io.logjms.provider.LogJmsConnectionFactory("logjms://127.0.0.1:1?connectTimeout=500")
                .createConnection()).isInstanceOf(JMSException.class).hasMessageContaining("127.0.0.1:1");
    }

    @FunctionalInterface
    interface ThrowingAction {
        void run() throws Exception;
    }
}
