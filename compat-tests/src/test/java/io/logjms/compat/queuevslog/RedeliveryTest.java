package io.logjms.compat.queuevslog;

import static org.assertj.core.api.Assertions.assertThat;

import io.logjms.compat.JmsProviderUnderTest;
import io.logjms.compat.ProviderTest;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;

/**
 * A consumer that crashes before acknowledging: its connection goes away and the message must come back to
 * the next consumer, flagged as redelivered with the delivery count raised. A log-based queue keeps this
 * contract through its shared cursor.
 */
class RedeliveryTest extends QueueVsLogScenario {

    @TempDir
    Path dataDir;

    @ProviderTest
    @DisplayName("7a redelivery after a consumer crash (connection closed without ack)")
    void unacknowledgedMessageComesBackFlagged(JmsProviderUnderTest provider, TestReporter reporter)
            throws JMSException {
        Session sender = session(provider);
        Queue queue = sender.createQueue(unique("crash"));
        sendTexts(sender, queue, "job", 1);

        Connection crashing = provider.connectionFactory().createConnection();
        resources.track(crashing, crashing::close);
        crashing.start();
        Session crashingSession = crashing.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Message first = receive(crashingSession.createConsumer(queue), 1).get(0);
        boolean firstRedelivered = first.getJMSRedelivered();
        int firstCount = first.getIntProperty("JMSXDeliveryCount");
        crashing.close();

        MessageConsumer next = session(provider.connectionFactory(), null, Session.CLIENT_ACKNOWLEDGE)
                .createConsumer(queue);
        Message again = receive(next, 1).get(0);
        again.acknowledge();

        observe(reporter, "first delivery: JMSRedelivered=" + firstRedelivered + ", JMSXDeliveryCount=" + firstCount
                + "; after the crash: JMSRedelivered=" + again.getJMSRedelivered() + ", JMSXDeliveryCount="
                + again.getIntProperty("JMSXDeliveryCount"));
        assertThat(firstRedelivered).isFalse();
        assertThat(firstCount).isEqualTo(1);
        assertThat(((TextMessage) again).getText()).isEqualTo("job0");
        assertThat(again.getJMSRedelivered()).isTrue();
        assertThat(again.getIntProperty("JMSXDeliveryCount")).isEqualTo(2);
        assertThat(drain(next)).as("delivered once more, not duplicated").isEmpty();
    }

    @ProviderTest
    @DisplayName("7b redelivery count after a broker restart (logjms only: its own broker, restarted)")
    void deliveryCountSurvivesABrokerRestart(JmsProviderUnderTest provider, TestReporter reporter)
            throws JMSException {
        Assumptions.assumeTrue(isLogJms(provider),
                "the Artemis provider under test cannot be restarted (its data directory lives only as long as it)");
        DedicatedLogJmsBroker broker = DedicatedLogJmsBroker.start(dataDir, Map.of(), transport(provider));
        resources.track(broker, broker::close);
        String name = unique("restart");
        Connection sending = startedConnection(broker.connectionFactory(), null);
        Session sender = sending.createSession(false, Session.AUTO_ACKNOWLEDGE);
        sendTexts(sender, sender.createQueue(name), "job", 1);
        sending.close();

        Connection crashing = broker.connectionFactory().createConnection();
        resources.track(crashing, crashing::close);
        crashing.start();
        Session crashingSession = crashing.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        Message first = receive(crashingSession.createConsumer(crashingSession.createQueue(name)), 1).get(0);
        int firstCount = first.getIntProperty("JMSXDeliveryCount");
        crashing.close();
        broker.restart();

        Session after = session(broker.connectionFactory(), null, Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer next = after.createConsumer(after.createQueue(name));
        Message again = receive(next, 1).get(0);
        again.acknowledge();

        observe(reporter, "first delivery JMSXDeliveryCount=" + firstCount + "; consumer closed without ack, broker "
                + "restarted; then JMSRedelivered=" + again.getJMSRedelivered() + ", JMSXDeliveryCount="
                + again.getIntProperty("JMSXDeliveryCount"));
        assertThat(firstCount).isEqualTo(1);
        assertThat(((TextMessage) again).getText()).isEqualTo("job0");
        assertThat(again.getJMSRedelivered()).isTrue();
        assertThat(again.getIntProperty("JMSXDeliveryCount")).as("the count survives the restart").isEqualTo(2);
    }
}
