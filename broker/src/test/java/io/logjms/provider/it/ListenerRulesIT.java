package io.logjms.provider.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a MessageListener and a CompletionListener may call on the objects they belong to (Jakarta
 * Messaging 3.1, section 7.3.8 and the javadoc of close, stop, commit and rollback), one row per call:
 * a MessageListener must not stop or close its own connection or JMSContext, nor close its own
 * session (the classic API lets a provider refuse; logjms does); it may close its own consumer and
 * commit or roll back its session. A CompletionListener must not close its connection, session,
 * producer or JMSContext, nor commit or roll back their transaction; it may stop them.
 */
class ListenerRulesIT extends EmbeddedBrokerSupport {
    private static final long WAIT_SECONDS = 10;

    enum Callback { MESSAGE_LISTENER, COMPLETION_LISTENER }

    /** The classic objects a callback belongs to. */
    record Classic(Connection connection, Session session, MessageProducer producer, MessageConsumer consumer) {
    }

    /** The simplified-API objects a callback belongs to. */
    record Simplified(JMSContext context, JMSContext sibling, JMSConsumer consumer) {
    }

    interface Call<F> {
        void run(F fixture) throws Exception;
    }

    interface Action {
        void run() throws Exception;
    }

    /**
     * One rule: what a callback calls, and the exception it must get (null: the call is allowed), and
     * what must hold afterwards on the calling thread of the test.
     */
    record Rule<F>(Callback callback, String call, boolean transacted, Call<F> action,
                   Class<? extends Throwable> refusal, Call<F> afterwards) {
        @Override
        public String toString() {
            return callback + " calls " + call + (refusal == null ? ": allowed" : ": " + refusal.getSimpleName());
        }
    }

    static Stream<Rule<Classic>> classicRules() {
        Class<? extends Throwable> refused = IllegalStateException.class;
        return Stream.of(
                classic(Callback.MESSAGE_LISTENER, "Connection.stop()", false, f -> f.connection().stop(), refused,
                        ListenerRulesIT::stillDelivers),
                classic(Callback.MESSAGE_LISTENER, "Connection.close()", false, f -> f.connection().close(), refused,
                        ListenerRulesIT::stillDelivers),
                classic(Callback.MESSAGE_LISTENER, "Session.close()", false, f -> f.session().close(), refused,
                        f -> f.session().createTextMessage()),
                classic(Callback.MESSAGE_LISTENER, "MessageConsumer.close() of its own consumer", false,
                        f -> f.consumer().close(), null, ListenerRulesIT::consumerIsClosed),
                classic(Callback.MESSAGE_LISTENER, "MessageProducer.close()", false, f -> f.producer().close(), null,
                        ListenerRulesIT::producerIsClosed),
                classic(Callback.MESSAGE_LISTENER, "Connection.start()", false, f -> f.connection().start(), null,
                        ListenerRulesIT::stillDelivers),
                classic(Callback.MESSAGE_LISTENER, "Session.commit()", true, f -> f.session().commit(), null,
                        f -> { }),
                classic(Callback.MESSAGE_LISTENER, "Session.rollback()", true, f -> f.session().rollback(), null,
                        f -> { }),
                classic(Callback.MESSAGE_LISTENER, "Session.recover()", false, f -> f.session().recover(), null,
                        f -> { }),
                classic(Callback.COMPLETION_LISTENER, "Connection.stop()", false, f -> f.connection().stop(), null,
                        ListenerRulesIT::stoppedThenStartsAgain),
                classic(Callback.COMPLETION_LISTENER, "Connection.start()", false, f -> f.connection().start(), null,
                        ListenerRulesIT::stillDelivers),
                classic(Callback.COMPLETION_LISTENER, "Connection.close()", false, f -> f.connection().close(), refused,
                        ListenerRulesIT::stillDelivers),
                classic(Callback.COMPLETION_LISTENER, "Session.close()", false, f -> f.session().close(), refused,
                        f -> f.session().createTextMessage()),
                classic(Callback.COMPLETION_LISTENER, "MessageProducer.close()", false, f -> f.producer().close(),
                        refused, f -> f.producer().send(f.session().createTextMessage("after"))),
                classic(Callback.COMPLETION_LISTENER, "Session.commit()", true, f -> f.session().commit(), refused,
                        f -> f.session().commit()),
                classic(Callback.COMPLETION_LISTENER, "Session.rollback()", true, f -> f.session().rollback(), refused,
                        f -> f.session().rollback()));
    }

    static Stream<Rule<Simplified>> simplifiedRules() {
        Class<? extends Throwable> refused = IllegalStateRuntimeException.class;
        return Stream.of(
                simplified(Callback.MESSAGE_LISTENER, "JMSContext.stop()", false, f -> f.context().stop(), refused,
                        ListenerRulesIT::stillDelivers),
                simplified(Callback.MESSAGE_LISTENER, "JMSContext.stop() of another context on its connection", false,
                        f -> f.sibling().stop(), refused,
                        ListenerRulesIT::stillDelivers),
                simplified(Callback.MESSAGE_LISTENER, "JMSContext.close()", false, f -> f.context().close(), refused,
                        ListenerRulesIT::stillDelivers),
                simplified(Callback.MESSAGE_LISTENER, "JMSConsumer.close() of its own consumer", false,
                        f -> f.consumer().close(), null, ListenerRulesIT::consumerIsClosed),
                simplified(Callback.MESSAGE_LISTENER, "JMSContext.commit()", true, f -> f.context().commit(), null,
                        f -> { }),
                simplified(Callback.MESSAGE_LISTENER, "JMSContext.rollback()", true, f -> f.context().rollback(), null,
                        f -> { }),
                simplified(Callback.COMPLETION_LISTENER, "JMSContext.stop()", false, f -> f.context().stop(), null,
                        ListenerRulesIT::stoppedThenStartsAgain),
                simplified(Callback.COMPLETION_LISTENER, "JMSContext.start()", false, f -> f.context().start(), null,
                        ListenerRulesIT::stillDelivers),
                simplified(Callback.COMPLETION_LISTENER, "JMSContext.close()", false, f -> f.context().close(), refused,
                        ListenerRulesIT::stillDelivers),
                simplified(Callback.COMPLETION_LISTENER, "JMSContext.commit()", true, f -> f.context().commit(), refused,
                        f -> f.context().commit()),
                simplified(Callback.COMPLETION_LISTENER, "JMSContext.rollback()", true, f -> f.context().rollback(),
                        refused, f -> f.context().rollback()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("classicRules")
    void classicApi(Rule<Classic> rule) throws Exception {
        Connection connection = connection();
        Session session = connection.createSession(rule.transacted() ? Session.SESSION_TRANSACTED
                : Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("rules");
        Classic fixture = new Classic(connection, session, session.createProducer(queue),
                session.createConsumer(queue));
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Runnable inCallback = once(() -> rule.action().run(fixture), outcome);
        if (rule.callback() == Callback.MESSAGE_LISTENER) {
            fixture.consumer().setMessageListener(m -> inCallback.run());
            connection.start();
            Session trigger = connection.createSession();
            trigger.createProducer(queue).send(trigger.createTextMessage("trigger"));
        } else {
            connection.start();
            fixture.producer().send(session.createTextMessage("trigger"), completion(inCallback, outcome));
        }
        check(rule, outcome.get(WAIT_SECONDS, TimeUnit.SECONDS));
        if (rule.callback() == Callback.MESSAGE_LISTENER && rule.refusal() != null) {
            fixture.consumer().setMessageListener(null);
        }
        rule.afterwards().run(fixture);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("simplifiedRules")
    void simplifiedApi(Rule<Simplified> rule) throws Exception {
        JMSContext context = closeLater(factory().createContext(rule.transacted() ? JMSContext.SESSION_TRANSACTED
                : JMSContext.AUTO_ACKNOWLEDGE));
        Queue queue = context.createQueue("rules");
        Simplified fixture = new Simplified(context, closeLater(context.createContext(JMSContext.AUTO_ACKNOWLEDGE)),
                context.createConsumer(queue));
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Runnable inCallback = once(() -> rule.action().run(fixture), outcome);
        if (rule.callback() == Callback.MESSAGE_LISTENER) {
            fixture.consumer().setMessageListener(m -> inCallback.run());
            JMSContext trigger = closeLater(factory().createContext());
            trigger.createProducer().send(queue, "trigger");
        } else {
            context.createProducer().setAsync(completion(inCallback, outcome)).send(queue, "trigger");
        }
        check(rule, outcome.get(WAIT_SECONDS, TimeUnit.SECONDS));
        if (rule.callback() == Callback.MESSAGE_LISTENER && rule.refusal() != null) {
            fixture.consumer().setMessageListener(null);
        }
        rule.afterwards().run(fixture);
    }

    private static void check(Rule<?> rule, Throwable thrown) {
        if (rule.refusal() == null) {
            assertThat(thrown).as(rule.toString()).isNull();
        } else {
            assertThat(thrown).as(rule.toString()).isInstanceOf(rule.refusal())
                    .hasMessageContaining(rule.callback() == Callback.MESSAGE_LISTENER ? "MessageListener"
                            : "CompletionListener");
        }
    }

    // ---- what holds afterwards ----

    private static void stillDelivers(Classic f) throws Exception {
        Session other = f.connection().createSession();
        Queue queue = other.createQueue("after");
        MessageConsumer consumer = other.createConsumer(queue);
        other.createProducer(queue).send(other.createTextMessage("after"));
        assertThat(consumer.receive(WAIT_SECONDS * 1000)).as("the connection still delivers").isNotNull();
    }

    private static void stillDelivers(Simplified f) {
        JMSContext other = f.context().createContext(JMSContext.AUTO_ACKNOWLEDGE);
        try {
            Queue queue = other.createQueue("after");
            JMSConsumer consumer = other.createConsumer(queue);
            other.createProducer().send(queue, "after");
            assertThat(consumer.receiveBody(String.class, WAIT_SECONDS * 1000)).isEqualTo("after");
        } finally {
            other.close();
        }
    }

    /** The stop took effect: nothing is received until start. */
    private static void stoppedThenStartsAgain(Classic f) throws Exception {
        Session other = f.connection().createSession();
        Queue queue = other.createQueue("after-stop");
        MessageConsumer consumer = other.createConsumer(queue);
        other.createProducer(queue).send(other.createTextMessage("after"));
        assertThat(consumer.receive(300)).as("a stopped connection delivers nothing").isNull();
        f.connection().start();
        assertThat(consumer.receive(WAIT_SECONDS * 1000)).isNotNull();
    }

    private static void stoppedThenStartsAgain(Simplified f) {
        Queue queue = f.context().createQueue("after-stop");
        f.context().setAutoStart(false);
        JMSConsumer consumer = f.context().createConsumer(queue);
        f.context().createProducer().send(queue, "after");
        assertThat(consumer.receive(300)).as("a stopped JMSContext delivers nothing").isNull();
        f.context().start();
        assertThat(consumer.receiveBody(String.class, WAIT_SECONDS * 1000)).isEqualTo("after");
    }

    private static void consumerIsClosed(Classic f) {
        assertThatThrownBy(() -> f.consumer().receiveNoWait())
                .isInstanceOf(IllegalStateException.class);
    }

    private static void consumerIsClosed(Simplified f) {
        assertThatThrownBy(() -> f.consumer().receiveNoWait())
                .isInstanceOf(IllegalStateRuntimeException.class);
    }

    private static void producerIsClosed(Classic f) {
        assertThatThrownBy(() -> f.producer().send(f.session().createMessage()))
                .isInstanceOf(IllegalStateException.class);
    }

    // ---- plumbing ----

    private static Rule<Classic> classic(Callback callback, String call, boolean transacted, Call<Classic> action,
                                         Class<? extends Throwable> refusal, Call<Classic> afterwards) {
        return new Rule<>(callback, call, transacted, action, refusal, afterwards);
    }

    private static Rule<Simplified> simplified(Callback callback, String call, boolean transacted,
                                               Call<Simplified> action, Class<? extends Throwable> refusal,
                                               Call<Simplified> afterwards) {
        return new Rule<>(callback, call, transacted, action, refusal, afterwards);
    }

    /** Runs the action the first time only (a listener may see the trigger again after a rollback). */
    private static Runnable once(Action action, CompletableFuture<Throwable> outcome) {
        AtomicBoolean ran = new AtomicBoolean();
        return () -> {
            if (!ran.compareAndSet(false, true)) {
                return;
            }
            try {
                action.run();
                outcome.complete(null);
            } catch (Throwable t) {
                outcome.complete(t);
            }
        };
    }

    private static CompletionListener completion(Runnable onCompletion, CompletableFuture<Throwable> outcome) {
        return new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
                onCompletion.run();
            }

            @Override
            public void onException(Message message, Exception exception) {
                outcome.completeExceptionally(exception);
            }
        };
    }
}
